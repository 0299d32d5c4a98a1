import type Redis from 'ioredis';

/**
 * Escapes the glob characters of Redis `MATCH` patterns (`*`, `?`, `[`, `]`, `\`), so a prefix
 * such as `user*:` matches itself only and not every key starting with `user`.
 */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * Deletes every key that starts with `prefix`, walking the keyspace with `SCAN` (never `KEYS`,
 * which blocks the server while it scans everything) and `UNLINK` (frees memory off the main
 * thread). Resolves to the number of keys removed.
 *
 * Not atomic: SCAN visits the keyspace in steps. A key created under the prefix after the
 * cursor passed its slot survives, and a concurrent reader that misses may write a key back
 * (refill it) right after it was deleted. Pair a purge with what makes refills harmless: a
 * version in the key, or a permission check on read.
 *
 * @throws {TypeError} when `prefix` is empty (that would delete the whole database).
 */
export async function deleteKeysByPrefix(client: Redis, prefix: string, count = 500): Promise<number> {
  if (typeof prefix !== 'string' || prefix === '') throw new TypeError('prefix must be a non-empty string (an empty prefix would delete every key)');
  const pattern = `${escapeGlob(prefix)}*`;
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', count);
    cursor = next;
    if (keys.length > 0) removed += await client.unlink(...keys);
  } while (cursor !== '0');
  return removed;
}
