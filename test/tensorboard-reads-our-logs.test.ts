/**
 * lib/tensorboard against the real TensorBoard 2.21 of the project's venv: what our SummaryWriter
 * writes is read back by TensorBoard's event accumulator and by `tensorboard --logdir` (HTTP API,
 * default fast loader), with histogram buckets checked against numpy, and by our own reader.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { readRun, SummaryWriter, TruncatedTail } from '../lib/tensorboard/index.js';
import { encodeEvent } from '../lib/tensorboard/proto.js';
import { encodeTFRecord } from '../lib/tensorboard/records.js';
import {
  fromJsonNumber,
  HistogramRequest,
  JsonNumber,
  readWithTensorBoard,
  startTensorBoard,
  TensorBoardDump,
  TensorBoardServer,
} from './helpers/tensorboard.js';

const RUNS = ['deep/train', 'deep/validation', 'functional', 'crashed'];

/** Deterministic uniform [0, 1) numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function normals(next: () => number, n: number, scale = 1): number[] {
  return Array.from({ length: n }, () => scale * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()));
}

interface ScalarCase {
  run: string;
  tag: string;
  step: number;
  /** What is passed to the writer; TensorBoard stores float32. */
  value: number;
}
interface HistogramCase extends HistogramRequest {
  key: string;
  run: string;
  tag: string;
  step: number;
  /** Whether the writer wrote it (false when no value is finite). */
  written: boolean;
}

const scalars: ScalarCase[] = [];
const histograms: HistogramCase[] = [];
const texts = [
  { run: 'deep/train', tag: 'notes', step: 0, text: '**Gradientes** que explodem: `NaN` e `inf` ✓\n\n- época 3' },
];

/** The graphs as TensorBoard's graph plugin should build them: node -> its inputs. */
const expectedGraphs: Record<string, { name: string; inputs: string[]; keras_class: string }[]> = {
  'deep/train': [
    { name: 'deep/h1_input', inputs: [], keras_class: 'InputLayer' },
    { name: 'deep/h1', inputs: ['deep/h1_input'], keras_class: 'Dense' },
    { name: 'deep/h2', inputs: ['deep/h1'], keras_class: 'Dense' },
    { name: 'deep/h3', inputs: ['deep/h2'], keras_class: 'Dense' },
    { name: 'deep/h4', inputs: ['deep/h3'], keras_class: 'Dense' },
    { name: 'deep/h5', inputs: ['deep/h4'], keras_class: 'Dense' },
    { name: 'deep/out', inputs: ['deep/h5'], keras_class: 'Dense' },
  ],
  functional: [
    { name: 'fun/x', inputs: [], keras_class: 'InputLayer' },
    { name: 'fun/a', inputs: ['fun/x'], keras_class: 'Dense' },
    { name: 'fun/b', inputs: ['fun/x'], keras_class: 'Dense' },
    { name: 'fun/sum', inputs: ['fun/a', 'fun/b'], keras_class: 'Add' },
    { name: 'fun/inner/d_input', inputs: ['fun/sum'], keras_class: 'InputLayer' },
    { name: 'fun/inner/d', inputs: ['fun/inner/d_input'], keras_class: 'Dense' },
    { name: 'fun/final', inputs: ['fun/inner/d'], keras_class: 'Dense' },
  ],
};

const truncatedTails: TruncatedTail[] = [];

