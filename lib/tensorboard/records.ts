/**
 * TFRecord framing, the container format of TensorBoard event files.
 *
 * Each record is `u64le length | u32le masked_crc32c(length bytes) | data | u32le masked_crc32c(data)`.
 */
import { maskedCrc32c } from './crc.js';
import { checkArray } from '../errors/index.js';

/** Bytes before the payload: the 8-byte length and its 4-byte CRC. */
export const RECORD_HEADER_BYTES = 12;
/** Bytes after the payload: the CRC of the data. */
export const RECORD_FOOTER_BYTES = 4;

/** A record whose checksum does not match, or whose bytes cannot be a record at all. */
export class CorruptRecordError extends Error {
  /** The file (or other source name) that holds the record. */
  readonly file: string;
  /** Byte offset of the start of the record (its length field) in that file. */
  readonly offset: number;
  /** What is wrong, e.g. "data CRC mismatch". */
  readonly reason: string;

  constructor(file: string, offset: number, reason: string) {
    super(`corrupt TFRecord in ${file} at byte offset ${offset}: ${reason}`);
    this.name = 'CorruptRecordError';
    this.file = file;
    this.offset = offset;
    this.reason = reason;
  }
}

/** Frames `data` as one TFRecord (header, data, footer) in a new buffer. */
export function encodeTFRecord(data: Uint8Array): Buffer {
  if (!(data instanceof Uint8Array)) checkArray('encodeTFRecord', 'data', data, 'a Uint8Array', false);
  const out = Buffer.allocUnsafe(RECORD_HEADER_BYTES + data.length + RECORD_FOOTER_BYTES);
  out.writeUInt32LE(data.length >>> 0, 0);
  out.writeUInt32LE(Math.floor(data.length / 2 ** 32), 4);
  out.writeUInt32LE(maskedCrc32c(out.subarray(0, 8)), 8);
  out.set(data, RECORD_HEADER_BYTES);
  out.writeUInt32LE(maskedCrc32c(data), RECORD_HEADER_BYTES + data.length);
  return out;
}

/** One record found by {@link readTFRecords}. */
export interface TFRecord {
  /** Byte offset of the record's length field in the source. */
  offset: number;
  /** The payload (a view into the source buffer, not a copy). */
  data: Uint8Array;
}

/** A last record cut short, e.g. because its writer was killed mid-write. */
export interface TruncatedTail {
  file: string;
  /** Offset where the incomplete record starts. */
  offset: number;
  /** How many bytes of it are present. */
  bytesPresent: number;
}

/** Options for {@link readTFRecords}. */
export interface ReadTFRecordsOptions {
  /** Name used in error messages; defaults to `"<buffer>"`. */
  file?: string;
  /** Called when the source ends inside a record; that partial record is skipped, as TensorBoard does. */
  onTruncated?: (tail: TruncatedTail) => void;
}

/**
 * Yields the records of a TFRecord byte sequence, checking both CRCs of each.
 *
 * A record cut short at the end of the buffer (a writer killed mid-write) ends the sequence quietly
 * (reported to `onTruncated`); a checksum mismatch throws a {@link CorruptRecordError} naming the
 * file and the byte offset.
 */
export function* readTFRecords(bytes: Uint8Array, options: ReadTFRecordsOptions = {}): Generator<TFRecord> {
  const file = options.file ?? '<buffer>';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  while (offset < bytes.length) {
    const remaining = bytes.length - offset;
    if (remaining < RECORD_HEADER_BYTES) {
      options.onTruncated?.({ file, offset, bytesPresent: remaining });
      return;
    }
    const lengthBytes = bytes.subarray(offset, offset + 8);
    const lengthCrc = view.getUint32(offset + 8, true);
    if (maskedCrc32c(lengthBytes) !== lengthCrc) {
      throw new CorruptRecordError(file, offset, 'length CRC mismatch');
    }
    const length = view.getUint32(offset, true) + view.getUint32(offset + 4, true) * 2 ** 32;
    const total = RECORD_HEADER_BYTES + length + RECORD_FOOTER_BYTES;
    if (remaining < total) {
      options.onTruncated?.({ file, offset, bytesPresent: remaining });
      return;
    }
    const dataStart = offset + RECORD_HEADER_BYTES;
    const data = bytes.subarray(dataStart, dataStart + length);
    if (maskedCrc32c(data) !== view.getUint32(dataStart + length, true)) {
      throw new CorruptRecordError(file, offset, 'data CRC mismatch');
    }
    yield { offset, data };
    offset += total;
  }
}
