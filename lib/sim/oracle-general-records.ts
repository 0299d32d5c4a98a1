import { decodeOracleGeneralRecord, ORACLE_GENERAL_RECORD_BYTES, OracleGeneralRecord } from './oracle-general-format';

/**
 * Cuts a stream of byte chunks into `oracleGeneral` records, whatever the chunk boundaries, holding
 * at most one partial record between chunks (constant memory).
 *
 * @throws RangeError when the stream ends inside a record (a truncated file), naming the record.
 */
export async function* oracleGeneralRecords(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<OracleGeneralRecord> {
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  for await (const chunk of chunks) {
    const bytes = pending.length === 0 ? toBuffer(chunk) : Buffer.concat([pending, toBuffer(chunk)]);
    let offset = 0;
    for (; offset + ORACLE_GENERAL_RECORD_BYTES <= bytes.length; offset += ORACLE_GENERAL_RECORD_BYTES) {
      yield decodeOracleGeneralRecord(bytes, offset);
      index += 1;
    }
    // Copy the tail: keeping a slice would pin the whole chunk in memory.
    pending = Buffer.from(bytes.subarray(offset));
  }
  if (pending.length > 0) {
    throw new RangeError(
      `oracleGeneral trace is truncated: record ${index} has ${pending.length} of ${ORACLE_GENERAL_RECORD_BYTES} bytes (the file is not a whole number of records)`,
    );
  }
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
}
