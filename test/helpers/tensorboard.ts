/**
 * Asking the real TensorBoard (from the project's venv) what it reads in a log folder: through its
 * event accumulator (one Python process for everything) or through `tensorboard --logdir` and its HTTP API.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChildProcess, spawn } from 'node:child_process';
import { runPython, toolsEnv, venvTool } from './python.js';

/** JSON cannot carry NaN and ±Infinity: both sides write them as these strings. */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export function toJsonNumber(x: number): JsonNumber {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return x;
}

export function fromJsonNumber(x: JsonNumber | string): number {
  return typeof x === 'number' ? x : Number(x);
}

/** A histogram to bucket independently in Python. */
export interface HistogramRequest {
  values: number[];
  buckets: number;
}

/** One point of a tag, as TensorBoard's accumulator returns it. */
export interface AccumulatedPoint {
  step: number;
  wall_time: number;
  dtype: number;
  shape: number[];
  value?: JsonNumber;
  rows?: number[][];
  text?: string;
  /** For the Keras graph: what TensorBoard's graph plugin makes of the JSON. */
  nodes?: { name: string; inputs: string[]; keras_class: string }[];
}

export interface AccumulatedTag {
  plugin: string;
  /** Plugin content, bytes as latin-1. */
  content: string;
  points: AccumulatedPoint[];
}

export interface TensorBoardDump {
  /** run -> tag -> what TensorBoard read. */
  runs: Record<string, Record<string, AccumulatedTag>>;
  /** For each histogram request: the rows numpy computes by TF 2's rules over the finite values. */
  numpy: Record<string, number[][]>;
  /** For each request with only finite values: the rows of TensorBoard's own `histogram_pb`. */
  tensorboardPb: Record<string, number[][] | null>;
}

const ACCUMULATOR_SCRIPT = String.raw`
import json, math, os, sys
import numpy as np
from tensorboard.backend.event_processing import plugin_event_accumulator as pea
from tensorboard.plugins.graph import keras_util
from tensorboard.plugins.histogram import summary_v2 as histogram_v2
from tensorboard.util import tensor_util
from tensorboard.compat.tensorflow_stub import pywrap_tensorflow

# Without TensorFlow, TensorBoard's reader checks every record's CRC-32C in pure Python (most of the
# time spent reading a 500-epoch log). google-crc32c computes the same checksum in C: still checked.
try:
    import google_crc32c
    if pywrap_tensorflow.crc32c(b"lista5") == google_crc32c.value(b"lista5"):
        pywrap_tensorflow.crc32c = google_crc32c.value
except ImportError:
    pass

def clean(x):
    if isinstance(x, float):
        if math.isnan(x): return "NaN"
        if math.isinf(x): return "Infinity" if x > 0 else "-Infinity"
        return x
    if isinstance(x, (list, tuple)): return [clean(v) for v in x]
    if isinstance(x, dict): return {k: clean(v) for k, v in x.items()}
    return x

def number(v):
    return float(v) if isinstance(v, str) else v

def tf2_buckets(values, k):
    """TF 2's tf.summary.histogram rules, over the finite values."""
    data = np.asarray(values, dtype=np.float64).ravel()
    data = data[np.isfinite(data)]
    if data.size == 0:
        return np.zeros((k, 3))
    lo, hi = data.min(), data.max()
    if hi == lo:
        rows = np.zeros((k, 3))
        rows[:, 0] = rows[:, 1] = lo
        rows[-1, 2] = data.size
        return rows
    width = (hi - lo) / k
    index = np.minimum(np.floor((data - lo) / width).astype(np.int64), k - 1)
    counts = np.bincount(index, minlength=k).astype(np.float64)
    edges = np.linspace(lo, hi, k + 1)
    edges[-1] = hi
    return np.stack([edges[:-1], edges[1:], counts], axis=1)

request = json.load(open(sys.argv[1]))
keep_rows = None if request.get("histogramRows") is None else set(request["histogramRows"])
out = {"runs": {}, "numpy": {}, "tensorboardPb": {}}
for run in request["runs"]:
    acc = pea.EventAccumulator(os.path.join(request["logdir"], run), size_guidance={pea.TENSORS: 0})
    acc.Reload()
    tags = {}
    for tag in acc.Tags()[pea.TENSORS]:
        md = acc.SummaryMetadata(tag)
        plugin = md.plugin_data.plugin_name
        points = []
        for ev in acc.Tensors(tag):
            arr = tensor_util.make_ndarray(ev.tensor_proto)
            p = {"step": ev.step, "wall_time": ev.wall_time, "dtype": ev.tensor_proto.dtype, "shape": list(arr.shape)}
            if plugin == "scalars":
                p["value"] = float(arr)
            elif plugin == "histograms":
                if keep_rows is None or tag in keep_rows:
                    p["rows"] = arr.tolist()
            elif plugin == "text":
                p["text"] = "\n".join(s.decode("utf-8") for s in arr.ravel())
            elif plugin == "graph_keras_model":
                model = json.loads(arr.ravel()[0])
                graph = keras_util.keras_model_to_graph_def(model)
                p["nodes"] = [
                    {"name": n.name, "inputs": list(n.input), "keras_class": n.attr["keras_class"].s.decode()}
                    for n in graph.node
                ]
            points.append(p)
        tags[tag] = {"plugin": plugin, "content": md.plugin_data.content.decode("latin-1"), "points": points}
    out["runs"][run] = tags
for key, h in request["histograms"].items():
    values = [number(v) for v in h["values"]]
    out["numpy"][key] = tf2_buckets(values, h["buckets"]).tolist()
    if all(math.isfinite(v) for v in values):
        pb = histogram_v2.histogram_pb("t", values, buckets=h["buckets"])
        out["tensorboardPb"][key] = tensor_util.make_ndarray(pb.value[0].tensor).tolist()
    else:
        out["tensorboardPb"][key] = None
json.dump(clean(out), sys.stdout)
`;

