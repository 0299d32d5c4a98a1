/**
 * libCacheSim's `oracleGeneral` binary trace format: a headerless sequence of fixed-size,
 * little-endian records, the format its published traces (Twitter, Meta, Wikimedia, …) ship in.
 *
 * | offset | type   | field                                                     |
 * |--------|--------|-----------------------------------------------------------|
 * | 0      | uint32 | timestamp (seconds)                                       |
 * | 4      | uint64 | object id                                                 |
 * | 12     | uint32 | object size (bytes)                                       |
 * | 16     | int64  | request number of the object's next access, -1 for never  |
 */

/** Bytes per `oracleGeneral` record. */
export const ORACLE_GENERAL_RECORD_BYTES = 24;

/** One decoded `oracleGeneral` record. */
export interface OracleGeneralRecord {
  /** Request time in seconds (uint32). */
  readonly timestamp: number;
  /**
   * Object id (uint64). A `number` when it fits in `Number.MAX_SAFE_INTEGER` (every id in the
   * course's traces), otherwise its decimal string, so two requests for one object always
   * carry equal keys.
   */
  readonly id: number | string;
  /** Object size in bytes (uint32). */
  readonly size: number;
  /** Index of the next request for this object, or -1 when there is none. */
  readonly nextAccess: number;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Decodes the record that starts at `offset` in `bytes` (which must hold 24 bytes from there). */
export function decodeOracleGeneralRecord(bytes: Buffer, offset: number): OracleGeneralRecord {
  const id = bytes.readBigUInt64LE(offset + 4);
  return {
    timestamp: bytes.readUInt32LE(offset),
    id: id <= MAX_SAFE ? Number(id) : id.toString(),
    size: bytes.readUInt32LE(offset + 12),
    nextAccess: Number(bytes.readBigInt64LE(offset + 16)),
  };
}

/**
 * Encodes records in `oracleGeneral` layout. `nextAccess` defaults to -1; use
 * {@link withNextAccess} first when a reader needs it (Bélády-style policies do).
 *
 * @throws RangeError naming the record and field that does not fit its type.
 */
export function encodeOracleGeneral(records: ReadonlyArray<Partial<OracleGeneralRecord> & Pick<OracleGeneralRecord, 'id'>>): Buffer {
  const bytes = Buffer.alloc(records.length * ORACLE_GENERAL_RECORD_BYTES);
  records.forEach((record, index) => {
    const offset = index * ORACLE_GENERAL_RECORD_BYTES;
    const where = `records[${index}]`;
    bytes.writeUInt32LE(checkUint32(`${where}.timestamp`, record.timestamp ?? 0), offset);
    bytes.writeBigUInt64LE(checkUint64(`${where}.id`, record.id), offset + 4);
    bytes.writeUInt32LE(checkUint32(`${where}.size`, record.size ?? 1), offset + 12);
    const next = record.nextAccess ?? -1;
    if (!Number.isSafeInteger(next) || next < -1) throw new RangeError(`${where}.nextAccess must be an integer ≥ -1, got ${String(next)}`);
    bytes.writeBigInt64LE(BigInt(next), offset + 16);
  });
  return bytes;
}

/**
 * Fills in each record's `nextAccess` (the index of the next request for the same id, -1 if
 * none), as libCacheSim's trace converters do; one backward pass, O(n).
 */
export function withNextAccess<R extends Pick<OracleGeneralRecord, 'id'>>(records: readonly R[]): Array<R & { nextAccess: number }> {
  const nextSeen = new Map<number | string, number>();
  const result = new Array<R & { nextAccess: number }>(records.length);
  for (let index = records.length - 1; index >= 0; index -= 1) {
    const record = records[index];
    result[index] = { ...record, nextAccess: nextSeen.get(record.id) ?? -1 };
    nextSeen.set(record.id, index);
  }
  return result;
}

function checkUint32(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`${name} must be an integer in [0, 2^32 - 1], got ${String(value)}`);
  }
  return value;
}

function checkUint64(name: string, value: unknown): bigint {
  let id: bigint;
  if (typeof value === 'number' && Number.isSafeInteger(value)) id = BigInt(value);
  else if (typeof value === 'string' && /^\d+$/.test(value)) id = BigInt(value);
  else throw new RangeError(`${name} must be a non-negative safe integer or a decimal string, got ${String(value)}`);
  if (id < BigInt(0) || id > BigInt('18446744073709551615')) throw new RangeError(`${name} must fit in 64 unsigned bits, got ${String(value)}`);
  return id;
}
