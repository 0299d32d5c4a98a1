/**
 * What a graded file may not import: the answers (solutions/), the course library (lib/, the
 * `cachecraft` package) and ready-made caches. One list, in one place; `--allow-imports` lifts it.
 */

/** Packages that implement caches (LRU, LFU, TTL, stampede protection) for you. */
export const CACHE_PACKAGES: readonly string[] = [
  'lru-cache',
  'mnemonist',
  'quick-lru',
  'tiny-lru',
  'lru',
  'lru_map',
  'lru.min',
  'hashlru',
  'node-cache',
  'memory-cache',
  'cache-manager',
  'cacheable',
  'bentocache',
  'keyv',
  '@isaacs/ttlcache',
  '@keyv/redis',
  'ttlcache',
  'flru',
  'js-lru',
  'lfu-cache',
  'node-lfu-cache',
  'p-memoize',
  'memoizee',
  'async-cache',
  'redlock',
  'cachified',
  '@epic-web/cachified',
];

/** The course's own library, as a package name. */
export const COURSE_PACKAGE = 'cachecraft';

/** Folders of the repository a graded file may not import from, relative to its root. */
export const FORBIDDEN_FOLDERS: readonly string[] = ['solutions', 'lib'];
