import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.spyOn needs the mutable CommonJS module object
import realFs = require('node:fs');
import * as tf from '@tensorflow/tfjs';
import * as ts from 'typescript';
import { TensorBoardEvent, readEventFile, readEvents } from './event-reader.js';
import { eventFileName, nextFileCounter } from './file-name.js';
import { SummaryWriter } from './summary-writer.js';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-writer-test-'));
let dirCount = 0;
const freshDir = (): string => path.join(tmpRoot, `run${dirCount++}`);
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

/** The decoded events of a run folder, without the file-version events. */
const eventsOf = (dir: string): TensorBoardEvent[] => [...readEvents(dir)].filter((e) => e.kind !== 'fileVersion');

describe('SummaryWriter files', () => {
  it('creates the missing folder and a file named events.out.tfevents.<secs>.<host>.<pid>.<n>.v2 starting with brain.Event:2', () => {
    const dir = path.join(freshDir(), 'nested', 'train');
    const w = new SummaryWriter(dir, { clock: () => 1700000000.5 });
    expect(w.logdir).toBe(path.resolve(dir));
    expect(path.dirname(w.file)).toBe(path.resolve(dir));
    const host = os.hostname().replace(/[/\\]/g, '_');
    expect(path.basename(w.file)).toMatch(
      new RegExp(`^events\\.out\\.tfevents\\.1700000000\\.${host.replace(/\./g, '\\.')}\\.${process.pid}\\.\\d+\\.v2$`),
    );
    const events = [...readEventFile(w.file)];
    expect(events).toEqual([
      { kind: 'fileVersion', fileVersion: 'brain.Event:2', wallTime: 1700000000.5, step: 0, file: w.file, offset: 0 },
    ]);
    w.close();
  });

  it('never lets two writers share a file, even when names collide', () => {
    const dir = freshDir();
    const clock = () => 1700000000;
    const a = new SummaryWriter(dir, { clock });
    const b = new SummaryWriter(dir, { clock });
    expect(a.file).not.toBe(b.file);
    // Files that already carry the next names (another process, same pid) are skipped, not reused.
    const c = nextFileCounter();
    const taken = [1, 2, 3].map((i) => path.join(dir, eventFileName(1700000000, c + i)));
    for (const f of taken) fs.writeFileSync(f, 'not ours');
    const d = new SummaryWriter(dir, { clock });
    expect(taken).not.toContain(d.file);
    for (const f of taken) expect(fs.readFileSync(f, 'utf8')).toBe('not ours');
    a.scalar('x', 1, 0);
    b.scalar('x', 2, 0);
    [a, b, d].forEach((w) => w.close());
    expect(
      [...readEventFile(a.file)].filter((e) => e.kind === 'scalar').map((e) => (e as { value: number }).value),
    ).toEqual([1]);
    expect(
      [...readEventFile(b.file)].filter((e) => e.kind === 'scalar').map((e) => (e as { value: number }).value),
    ).toEqual([2]);
  });
});

