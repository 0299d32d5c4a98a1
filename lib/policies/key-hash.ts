/**
 * 32-bit hashes of cache keys for the probabilistic structures of W-TinyLFU (count-min sketch,
 * doorkeeper). A `Map` hashes keys internally but does not expose it, so this file does: equal
 * keys (by `Map` semantics, SameValueZero) get equal hashes, and a seed makes the collisions a
 * choice of the cache rather than of the key space.
 */

const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);
/** Identity numbers for object and symbol keys, which have no content to hash. */
const identities = new WeakMap<object, number>();
let nextIdentity = 1;

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a's offset basis: the state before any unit is hashed. */
export const FNV_BASIS = 0x811c9dc5;

/**
 * FNV-1a over UTF-16 code units, from `basis` (a seeded caller moves it). Each step is a
 * bijection of the state, so strings of one length that differ in one unit always hash apart.
 */
export function hashString(text: string, basis: number): number {
  let h = basis;
  for (let index = 0; index < text.length; index += 1) {
    h ^= text.charCodeAt(index);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

function hashNumber(value: number): number {
  if ((value | 0) === value) return value;
  if (value === 0) return 0; // -0 and 0 are one Map key
  float[0] = value; // NaN has one canonical bit pattern here, as it is one Map key
  return Math.imul(words[0], 0x9e3779b1) ^ words[1];
}

/** A well-mixed unsigned 32-bit hash of `key`, different for each `seed`. */
export function hashKey(key: unknown, seed: number): number {
  return hashKeyMixed(key, mix32(seed));
}

/**
 * {@link hashKey} for a caller that keeps `mix32(seed)` (`mixedSeed`): the same hash, one
 * finaliser fewer per call — a cache hashes every new key.
 */
export function hashKeyMixed(key: unknown, mixedSeed: number): number {
  // Integers first and alone: this stays small enough for V8 to inline into a cache's miss path.
  if (typeof key === 'number' && (key | 0) === key) return mix32(key ^ mixedSeed);
  return mix32(contentHash(key) ^ mixedSeed);
}

/** The unmixed hash of any key (integers hash to themselves). */
function contentHash(key: unknown): number {
  let h: number;
  switch (typeof key) {
    case 'number':
      h = hashNumber(key);
      break;
    case 'string':
      h = hashString(key, FNV_BASIS);
      break;
    case 'bigint':
      h = hashString(key.toString(), FNV_BASIS) ^ 0x5bd1e995;
      break;
    case 'boolean':
      h = key ? 0x3c6ef372 : 0x1b873593;
      break;
    case 'undefined':
      h = 0x27d4eb2f;
      break;
    case 'symbol':
      h = hashString(String(key.description), FNV_BASIS) ^ 0x165667b1;
      break;
    default: {
      if (key === null) {
        h = 0x61c88647;
        break;
      }
      const object = key as object;
      let identity = identities.get(object);
      if (identity === undefined) {
        identity = nextIdentity++;
        identities.set(object, identity);
      }
      h = identity;
    }
  }
  return h;
}
