/**
 * The child side of {@link startRedisClientProcess}: a separate Node process with its own Redis
 * connection, running the commands its parent sends over IPC, one reply per command.
 */
import Redis from 'ioredis';

interface CommandMessage {
  id: number;
  command: string;
  args: Array<string | number>;
}

const url = process.argv[2];
const redis = new Redis(url, { maxRetriesPerRequest: 1 });
// Connection errors reach the parent as failed replies or a failed start, never as stray stderr.
redis.on('error', () => undefined);
redis.once('ready', () => process.send?.({ ready: true }));

process.on('message', (message: CommandMessage) => {
  redis.call(message.command, ...message.args).then(
    (reply) => process.send?.({ id: message.id, reply }),
    (error: Error) => process.send?.({ id: message.id, error: error.message }),
  );
});

// The parent closed the channel (stop() or its own exit): close the connection and leave.
process.on('disconnect', () => {
  redis.disconnect();
});
