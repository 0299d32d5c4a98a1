/**
 * Grades a whole class: every sub-folder of a submissions folder is one learner's exercises/.
 *
 * Each learner is graded by {@link gradeFolder} on its own (its own child processes and, for the
 * Redis checks, its own private redis-server), several learners at a time up to the number of
 * cores. The results become one JSON report per learner and a CSV gradebook.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'fs';
import { availableParallelism } from 'os';
import { join } from 'path';
import { Exercise } from './exercises';
import { gradeFolder } from './grade-folder';
import { GradeReport, summarise } from './report';
import { gradebookCsv } from './gradebook';

/** Options for {@link gradeClass}. */
export interface GradeClassOptions {
  /** The submissions folder (absolute): one sub-folder per learner. */
  root: string;
  exercises: Exercise[];
  /** Where `gradebook.csv` and `<learner>.json` go (absolute; created when missing). */
  reportsDir: string;
  /** Learners graded at the same time (default: the number of cores). */
  concurrency?: number;
  /** Time limit of a check that sets none, in ms. */
  timeoutMs?: number;
  /** Extra time before a hung check's process is killed, in ms. */
  graceMs?: number;
  /** Let learner files import solutions/, the course library or cache packages. */
  allowImports?: boolean;
  /** Called as each learner finishes (for progress output). */
  onLearner?: (learner: string, report: GradeReport) => void;
}

/** One learner's grade. */
export interface LearnerGrade {
  /** The sub-folder's name. */
  learner: string;
  report: GradeReport;
  /** Where the learner's JSON report was written. */
  reportFile: string;
}

/** The grade of a class. */
export interface ClassGrade {
  learners: LearnerGrade[];
  exercises: Exercise[];
  gradebookFile: string;
  /** Wall time of the whole run, in ms. */
  wallMs: number;
  concurrency: number;
}

/** The learners' folders under `root`, sorted; hidden folders are skipped. */
export function learnerFolders(root: string): string[] {
  return readdirSync(root)
    .filter((name) => !name.startsWith('.') && statSync(join(root, name)).isDirectory())
    .sort();
}

/**
 * A file name for `learner` that cannot leave the reports folder or clash with the gradebook.
 * Folder names are kept when they are plain (letters, digits, `.`, `_`, `-`).
 */
export function reportFileName(learner: string): string {
  const safe = learner.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return `${safe === 'gradebook' ? '_gradebook' : safe}.json`;
}

/** Grades every learner folder under `options.root` and writes the reports. */
export async function gradeClass(options: GradeClassOptions): Promise<ClassGrade> {
  const started = Date.now();
  const learners = learnerFolders(options.root);
  if (learners.length === 0) throw new RangeError(`${options.root} holds no learner folders (one sub-folder per learner)`);
  const concurrency = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), learners.length));
  mkdirSync(options.reportsDir, { recursive: true });

  const grades: LearnerGrade[] = new Array(learners.length);
  let next = 0;
  const worker = async () => {
    while (next < learners.length) {
      const i = next++;
      const learner = learners[i];
      const target = join(options.root, learner);
      // One learner the grader cannot grade must not cost the class its gradebook: that row
      // gets status "error" and a flag, and the others go on.
      const report = await gradeFolder({
        target,
        exercises: options.exercises,
        timeoutMs: options.timeoutMs,
        graceMs: options.graceMs,
        allowImports: options.allowImports,
      }).catch((error: unknown) =>
        summarise(target, [], [`the grader failed on this folder: ${error instanceof Error ? error.message : String(error)}`]),
      );
      const reportFile = join(options.reportsDir, reportFileName(learner));
      writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
      grades[i] = { learner, report, reportFile };
      options.onLearner?.(learner, report);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  const gradebookFile = join(options.reportsDir, 'gradebook.csv');
  writeFileSync(gradebookFile, gradebookCsv(grades, options.exercises));
  return { learners: grades, exercises: options.exercises, gradebookFile, wallMs: Date.now() - started, concurrency };
}