/** Writes the log folder the tests read: what a lesson run writes, plus the awkward cases. */
function writeLogs(logdir: string): void {
  const next = rng(20240605);
  const train = new SummaryWriter(path.join(logdir, 'deep/train'));
  const validation = new SummaryWriter(path.join(logdir, 'deep/validation'));
  for (let step = 0; step < 60; step++) {
    // The exploding demo: the loss becomes Infinity, then NaN.
    const loss = step < 55 ? 0.7 * Math.exp(-step / 20) + 0.01 * next() : step === 55 ? Infinity : NaN;
    scalars.push({ run: 'deep/train', tag: 'epoch_loss', step, value: loss });
    scalars.push({
      run: 'deep/train',
      tag: 'epoch_accuracy',
      step,
      value: Math.min(1, 0.5 + step / 100 + 0.01 * next()),
    });
    scalars.push({ run: 'deep/validation', tag: 'epoch_loss', step, value: 0.8 * Math.exp(-step / 25) });
  }
  for (const s of scalars) (s.run === 'deep/train' ? train : validation).scalar(s.tag, s.value, s.step);

  const addHistogram = (
    run: string,
    tag: string,
    step: number,
    values: number[],
    buckets: number,
    input: 'tensor' | 'float32' | 'array',
  ) => {
    let result;
    if (input === 'tensor') {
      const t = tf.tensor2d(values, [values.length / 5, 5]);
      result = train.histogram(tag, t, step, { buckets });
      // what the tensor holds: float32
      values = Array.from(t.dataSync());
      t.dispose();
    } else if (input === 'float32') {
      const f = Float32Array.from(values);
      result = train.histogram(tag, f, step, { buckets });
      values = Array.from(f);
    } else {
      result = train.histogram(tag, values, step, { buckets });
    }
    histograms.push({ key: `${run}|${tag}|${step}`, run, tag, step, values, buckets, written: result.written });
  };
  for (let step = 0; step < 40; step++) {
    // vanishing gradients: 25 values that shrink with the epochs
    addHistogram(
      'deep/train',
      'dense_1/kernel_0_grads',
      step,
      normals(next, 25, 10 ** (-step / 10)),
      30,
      step % 2 ? 'float32' : 'tensor',
    );
  }
  for (let step = 0; step < 10; step++)
    addHistogram('deep/train', 'dense_2/kernel', step, normals(next, 1000, 1 + step), 30, 'array');
  for (let step = 0; step < 5; step++) addHistogram('deep/train', 'seven_buckets', step, normals(next, 50), 7, 'array');
  addHistogram('deep/train', 'constant', 0, new Array(10).fill(0.5), 30, 'array');
  addHistogram('deep/train', 'empty', 0, [], 30, 'array');
  addHistogram('deep/train', 'exploding/kernel', 0, [0.5, -0.25, 1, 0.75], 30, 'array');
  addHistogram('deep/train', 'exploding/kernel', 1, [1, 2, NaN, Infinity, 3, -Infinity, 2.5e30], 30, 'array');
  addHistogram('deep/train', 'exploding/kernel', 2, [NaN, NaN, Infinity], 30, 'array');
  addHistogram('deep/train', 'exploding/kernel', 3, [NaN, -1e38, 1e38], 30, 'array');

  for (const t of texts) train.text(t.tag, t.text, t.step);

  const deep = tf.sequential({ name: 'deep' });
  deep.add(tf.layers.dense({ units: 5, inputShape: [2], activation: 'sigmoid', name: 'h1' }));
  for (const name of ['h2', 'h3', 'h4', 'h5']) deep.add(tf.layers.dense({ units: 5, activation: 'sigmoid', name }));
  deep.add(tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'out' }));
  train.kerasGraph(deep);
  deep.dispose();

  // A second writer in the same run (a second file): TensorBoard merges them.
  const extra = new SummaryWriter(path.join(logdir, 'deep/train'));
  for (let step = 0; step < 3; step++) {
    scalars.push({ run: 'deep/train', tag: 'learning_rate', step, value: 0.5 / (step + 1) });
    extra.scalar('learning_rate', 0.5 / (step + 1), step);
  }
  extra.close();
  train.close();
  validation.close();

  const fun = new SummaryWriter(path.join(logdir, 'functional'));
  const x = tf.input({ shape: [3], name: 'x' });
  const a = tf.layers.dense({ units: 4, name: 'a' }).apply(x) as tf.SymbolicTensor;
  const b = tf.layers.dense({ units: 4, name: 'b' }).apply(x) as tf.SymbolicTensor;
  const sum = tf.layers.add({ name: 'sum' }).apply([a, b]) as tf.SymbolicTensor;
  const inner = tf.sequential({ name: 'inner', layers: [tf.layers.dense({ units: 2, inputShape: [4], name: 'd' })] });
  const final = tf.layers
    .dense({ units: 1, name: 'final' })
    .apply(inner.apply(sum) as tf.SymbolicTensor) as tf.SymbolicTensor;
  const model = tf.model({ inputs: x, outputs: final, name: 'fun' });
  fun.kerasGraph(model);
  model.dispose();
  scalars.push({ run: 'functional', tag: 'loss', step: 0, value: 0.125 });
  fun.scalar('loss', 0.125, 0);
  fun.close();

  // A writer killed in the middle of a record: the file ends with part of one.
  const crashed = new SummaryWriter(path.join(logdir, 'crashed'));
  for (let step = 0; step < 10; step++) {
    scalars.push({ run: 'crashed', tag: 'loss', step, value: 1 / (step + 1) });
    crashed.scalar('loss', 1 / (step + 1), step);
  }
  crashed.close();
  const partial = encodeTFRecord(
    encodeEvent({ wall_time: 0, step: 10, summary: { value: [{ tag: 'loss', simple_value: 9 }] } }),
  );
  fs.appendFileSync(crashed.file, partial.subarray(0, partial.length - 5));
}