describe('SummaryWriter summaries', () => {
  it('writes scalars, histograms, text and the Keras graph that read back as written', () => {
    const dir = freshDir();
    let t = 1700000000;
    const w = new SummaryWriter(dir, { clock: () => (t += 0.25) });
    w.scalar('loss', 0.1, 0);
    const loss = tf.scalar(0.75);
    w.scalar('loss', loss, 1);
    loss.dispose();
    const weights = tf.tensor2d([
      [0, 1],
      [2, 3],
    ]);
    const info = w.histogram('dense/kernel', weights, 5, { buckets: 3 });
    weights.dispose();
    w.histogram('plain', [1, 1, 1], 6, { buckets: 2 });
    w.text('notes', '# Título\n*ok*', 2);
    const model = tf.sequential({ name: 'm', layers: [tf.layers.dense({ units: 1, inputShape: [2], name: 'd' })] });
    w.kerasGraph(model);
    model.dispose();
    w.close();

    expect(info).toEqual({ written: true, count: 4, nan: 0, posInf: 0, negInf: 0 });
    const events = eventsOf(dir);
    expect(events.map((e) => [e.kind, e.step, 'tag' in e ? e.tag : null])).toEqual([
      ['scalar', 0, 'loss'],
      ['scalar', 1, 'loss'],
      ['histogram', 5, 'dense/kernel'],
      ['histogram', 6, 'plain'],
      ['text', 2, 'notes'],
      ['graph', 0, 'keras'],
    ]);
    expect(events.map((e) => e.wallTime)).toEqual([0.5, 0.75, 1, 1.25, 1.5, 1.75].map((x) => 1700000000 + x));
    expect(events[0]).toMatchObject({ value: Math.fround(0.1) });
    expect(events[1]).toMatchObject({ value: 0.75 });
    expect(events[2]).toMatchObject({
      rows: [
        [0, 1, 1],
        [1, 2, 1],
        [2, 3, 2],
      ],
    });
    expect(events[3]).toMatchObject({
      rows: [
        [1, 1, 0],
        [1, 1, 3],
      ],
    });
    expect(events[4]).toMatchObject({ text: '# Título\n*ok*' });
    const graph = JSON.parse((events[5] as { json: string }).json);
    expect(graph.class_name).toBe('Sequential');
    expect(graph.config.layers.map((l: { config: { name: string } }) => l.config.name)).toEqual(['d_input', 'd']);
  });

  it('keeps NaN and ±Infinity in scalars, and rounds to float32 as TF does', () => {
    const dir = freshDir();
    const w = new SummaryWriter(dir);
    [NaN, Infinity, -Infinity, 1e39, -1e39, 3.4e38].forEach((v, step) => w.scalar('loss', v, step));
    w.close();
    const values = eventsOf(dir).map((e) => (e as { value: number }).value);
    expect(values[0]).toBeNaN();
    expect(values.slice(1)).toEqual([Infinity, -Infinity, Infinity, -Infinity, Math.fround(3.4e38)]);
  });

  it('leaves non-finite values out of histograms, says how many, and skips a step with no finite value', () => {
    const dir = freshDir();
    const w = new SummaryWriter(dir);
    const some = w.histogram('g', [NaN, 1, Infinity, 3, -Infinity, NaN], 0, { buckets: 2 });
    const none = w.histogram('g', Float32Array.from([NaN, Infinity]), 1, { buckets: 2 });
    const empty = w.histogram('g', [], 2, { buckets: 2 });
    w.close();
    expect(some).toEqual({ written: true, count: 2, nan: 2, posInf: 1, negInf: 1 });
    expect(none).toEqual({ written: false, count: 0, nan: 1, posInf: 1, negInf: 0 });
    expect(empty).toEqual({ written: true, count: 0, nan: 0, posInf: 0, negInf: 0 });
    const events = eventsOf(dir);
    expect(events.map((e) => e.step)).toEqual([0, 2]);
    expect(events[0]).toMatchObject({
      rows: [
        [1, 2, 1],
        [2, 3, 1],
      ],
    });
    expect(events[1]).toMatchObject({
      rows: [
        [0, 0, 0],
        [0, 0, 0],
      ],
    });
  });
});

