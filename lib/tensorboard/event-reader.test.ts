import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listEventFiles, listRuns, readEventFile, readEvents, readRun, TensorBoardEvent } from './event-reader.js';
import { DataType, encodeEvent, EventMessage } from './proto.js';
import { CorruptRecordError, encodeTFRecord, TruncatedTail } from './records.js';
import { SummaryWriter } from './summary-writer.js';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-reader-test-'));
let dirCount = 0;
const freshDir = (): string => {
  const d = path.join(tmpRoot, `case${dirCount++}`);
  fs.mkdirSync(d, { recursive: true });
  return d;
};
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

const writeEventFile = (file: string, events: EventMessage[]): void =>
  fs.writeFileSync(file, Buffer.concat(events.map((e) => encodeTFRecord(encodeEvent(e)))));

const withoutWhere = (e: TensorBoardEvent) => {
  const { file: _file, offset: _offset, ...rest } = e;
  return rest;
};

describe('readEventFile', () => {
  it('decodes simple_value scalars, legacy HistogramProto, metadata given only once, several values per event', () => {
    const dir = freshDir();
    const file = path.join(dir, 'events.out.tfevents.1.h.1.0.v2');
    writeEventFile(file, [
      { wall_time: 10, step: 0, file_version: 'brain.Event:2' },
      {
        wall_time: 11,
        step: 1,
        summary: {
          value: [
            { tag: 'acc', simple_value: 0.5 },
            { tag: 'zero', simple_value: 0 },
          ],
        },
      },
      {
        wall_time: 12,
        step: 2,
        summary: {
          value: [
            {
              tag: 'old',
              histo: {
                min: -2,
                max: 3,
                num: 4,
                sum: 0,
                sum_squares: 0,
                bucket_limit: [-5, -1, 0, 2, 1e300, 1.7e308],
                bucket: [0, 1, 0, 2, 1, 0],
              },
            },
          ],
        },
      },
      {
        wall_time: 13,
        step: 3,
        summary: {
          value: [
            {
              tag: 'loss',
              metadata: { plugin_data: { plugin_name: 'scalars' } },
              tensor: { dtype: DataType.DT_FLOAT, tensor_shape: {}, float_val: [1.5] },
            },
          ],
        },
      },
      // TensorBoard takes a tag's metadata from its first event: this one has none.
      {
        wall_time: 14,
        step: 4,
        summary: {
          value: [{ tag: 'loss', tensor: { dtype: DataType.DT_DOUBLE, tensor_shape: {}, double_val: [0.25] } }],
        },
      },
      {
        wall_time: 15,
        step: 5,
        summary: {
          value: [
            {
              tag: 'img',
              metadata: { plugin_data: { plugin_name: 'images' } },
              tensor: { dtype: DataType.DT_STRING, string_val: [] },
            },
          ],
        },
      },
      { wall_time: 16, step: 6, graph_def: Uint8Array.from([1, 2, 3]) },
    ]);
    const events = [...readEventFile(file)].map(withoutWhere);
    expect(events).toEqual([
      { kind: 'fileVersion', fileVersion: 'brain.Event:2', wallTime: 10, step: 0 },
      { kind: 'scalar', tag: 'acc', value: 0.5, wallTime: 11, step: 1 },
      { kind: 'scalar', tag: 'zero', value: 0, wallTime: 11, step: 1 },
      {
        kind: 'histogram',
        tag: 'old',
        rows: [
          [-2, -1, 1],
          [-1, 0, 0],
          [0, 2, 2],
          [2, 3, 1],
        ],
        wallTime: 12,
        step: 2,
      },
      { kind: 'scalar', tag: 'loss', value: 1.5, wallTime: 13, step: 3 },
      { kind: 'scalar', tag: 'loss', value: 0.25, wallTime: 14, step: 4 },
      { kind: 'other', tag: 'img', plugin: 'images', wallTime: 15, step: 5 },
      { kind: 'other', tag: null, plugin: null, wallTime: 16, step: 6 },
    ]);
  });

  it('gives the file and byte offset of every event', () => {
    const dir = freshDir();
    const w = new SummaryWriter(dir);
    w.scalar('a', 1, 0);
    w.scalar('a', 2, 1);
    w.close();
    const events = [...readEventFile(w.file)];
    const bytes = fs.readFileSync(w.file);
    expect(events.every((e) => e.file === w.file)).toBe(true);
    expect(events[0].offset).toBe(0);
    for (const e of events.slice(1)) {
      // each offset is the start of a record: its length field + 16 bytes of framing ends at the next one
      const len = Number(bytes.readBigUInt64LE(e.offset));
      expect(e.offset + 16 + len).toBeLessThanOrEqual(bytes.length);
    }
    expect(events[2].offset).toBe(events[1].offset + 16 + Number(bytes.readBigUInt64LE(events[1].offset)));
  });

  it('reports a corrupt record with its file and offset', () => {
    const dir = freshDir();
    const w = new SummaryWriter(dir);
    for (let s = 0; s < 5; s++) w.scalar('a', s, s);
    w.close();
    const offsets = [...readEventFile(w.file)].map((e) => e.offset);
    const bytes = fs.readFileSync(w.file);
    bytes[offsets[3] + 14] ^= 0x20; // inside the data of the 4th record
    fs.writeFileSync(w.file, bytes);
    const seen: number[] = [];
    let error: unknown;
    try {
      for (const e of readEventFile(w.file)) seen.push(e.step);
    } catch (e) {
      error = e;
    }
    expect(seen).toEqual([0, 0, 1]);
    expect(error).toBeInstanceOf(CorruptRecordError);
    expect(error).toMatchObject({ file: w.file, offset: offsets[3], reason: 'data CRC mismatch' });
    expect((error as Error).message).toBe(
      `corrupt TFRecord in ${w.file} at byte offset ${offsets[3]}: data CRC mismatch`,
    );
  });

  it('reports a record with valid CRCs that is not an Event as corrupt', () => {
    const dir = freshDir();
    const file = path.join(dir, 'x.tfevents');
    const first = encodeTFRecord(encodeEvent({ wall_time: 1, step: 0, file_version: 'brain.Event:2' }));
    fs.writeFileSync(file, Buffer.concat([first, encodeTFRecord(Uint8Array.from([0x0a, 0xff]))]));
    expect(() => [...readEventFile(file)]).toThrow(
      new RegExp(`corrupt TFRecord in .*x\\.tfevents at byte offset ${first.length}: not an Event protobuf`),
    );
  });

  it('skips a truncated last record (a writer killed mid-write) and says so', () => {
    const dir = freshDir();
    const w = new SummaryWriter(dir);
    for (let s = 0; s < 4; s++) w.histogram('h', [s, s + 1], s);
    w.close();
    const lastOffset = [...readEventFile(w.file)].pop()!.offset;
    const size = fs.statSync(w.file).size;
    fs.truncateSync(w.file, size - 7);
    const tails: TruncatedTail[] = [];
    const steps = [...readEventFile(w.file, { onTruncated: (t) => tails.push(t) })].map((e) => e.step);
    expect(steps).toEqual([0, 0, 1, 2]);
    expect(tails).toEqual([{ file: w.file, offset: lastOffset, bytesPresent: size - 7 - lastOffset }]);
  });

  it('names a missing file', () => {
    expect(() => [...readEventFile(path.join(tmpRoot, 'nope.tfevents'))]).toThrow(
      /cannot read the event file ".*nope\.tfevents"/,
    );
    expect(() => [...readEvents(path.join(tmpRoot, 'missing-dir'))]).toThrow(/cannot read events from ".*missing-dir"/);
  });
});