/** What {@link readWithTensorBoard} brings back besides tags and steps. */
export interface ReadOptions {
  /**
   * The histogram tags whose buckets (`rows`) to return; the other histograms' points come without
   * them. Default: every histogram's (500 epochs of a deep network's histograms are ~40 MB as JSON).
   */
  histogramRows?: string[];
}

/**
 * Reads the given runs of `logdir` with TensorBoard's `plugin_event_accumulator` (keeping every
 * tensor), and buckets each histogram request with numpy, all in one Python process.
 */
export function readWithTensorBoard(
  logdir: string,
  runs: string[],
  histograms: Record<string, HistogramRequest>,
  options: ReadOptions = {},
): TensorBoardDump {
  const requestFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tb-request-')), 'request.json');
  const encoded = Object.fromEntries(
    Object.entries(histograms).map(([k, h]) => [k, { buckets: h.buckets, values: h.values.map(toJsonNumber) }]),
  );
  fs.writeFileSync(
    requestFile,
    JSON.stringify({ logdir, runs, histograms: encoded, histogramRows: options.histogramRows ?? null }),
  );
  try {
    return JSON.parse(runPython(ACCUMULATOR_SCRIPT, [requestFile], 300_000)) as TensorBoardDump;
  } finally {
    fs.rmSync(path.dirname(requestFile), { recursive: true, force: true });
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A running `tensorboard --logdir`, stopped with {@link TensorBoardServer.stop}. */
export interface TensorBoardServer {
  url: string;
  /** GETs a path of the server and parses the JSON answer. */
  getJson<T = unknown>(pathAndQuery: string): Promise<T>;
  /** GETs a path of the server as text. */
  getText(pathAndQuery: string): Promise<string>;
  /** Everything the server printed. */
  output(): string;
  /** Stops the server and its data server (the whole process group); safe to call twice. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts `tensorboard --logdir <logdir>` from the venv on 127.0.0.1 and a free port, and waits until
 * it answers and lists `expectedRuns`.
 */
export async function startTensorBoard(logdir: string, expectedRuns: string[]): Promise<TensorBoardServer> {
  const port = await freePort();
  const child = spawn(
    venvTool('tensorboard'),
    ['--logdir', logdir, '--host', '127.0.0.1', '--port', String(port), '--reload_interval', '1'],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: toolsEnv(),
    },
  );
  running.add(child);
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const getText = async (p: string): Promise<string> => {
    const res = await fetch(url + p);
    const body = await res.text();
    if (!res.ok) throw new Error(`GET ${p}: HTTP ${res.status}: ${body.slice(0, 500)}`);
    return body;
  };
  const server: TensorBoardServer = {
    url,
    getText,
    getJson: async <T>(p: string) => JSON.parse(await getText(p)) as T,
    output: () => log,
    stop: async () => {
      if (!running.has(child)) return;
      killGroup(child, 'SIGTERM');
      const killer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
      running.delete(child);
    },
  };

  // A guard against hanging forever, not a performance limit: TensorBoard normally answers in seconds.
  const giveUpAt = Date.now() + 180_000;
  try {
    for (;;) {
      if (Date.now() > giveUpAt)
        throw new Error(`tensorboard did not list the runs ${expectedRuns.join(', ')}:\n${log}`);
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`tensorboard exited (${child.exitCode ?? child.signalCode}) before serving:\n${log}`);
      }
      try {
        const runs = await server.getJson<string[]>('/data/runs');
        if (expectedRuns.every((r) => runs.includes(r))) return server;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (e) {
    await server.stop();
    throw e;
  }
}