let logdir: string;
let dump: TensorBoardDump;

beforeAll(() => {
  logdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-reads-our-logs-'));
  writeLogs(logdir);
  const requests = Object.fromEntries(histograms.map((h) => [h.key, { values: h.values, buckets: h.buckets }]));
  dump = readWithTensorBoard(logdir, RUNS, requests);
}, 300_000);

afterAll(() => {
  if (logdir) fs.rmSync(logdir, { recursive: true, force: true });
});

const byRunTag = <T extends { run: string; tag: string }>(cases: T[]) => {
  const m = new Map<string, T[]>();
  for (const c of cases) {
    const k = `${c.run}|${c.tag}`;
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(c);
  }
  return m;
};

/** Same number, NaN included (float32 as TensorBoard stores it). */
const sameFloat32 = (got: JsonNumber | number | undefined, written: number) =>
  expect(
    Object.is(fromJsonNumber(got as JsonNumber), Math.fround(written)) ||
      fromJsonNumber(got as JsonNumber) === Math.fround(written),
  ).toBe(true);

describe("TensorBoard's event accumulator reads our logs", () => {
  test('scalars: rank-0 DT_FLOAT tensors with plugin scalars, every step and value (NaN and Infinity included)', () => {
    for (const [key, cases] of byRunTag(scalars)) {
      const [run, tag] = key.split('|');
      const got = dump.runs[run][tag];
      expect(got).toBeDefined();
      expect(got.plugin).toBe('scalars');
      expect(got.content).toBe('');
      expect(got.points.map((p) => p.step)).toEqual(cases.map((c) => c.step));
      got.points.forEach((p, i) => {
        expect(p.dtype).toBe(1);
        expect(p.shape).toEqual([]);
        sameFloat32(p.value, cases[i].value);
      });
    }
    const loss = dump.runs['deep/train'].epoch_loss.points;
    expect(loss[55].value).toBe('Infinity');
    expect(loss[56].value).toBe('NaN');
  });

  test('histograms: [k, 3] DT_DOUBLE tensors with the bucket edges and counts numpy computes', () => {
    let compared = 0;
    for (const [key, cases] of byRunTag(histograms)) {
      const [run, tag] = key.split('|');
      const got = dump.runs[run][tag];
      expect(got.plugin).toBe('histograms');
      expect(got.content).toBe('');
      const written = cases.filter((c) => c.written);
      expect(got.points.map((p) => p.step)).toEqual(written.map((c) => c.step));
      got.points.forEach((p, i) => {
        const c = written[i];
        expect(p.dtype).toBe(2);
        expect(p.shape).toEqual([c.buckets, 3]);
        expect(p.rows).toEqual(dump.numpy[c.key]);
        const pb = dump.tensorboardPb[c.key];
        if (pb) expect(p.rows).toEqual(pb);
        compared++;
      });
    }
    expect(compared).toBe(histograms.filter((h) => h.written).length);
    expect(compared).toBe(60);
  });

  test('histograms of the awkward cases: all equal, empty, NaN/Infinity, no finite value', () => {
    const train = dump.runs['deep/train'];
    expect(train.constant.points[0].rows![29]).toEqual([0.5, 0.5, 10]);
    expect(train.constant.points[0].rows!.slice(0, 29).every((r) => r[0] === 0.5 && r[1] === 0.5 && r[2] === 0)).toBe(
      true,
    );
    expect(train.empty.points[0].rows).toEqual(new Array(30).fill([0, 0, 0]));
    const exploding = train['exploding/kernel'].points;
    expect(exploding.map((p) => p.step)).toEqual([0, 1, 3]);
    for (const p of exploding)
      expect(p.rows!.flat().every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    expect(exploding[1].rows!.reduce((s, r) => s + r[2], 0)).toBe(4); // 1, 2, 3, 2.5e30
    expect(exploding[1].rows![29][1]).toBe(2.5e30);
  });

  test('text: a DT_STRING tensor with plugin text', () => {
    for (const t of texts) {
      const got = dump.runs[t.run][t.tag];
      expect(got.plugin).toBe('text');
      expect(got.points.map((p) => [p.step, p.text])).toEqual([[t.step, t.text]]);
    }
  });

  test('the Keras graph: tag keras, plugin graph_keras_model with content "1", parsed into a graph by the graph plugin', () => {
    for (const [run, nodes] of Object.entries(expectedGraphs)) {
      const got = dump.runs[run].keras;
      expect(got.plugin).toBe('graph_keras_model');
      expect(got.content).toBe('1');
      expect(got.points).toHaveLength(1);
      expect(got.points[0].step).toBe(0);
      expect(got.points[0].nodes).toEqual(nodes);
    }
  });

  test('a run whose last record was cut short is read up to it', () => {
    expect(dump.runs.crashed.loss.points.map((p) => p.step)).toEqual([...Array(10).keys()]);
  });
});

describe('our reader reads the same logs back', () => {
  const runs = () =>
    Object.fromEntries(
      RUNS.map((r) => [r, readRun(path.join(logdir, r), { onTruncated: (t) => truncatedTails.push(t) })]),
    );

  test('scalars, histograms, text and graphs match what TensorBoard read', () => {
    const ours = runs();
    for (const [key, cases] of byRunTag(scalars)) {
      const [run, tag] = key.split('|');
      const points = ours[run].scalars.get(tag)!;
      expect(points.map((p) => p.step)).toEqual(cases.map((c) => c.step));
      points.forEach((p, i) => sameFloat32(p.value, cases[i].value));
      const tb = dump.runs[run][tag].points;
      expect(points.map((p) => p.wallTime)).toEqual(tb.map((p) => p.wall_time));
    }
    for (const [key, cases] of byRunTag(histograms)) {
      const [run, tag] = key.split('|');
      const written = cases.filter((c) => c.written);
      const points = ours[run].histograms.get(tag)!;
      expect(points.map((p) => p.step)).toEqual(written.map((c) => c.step));
      points.forEach((p, i) => expect(p.value).toEqual(dump.numpy[written[i].key]));
    }
    for (const t of texts) expect(ours[t.run].texts.get(t.tag)!.map((p) => p.value)).toEqual([t.text]);
    const deepGraph = JSON.parse(ours['deep/train'].graphs.get('keras')![0].value);
    expect(deepGraph.config.layers.map((l: { config: { name: string } }) => l.config.name)).toEqual(
      expectedGraphs['deep/train'].map((n) => n.name.split('/').pop()),
    );
    expect(ours['deep/train'].files).toHaveLength(2);
  });

  test('the cut-short record is skipped and reported', () => {
    truncatedTails.length = 0;
    const crashed = readRun(path.join(logdir, 'crashed'), { onTruncated: (t) => truncatedTails.push(t) });
    expect(crashed.scalars.get('loss')!.map((p) => p.step)).toEqual([...Array(10).keys()]);
    expect(truncatedTails).toHaveLength(1);
    expect(truncatedTails[0].file).toBe(crashed.files[0]);
  });
});

/** Node names and inputs from the pbtxt GraphDef that the graph endpoint serves. */
function parseGraphPbtxt(pbtxt: string): { name: string; inputs: string[] }[] {
  return pbtxt
    .split(/^node \{$/m)
    .slice(1)
    .map((block) => ({
      name: /^ {2}name: "(.*)"$/m.exec(block)![1],
      inputs: [...block.matchAll(/^ {2}input: "(.*)"$/gm)].map((m) => m[1]),
    }));
}

describe('tensorboard --logdir serves our logs over HTTP', () => {
  let server: TensorBoardServer | undefined;
  const q = (run: string, tag: string) => `run=${encodeURIComponent(run)}&tag=${encodeURIComponent(tag)}`;

  beforeAll(async () => {
    server = await startTensorBoard(logdir, RUNS);
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  test('lists the runs and the scalar, histogram, text and graph tags', async () => {
    const runs = await server!.getJson<string[]>('/data/runs');
    expect([...runs].sort()).toEqual([...RUNS].sort());
    const scalarTags = await server!.getJson<Record<string, Record<string, unknown>>>('/data/plugin/scalars/tags');
    expect(Object.keys(scalarTags['deep/train']).sort()).toEqual(['epoch_accuracy', 'epoch_loss', 'learning_rate']);
    const histTags = await server!.getJson<Record<string, Record<string, unknown>>>('/data/plugin/histograms/tags');
    expect(Object.keys(histTags['deep/train']).sort()).toEqual(
      ['constant', 'dense_1/kernel_0_grads', 'dense_2/kernel', 'empty', 'exploding/kernel', 'seven_buckets'].sort(),
    );
    const graphInfo =
      await server!.getJson<Record<string, { tags: Record<string, { conceptual_graph: boolean }> }>>(
        '/data/plugin/graphs/info',
      );
    expect(graphInfo['deep/train'].tags.keras.conceptual_graph).toBe(true);
    expect(graphInfo.functional.tags.keras.conceptual_graph).toBe(true);
  });

  test('scalars: every step and value, NaN and Infinity included', async () => {
    for (const [key, cases] of byRunTag(scalars)) {
      const [run, tag] = key.split('|');
      const points = await server!.getJson<[number, number, JsonNumber][]>(
        `/data/plugin/scalars/scalars?${q(run, tag)}`,
      );
      expect(points.map((p) => p[1])).toEqual(cases.map((c) => c.step));
      points.forEach((p, i) => sameFloat32(p[2], cases[i].value));
    }
  });

  test('histograms and distributions: the buckets numpy computes, finite even where the data was not', async () => {
    for (const [key, cases] of byRunTag(histograms)) {
      const [run, tag] = key.split('|');
      const written = cases.filter((c) => c.written);
      const points = await server!.getJson<[number, number, number[][]][]>(
        `/data/plugin/histograms/histograms?${q(run, tag)}`,
      );
      expect(points.map((p) => p[1])).toEqual(written.map((c) => c.step));
      points.forEach((p, i) => expect(p[2]).toEqual(dump.numpy[written[i].key]));
    }
    const dist = await server!.getJson<[number, number, [number, number][]][]>(
      `/data/plugin/distributions/distributions?${q('deep/train', 'exploding/kernel')}`,
    );
    expect(dist.map((p) => p[1])).toEqual([0, 1, 3]);
    for (const [, , bps] of dist)
      expect(bps.every(([bp, v]) => Number.isFinite(bp) && typeof v === 'number' && Number.isFinite(v))).toBe(true);
  });

  test('text is rendered from our Markdown', async () => {
    const got = await server!.getJson<{ step: number; text: string }[]>(
      `/data/plugin/text/text?${q('deep/train', 'notes')}`,
    );
    expect(got).toHaveLength(1);
    expect(got[0].step).toBe(0);
    expect(got[0].text).toContain('<strong>Gradientes</strong>');
    expect(got[0].text).toContain('<code>NaN</code>');
    expect(got[0].text).toContain('✓');
  });

  test('the graph plugin builds the conceptual graph of our Keras JSON', async () => {
    for (const [run, nodes] of Object.entries(expectedGraphs)) {
      const pbtxt = await server!.getText(`/data/plugin/graphs/graph?${q(run, 'keras')}&conceptual=true`);
      expect(parseGraphPbtxt(pbtxt)).toEqual(nodes.map(({ name, inputs }) => ({ name, inputs })));
    }
  });

  test('the run cut short serves its complete records', async () => {
    const points = await server!.getJson<[number, number, number][]>(
      `/data/plugin/scalars/scalars?${q('crashed', 'loss')}`,
    );
    expect(points.map((p) => p[1])).toEqual([...Array(10).keys()]);
  });
});