describe('SummaryWriter buffering and flushing', () => {
  it('buffers writes until flush, then everything is in the file', () => {
    const dir = freshDir();
    const w = new SummaryWriter(dir, { flushIntervalMs: 0 });
    const headerSize = fs.statSync(w.file).size;
    expect(headerSize).toBeGreaterThan(0);
    for (let s = 0; s < 100; s++) w.histogram('h', [s, s + 1, s + 2], s);
    expect(fs.statSync(w.file).size).toBe(headerSize);
    w.flush();
    expect(fs.statSync(w.file).size).toBeGreaterThan(headerSize);
    expect(eventsOf(dir)).toHaveLength(100);
    w.close();
  });

  it('writes to the file once the buffer exceeds maxBufferBytes', () => {
    const dir = freshDir();
    const w = new SummaryWriter(dir, { flushIntervalMs: 0, maxBufferBytes: 2000 });
    const headerSize = fs.statSync(w.file).size;
    w.scalar('a', 1, 0);
    expect(fs.statSync(w.file).size).toBe(headerSize);
    for (let s = 0; s < 5; s++) w.histogram('h', [1, 2, 3], s); // about 760 bytes each
    expect(fs.statSync(w.file).size).toBeGreaterThan(headerSize);
    w.close();
  });

  it('writes the buffer every flushIntervalMs', () => {
    jest.useFakeTimers();
    try {
      const dir = freshDir();
      const w = new SummaryWriter(dir, { flushIntervalMs: 1000 });
      w.scalar('a', 1, 0);
      expect(eventsOf(dir)).toHaveLength(0);
      jest.advanceTimersByTime(1000);
      expect(eventsOf(dir)).toHaveLength(1);
      w.close();
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('close is idempotent, flush after close does nothing, writes after close fail clearly', () => {
    const dir = freshDir();
    const w = new SummaryWriter(dir);
    w.scalar('a', 1, 0);
    expect(w.closed).toBe(false);
    w.close();
    expect(w.closed).toBe(true);
    expect(() => w.close()).not.toThrow();
    expect(() => w.flush()).not.toThrow();
    const closedMsg = new RegExp(
      `SummaryWriter.scalar: this writer \\(run folder ".*run\\d+"\\) is closed; create a new SummaryWriter`,
    );
    expect(() => w.scalar('a', 2, 1)).toThrow(closedMsg);
    expect(() => w.histogram('h', [1], 1)).toThrow(/SummaryWriter.histogram: this writer .* is closed/);
    expect(() => w.text('t', 'x', 1)).toThrow(/SummaryWriter.text: this writer .* is closed/);
    expect(() => w.kerasGraph({ class_name: 'Sequential', config: { name: 's', layers: [] } })).toThrow(/is closed/);
    expect(eventsOf(dir).map((e) => (e as { value: number }).value)).toEqual([1]);
  });

  it('keeps unwritten data when the disk refuses it, and writes it on the next flush', () => {
    const dir = freshDir();
    const w = new SummaryWriter(dir, { flushIntervalMs: 0 });
    for (let s = 0; s < 20; s++) w.scalar('loss', s, s);
    const realWrite = realFs.writeSync;
    const spy = jest
      .spyOn(realFs, 'writeSync')
      // a short write, then the disk is full
      .mockImplementationOnce(((fd: number, buf: Uint8Array, off: number, len: number) =>
        realWrite(fd, buf, off, Math.floor(len / 3))) as typeof realFs.writeSync)
      .mockImplementationOnce(() => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      });
    try {
      expect(() => w.flush()).toThrow(
        /SummaryWriter: cannot write to the event file ".*events\.out\.tfevents.*": ENOSPC/,
      );
    } finally {
      spy.mockRestore();
    }
    for (let s = 20; s < 25; s++) w.scalar('loss', s, s);
    w.close();
    expect(eventsOf(dir).map((e) => (e as { value: number }).value)).toEqual([...Array(25).keys()]);
  });
});

describe('SummaryWriter bad input', () => {
  it('refuses a log folder it cannot create, naming it', () => {
    const dir = freshDir();
    fs.mkdirSync(dir);
    const aFile = path.join(dir, 'plain-file');
    fs.writeFileSync(aFile, 'x');
    expect(() => new SummaryWriter(path.join(aFile, 'run'))).toThrow(
      new RegExp(`SummaryWriter: cannot create the log folder ".*plain-file/run": ENOTDIR`),
    );
    expect(() => new SummaryWriter(aFile)).toThrow(
      /SummaryWriter: cannot create the log folder ".*plain-file": EEXIST|exists and is not a folder/,
    );
    expect(() => new SummaryWriter('')).toThrow(/logdir must be a non-empty folder path/);
    expect(() => new SummaryWriter(dir, { flushIntervalMs: -1 })).toThrow(/flushIntervalMs must be a number >= 0/);
    expect(fs.readdirSync(dir)).toEqual(['plain-file']);
  });

  it('names the folder when it cannot create a file in it', () => {
    const dir = freshDir();
    const spy = jest.spyOn(realFs, 'openSync').mockImplementationOnce(() => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${dir}/x'`), { code: 'EACCES' });
    });
    try {
      expect(() => new SummaryWriter(dir)).toThrow(
        new RegExp(`SummaryWriter: cannot create an event file in the log folder "${dir}": EACCES: permission denied`),
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('rejects bad tags, steps and values with clear errors, losing nothing already written', () => {
    const dir = freshDir();
    const w = new SummaryWriter(dir);
    w.scalar('loss', 1, 0);
    w.flush();
    w.scalar('loss', 2, 1);
    const empty = tf.tensor1d([]);
    const strings = tf.tensor1d(['a']);
    const bad: [() => unknown, RegExp][] = [
      [
        () => w.scalar('loss', '3' as never, 2),
        /SummaryWriter.scalar\("loss"\): expected a number or a one-element tensor, got a string/,
      ],
      [() => w.scalar('loss', empty, 2), /SummaryWriter.scalar\("loss"\): the tensor is empty/],
      [() => w.scalar('loss', 3, NaN), /SummaryWriter.scalar\("loss"\): step must be an integer, got NaN/],
      [() => w.scalar('loss', 3, 1.5), /step must be an integer, got 1.5/],
      [() => w.scalar('loss', 3, '2' as never), /step must be an integer, got 2/],
      [() => w.scalar('', 3, 2), /SummaryWriter.scalar: tag must be a non-empty string, got ""/],
      [
        () => w.histogram('h', strings, 2),
        /SummaryWriter.histogram\("h"\): expected a numeric tensor, got dtype string/,
      ],
      [() => w.histogram('h', [1, '2'] as never, 2), /SummaryWriter.histogram\("h"\): element \[1\] is a string/],
      [
        () => w.histogram('h', null as never, 2),
        /SummaryWriter.histogram\("h"\): expected a tensor, a typed array or an array of numbers, got null/,
      ],
      [
        () => w.histogram('h', [1], 2, { buckets: 0 }),
        /SummaryWriter.histogram\("h"\): buckets must be a positive integer, got 0/,
      ],
      [
        () => w.histogram('h', [1], 2, 30 as never),
        /SummaryWriter.histogram\("h"\): options must be an object like \{ buckets: 30 \}, got 30/,
      ],
      [() => w.text('t', 5 as never, 2), /SummaryWriter.text\("t"\): text must be a string, got number/],
      [() => w.kerasGraph({} as never), /kerasGraph: expected a tfjs LayersModel or Keras model JSON/],
    ];
    for (const [call, message] of bad) expect(call).toThrow(message);
    tf.dispose([empty, strings]);
    w.scalar('loss', 3, 2);
    w.close();
    expect(eventsOf(dir).map((e) => [e.step, (e as { value: number }).value])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });
});

/**
 * Compiles this folder's modules, and the lib/ folders they import, to CommonJS for a child Node
 * process (they only import types from tfjs). Returns this folder's compiled copy.
 */
function compileModulesForChild(): string {
  const out = fs.mkdtempSync(path.join(tmpRoot, 'js-'));
  for (const folder of ['tensorboard', 'errors', 'platform', 'notebook']) {
    const from = path.join(__dirname, '..', folder);
    fs.mkdirSync(path.join(out, folder));
    for (const name of fs.readdirSync(from)) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      const source = fs.readFileSync(path.join(from, name), 'utf8');
      const js = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      }).outputText;
      fs.writeFileSync(path.join(out, folder, name.replace(/\.ts$/, '.js')), js);
    }
  }
  return path.join(out, 'tensorboard');
}

describe('SummaryWriter and process death', () => {
  const projectNodeModules = path.resolve(__dirname, '..', '..', 'node_modules');
  let jsDir: string;
  beforeAll(() => {
    jsDir = compileModulesForChild();
  });

  const runChild = (script: string, dir: string) =>
    spawnSync(process.execPath, ['-e', script, jsDir, dir], {
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: projectNodeModules },
    });

  it('loses nothing that was flushed when the process is killed (SIGKILL)', () => {
    const dir = freshDir();
    const r = runChild(
      `const { SummaryWriter } = require(process.argv[1] + "/summary-writer.js");
       const w = new SummaryWriter(process.argv[2], { flushIntervalMs: 0 });
       for (let s = 0; s < 50; s++) { w.scalar("flushed", s / 2, s); w.histogram("h", [s, 2 * s, 3], s); }
       w.flush();
       for (let s = 0; s < 50; s++) w.scalar("buffered", s, s);
       process.kill(process.pid, "SIGKILL");`,
      dir,
    );
    expect(r.signal).toBe('SIGKILL');
    const events = eventsOf(dir);
    expect(events.filter((e) => e.kind === 'scalar').map((e) => [e.step, (e as { value: number }).value])).toEqual(
      [...Array(50).keys()].map((s) => [s, s / 2]),
    );
    expect(events.filter((e) => e.kind === 'histogram')).toHaveLength(50);
  });

  it('writes what is buffered when the process exits normally without close()', () => {
    const dir = freshDir();
    const r = runChild(
      `const { SummaryWriter } = require(process.argv[1] + "/summary-writer.js");
       const w = new SummaryWriter(process.argv[2], { flushIntervalMs: 60000 });
       for (let s = 0; s < 30; s++) w.scalar("loss", s, s);
       process.exit(0);`,
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(eventsOf(dir).map((e) => e.step)).toEqual([...Array(30).keys()]);
  });
});