describe('run folders', () => {
  it("reads a run's event files in name order and ignores other files", () => {
    const dir = freshDir();
    writeEventFile(path.join(dir, 'events.out.tfevents.0000000002.h.1.0.v2'), [
      { wall_time: 2, step: 2, summary: { value: [{ tag: 's', simple_value: 2 }] } },
    ]);
    writeEventFile(path.join(dir, 'events.out.tfevents.0000000001.h.1.0.v2'), [
      { wall_time: 1, step: 1, summary: { value: [{ tag: 's', simple_value: 1 }] } },
    ]);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not events');
    expect(listEventFiles(dir).map((f) => path.basename(f))).toEqual([
      'events.out.tfevents.0000000001.h.1.0.v2',
      'events.out.tfevents.0000000002.h.1.0.v2',
    ]);
    expect([...readEvents(dir)].map((e) => e.step)).toEqual([1, 2]);
  });

  it('lists the runs of a log folder as TensorBoard does', () => {
    const logdir = freshDir();
    for (const run of ['deep/train', 'deep/validation', 'xavier/train'])
      new SummaryWriter(path.join(logdir, run)).close();
    fs.mkdirSync(path.join(logdir, 'empty'));
    expect(listRuns(logdir)).toEqual(['deep/train', 'deep/validation', 'xavier/train']);
    new SummaryWriter(logdir).close();
    expect(listRuns(logdir)).toEqual(['.', 'deep/train', 'deep/validation', 'xavier/train']);
  });

  it('groups a run by tag, and lets a repeated step replace later points as TensorBoard does', () => {
    const dir = freshDir();
    const first = new SummaryWriter(dir);
    for (let s = 0; s < 5; s++) first.scalar('loss', 10 + s, s);
    first.histogram('w', [1, 2], 0, { buckets: 1 });
    first.text('t', 'hello', 0);
    first.kerasGraph({
      class_name: 'Sequential',
      config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'd' } }] },
    });
    first.close();
    const second = new SummaryWriter(dir); // a second training in the same folder
    for (let s = 0; s < 3; s++) second.scalar('loss', 20 + s, s);
    second.close();

    const run = readRun(dir);
    expect(run.files).toHaveLength(2);
    expect(run.scalars.get('loss')!.map((p) => [p.step, p.value])).toEqual([
      [0, 20],
      [1, 21],
      [2, 22],
    ]);
    expect(run.histograms.get('w')!.map((p) => p.value)).toEqual([[[1, 2, 2]]]);
    expect(run.texts.get('t')!.map((p) => p.value)).toEqual(['hello']);
    expect(JSON.parse(run.graphs.get('keras')![0].value).config.name).toBe('s');

    const all = readRun(dir, { keepAllPoints: true });
    expect(all.scalars.get('loss')!.map((p) => p.step)).toEqual([0, 1, 2, 3, 4, 0, 1, 2]);
  });
});
