import { maskedCrc32c } from './crc.js';
import { CorruptRecordError, encodeTFRecord, readTFRecords, TruncatedTail } from './records.js';

const payloads = [Buffer.from('first'), Buffer.alloc(0), Buffer.from('a somewhat longer third payload, 0123456789')];
const file = Buffer.concat(payloads.map((p) => encodeTFRecord(p)));

describe('encodeTFRecord', () => {
  it('lays out u64le length, masked CRC of the length, data, masked CRC of the data', () => {
    const data = Buffer.from('hello');
    const rec = encodeTFRecord(data);
    expect(rec.length).toBe(8 + 4 + 5 + 4);
    expect(rec.readBigUInt64LE(0)).toBe(5n);
    expect(rec.readUInt32LE(8)).toBe(maskedCrc32c(rec.subarray(0, 8)));
    expect(rec.subarray(12, 17).toString()).toBe('hello');
    expect(rec.readUInt32LE(17)).toBe(maskedCrc32c(data));
  });
});

describe('readTFRecords', () => {
  it('yields every record with its offset', () => {
    const recs = [...readTFRecords(file)];
    expect(recs.map((r) => Buffer.from(r.data).toString())).toEqual(payloads.map((p) => p.toString()));
    expect(recs.map((r) => r.offset)).toEqual([0, 16 + 5, 16 + 5 + 16]);
  });

  it('yields nothing for an empty file', () => {
    expect([...readTFRecords(new Uint8Array(0))]).toEqual([]);
  });

  it('skips a truncated last record wherever it is cut, and reports it', () => {
    const lastStart = file.length - (16 + payloads[2].length);
    for (let cut = lastStart + 1; cut < file.length; cut++) {
      const tails: TruncatedTail[] = [];
      const recs = [...readTFRecords(file.subarray(0, cut), { file: 'f', onTruncated: (t) => tails.push(t) })];
      expect(recs.map((r) => Buffer.from(r.data).toString())).toEqual(['first', '']);
      expect(tails).toEqual([{ file: 'f', offset: lastStart, bytesPresent: cut - lastStart }]);
    }
  });

  it("reports a flipped data byte as corrupt, with the file and the record's offset", () => {
    const bad = Buffer.from(file);
    const secondOffset = 21;
    const thirdOffset = 37;
    bad[thirdOffset + 12 + 3] ^= 0x40;
    const seen: string[] = [];
    let error: unknown;
    try {
      for (const r of readTFRecords(bad, { file: '/logs/run/events.out.tfevents.x' }))
        seen.push(Buffer.from(r.data).toString());
    } catch (e) {
      error = e;
    }
    expect(seen).toEqual(['first', '']);
    expect(error).toBeInstanceOf(CorruptRecordError);
    const c = error as CorruptRecordError;
    expect(c.file).toBe('/logs/run/events.out.tfevents.x');
    expect(c.offset).toBe(thirdOffset);
    expect(c.reason).toBe('data CRC mismatch');
    expect(c.message).toContain('/logs/run/events.out.tfevents.x');
    expect(c.message).toContain(`offset ${thirdOffset}`);
    expect(secondOffset).toBeLessThan(thirdOffset);
  });

  it('reports a damaged length field as corrupt', () => {
    const bad = Buffer.from(file);
    bad[21] ^= 0x01; // the length of the second record
    expect(() => [...readTFRecords(bad, { file: 'g' })]).toThrow(
      /corrupt TFRecord in g at byte offset 21: length CRC mismatch/,
    );
  });

  it('reports a damaged data CRC as corrupt', () => {
    const bad = Buffer.from(file);
    bad[file.length - 1] ^= 0xff;
    expect(() => [...readTFRecords(bad)]).toThrow(CorruptRecordError);
  });
});
