import type { Redis } from 'ioredis';

/**
 * Follows a subscriber connection's life for a bus: `onLost` when it closes (messages may be
 * lost from then on) and `onBack` when ioredis has reconnected it. `onBack` runs synchronously
 * inside ioredis's `ready` event, before ioredis re-sends its own SUBSCRIBE commands, so a bus can
 * still send a non-pub/sub command (CLIENT ID) first. Returns a function that detaches both.
 */
export function watchConnection(connection: Redis, onLost: () => void, onBack: () => void): () => void {
  let lost = false;
  const closed = () => {
    if (lost) return;
    lost = true;
    onLost();
  };
  const ready = () => {
    if (!lost) return;
    lost = false;
    onBack();
  };
  connection.on('close', closed);
  connection.on('end', closed);
  connection.on('ready', ready);
  return () => {
    connection.off('close', closed);
    connection.off('end', closed);
    connection.off('ready', ready);
  };
}

/** True when the value looks like an ioredis client (duck-typed: tests may pass a wrapper). */
export function isRedisClient(value: unknown): value is Redis {
  return typeof value === 'object' && value !== null && typeof (value as Redis).subscribe === 'function' && typeof (value as Redis).on === 'function';
}

/**
 * Resolves once `connection` is ready (connecting a lazy one). A bus subscribes only then: a
 * SUBSCRIBE sent before ioredis's ready check makes that check fail, and ioredis drops and
 * reopens the connection right after the bus thought it was subscribed. No timeout: while
 * Redis is unreachable the cache simply keeps bypassing L1.
 */
export async function whenReady(connection: Redis): Promise<void> {
  if (connection.status === 'ready') return;
  if (connection.status === 'wait') await connection.connect();
  if ((connection.status as string) === 'ready') return;
  await new Promise<void>((resolve) => connection.once('ready', () => resolve()));
}
