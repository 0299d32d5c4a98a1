/**
 * Benchmark runner (`npm run bench`): runs every `bench/*.bench.ts` module in alphabetical
 * order, prints each section and writes BENCHMARKS.md at the repo root.
 *
 * `--quick` (or `BENCH_QUICK=1`) uses tiny sizes and does not overwrite BENCHMARKS.md.
 * A module that throws is reported and skipped; the run then exits non-zero.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { machineInfo } from './machine';

interface BenchSection {
  title: string;
  markdown: string;
}

interface BenchModule {
  run(options: { quick: boolean }): Promise<BenchSection>;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
  const modules = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort();
  const machine = machineInfo();
  const header = [
    '# Benchmarks',
    '',
    `Generated ${new Date().toISOString()} by \`npm run bench\`${quick ? ' --quick (tiny sizes: numbers are meaningless)' : ''}.`,
    '',
    `- CPU: ${machine.cpuModel}, ${machine.cores} cores`,
    `- Memory: ${machine.memoryGiB} GiB`,
    `- Node ${machine.node} on ${machine.platform}`,
    `- Load average at start (1 min): ${machine.load1}`,
    '',
    'Reproduce with `npm run bench` (add `-- --quick` for a fast smoke run). Numbers vary between ' +
      'machines and with background load; the ratios within one run are what to compare.',
  ].join('\n');
  console.log(header);

  const sections: string[] = [];
  let failed = false;
  for (const file of modules) {
    const started = Date.now();
    try {
      const mod = require(path.join(__dirname, file)) as BenchModule;
      if (typeof mod.run !== 'function') throw new TypeError(`${file} does not export run(options)`);
      const section = await mod.run({ quick });
      const text = `## ${section.title}\n\n${section.markdown}\n\n_(${file}, ${((Date.now() - started) / 1000).toFixed(1)} s)_`;
      console.log(`\n${text}`);
      sections.push(text);
    } catch (error) {
      failed = true;
      console.error(`\n${file} failed:`, error);
      sections.push(`## ${file}\n\nFailed: \`${String(error instanceof Error ? error.message : error)}\``);
    }
  }

  if (quick) {
    console.log('\n(quick mode: BENCHMARKS.md not written)');
  } else {
    const out = path.join(__dirname, '..', 'BENCHMARKS.md');
    writeFileSync(out, `${header}\n\n${sections.join('\n\n')}\n`);
    console.log(`\nWrote ${out}`);
  }
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
