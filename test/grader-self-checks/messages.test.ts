import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { selectExercises } from '../../scripts/grader/exercises';
import { gradeFolder } from '../../scripts/grader/grade-folder';
import { GradeReport } from '../../scripts/grader/report';
import { checkTitled, exercise } from './grading';

/** An LRU whose constructor throws `undefined` for 0, whose get throws a null-prototype object, and whose peek('a') exhausts the heap. */
const ODD_THROWS = `
export class LRUCache<K, V> {
  constructor(readonly capacity: number) {
    if (capacity === 0) throw undefined;
  }
  get size(): number { return 0; }
  get(_key: K): V | undefined { throw Object.create(null); }
  set(_key: K, _value: V): void {}
  has(_key: K): boolean { return false; }
  peek(key: K): V | undefined {
    const hoard: number[][] = [];
    while (key === 'a') hoard.push(new Array(1e7).fill(1.5));
    return undefined;
  }
  delete(_key: K): boolean { return false; }
  keys(): K[] { return []; }
}
`;

describe('grader self-check: what learner code threw is reported as what it was', function () {
  this.timeout(120_000);
  let folder: string;
  let report: GradeReport;

  before(async function () {
    this.timeout(120_000);
    folder = mkdtempSync(join(tmpdir(), 'cachecraft-throws-'));
    writeFileSync(join(folder, 'lru-cache.ts'), ODD_THROWS);
    // Heap exhaustion takes a few seconds to reach: a longer limit than the other self-checks.
    report = await gradeFolder({ target: folder, exercises: selectExercises(['lru']), timeoutMs: 15_000 });
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('throw undefined is "threw undefined", not "did not throw"', () => {
    expect(checkTitled(report, 'lru-cache', 'rejects a capacity').message).to.equal('new LRUCache(0) should throw a RangeError, but it threw undefined');
  });

  it('a thrown Object.create(null) is shown, not "the test process died"', () => {
    expect(checkTitled(report, 'lru-cache', 'get returns').message).to.equal('your code threw [Object: null prototype] {}, which is not an Error');
    expect(report.errors).to.deep.equal([]);
  });

  it('heap exhaustion is reported as running out of memory, and flagged', () => {
    expect(checkTitled(report, 'lru-cache', 'has and peek').message).to.match(/^your code ran out of memory during `LRUCache\.peek\(\)` \(the grader gives it 512 MB of heap\)/);
    expect(exercise(report, 'lru-cache').flags).to.include('out of memory');
  });
});
