import { crc32c, maskCrc, maskedCrc32c, unmaskCrc } from './crc.js';

const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');

describe('crc32c', () => {
  it("matches the standard check value CRC32C('123456789') = 0xE3069283", () => {
    expect(crc32c(ascii('123456789'))).toBe(0xe3069283);
  });

  it('matches the RFC 3720 (iSCSI) test vectors', () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
  });

  it('is 0 for empty input', () => {
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });
});

describe('masked crc32c', () => {
  it("matches TensorFlow's vector: masked crc32c of '\\x1a\\x11CRC test, one two' = 0x5794D08A", () => {
    expect(maskedCrc32c(ascii('\x1a\x11CRC test, one two'))).toBe(0x5794d08a);
  });

  it('masks by rotating right 15 bits and adding 0xA282EAD8, and unmasks back', () => {
    const crc = 0x12345678;
    const rotated = ((crc >>> 15) | (crc << 17)) >>> 0;
    expect(maskCrc(crc)).toBe((rotated + 0xa282ead8) % 2 ** 32);
    for (const c of [0, 1, 0xffffffff, 0x80000000, 0xe3069283, crc]) {
      const masked = maskCrc(c);
      expect(masked).toBeGreaterThanOrEqual(0);
      expect(masked).toBeLessThan(2 ** 32);
      expect(unmaskCrc(masked)).toBe(c >>> 0);
    }
    expect(maskCrc(crc)).not.toBe(crc);
  });
});
