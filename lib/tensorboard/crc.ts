/**
 * CRC-32C (Castagnoli) and the "masked" form that TFRecord files store.
 *
 * The checksum itself comes from `@aws-crypto/crc32c`; this module only adds TensorFlow's mask
 * (rotate right by 15 bits, then add 0xA282EAD8), which keeps a CRC of data that itself contains
 * CRCs from looking like a CRC.
 */
import { crc32c as awsCrc32c } from '@aws-crypto/crc32c';
import { checkArray } from '../errors/index.js';

const MASK_DELTA = 0xa282ead8;

/** CRC-32C of `data`, as an unsigned 32-bit integer. `crc32c("123456789") === 0xE3069283`. */
export function crc32c(data: Uint8Array): number {
  if (!(data instanceof Uint8Array)) checkArray('crc32c', 'data', data, 'a Uint8Array', false);
  return awsCrc32c(data) >>> 0;
}

/** Applies TensorFlow's CRC mask: `((crc >>> 15) | (crc << 17)) + 0xA282EAD8` (mod 2^32). */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/** Inverse of {@link maskCrc}. */
export function unmaskCrc(masked: number): number {
  const rotated = (masked - MASK_DELTA) >>> 0;
  return ((rotated >>> 17) | (rotated << 15)) >>> 0;
}

/** The masked CRC-32C of `data`, as stored in TFRecord headers and footers. */
export function maskedCrc32c(data: Uint8Array): number {
  if (!(data instanceof Uint8Array)) checkArray('maskedCrc32c', 'data', data, 'a Uint8Array', false);
  return maskCrc(crc32c(data));
}
