import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EXERCISES, findExercise } from '../../scripts/grader/exercises';
import { formatProgress, freshProgress, nextExercise, readProgress, writeProgress } from '../../scripts/grader/progress';

describe('grader self-check: the progress file of npm run watch', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cachecraft-progress-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts fresh without a file, and round-trips what was saved', () => {
    const file = join(dir, 'p.json');
    expect(readProgress(file)).to.deep.equal(freshProgress());
    const saved = { current: 'lfu-cache', done: ['ttl-cache', 'lru-cache'], points: { 'ttl-cache': 27, 'lru-cache': 29 }, hintLevel: { 'lru-cache': 3 } };
    writeProgress(saved, file);
    expect(readProgress(file)).to.deep.include(saved);
    expect(JSON.parse(readFileSync(file, 'utf8')).updatedAt).to.be.a('string');
  });

  it('reads a damaged or outdated file as far as it makes sense', () => {
    const file = join(dir, 'p.json');
    writeFileSync(file, '{ not json');
    expect(readProgress(file)).to.deep.equal(freshProgress());
    writeFileSync(file, JSON.stringify({ current: 'bloom-filter', done: ['ttl-cache', 'bloom-filter', 7], points: { 'ttl-cache': 27, x: 1, 'lru-cache': 'many' }, hintLevel: null }));
    expect(readProgress(file)).to.deep.include({ current: EXERCISES[0].name, done: ['ttl-cache'], points: { 'ttl-cache': 27 }, hintLevel: {} });
  });

  it('prints exercises done, the current one and the points', () => {
    const text = formatProgress({ current: 'lru-cache', done: ['ttl-cache'], points: { 'ttl-cache': 27, 'lru-cache': 19 }, hintLevel: { 'lru-cache': 1 } });
    const total = EXERCISES.reduce((sum, e) => sum + e.points, 0);
    expect(text).to.include(`Exercises done: 1/${EXERCISES.length}\nCurrent: lru-cache\nPoints: 46/${total}`);
    expect(text).to.match(new RegExp(`→ lru +19/${findExercise('lru')?.points} .*, 1 hint opened$`, 'm'));
    const everything = formatProgress({ current: EXERCISES[EXERCISES.length - 1].name, done: EXERCISES.map((e) => e.name), points: {}, hintLevel: {} });
    expect(everything).to.include('Current: none — every exercise is done');
  });

  it('knows the course order', () => {
    expect(nextExercise(EXERCISES[0])?.name).to.equal(EXERCISES[1].name);
    expect(nextExercise(EXERCISES[EXERCISES.length - 1])).to.equal(undefined);
  });
});
