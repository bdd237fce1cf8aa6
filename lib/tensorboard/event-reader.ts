/**
 * Reading TensorBoard event files back: the events of a file, a run folder or a log folder, decoded
 * into scalars, histogram rows, text and Keras graph JSON.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { HistogramRow, histogramRows } from "./histogram.js";
import { isEventFileName } from "./file-name.js";
import { DataType, decodeEvent, EventMessage, HistogramMessage, SummaryValueMessage, TensorMessage } from "./proto.js";
import { CorruptRecordError, readTFRecords, TruncatedTail } from "./records.js";
import { PluginName } from "./summaries.js";

/** Where an event was found and when it was written. */
export interface TensorBoardEventBase {
  /** The event file. */
  file: string;
  /** Byte offset of its record in the file. */
  offset: number;
  /** Seconds since the epoch. */
  wallTime: number;
  step: number;
}

/** The first event of a file. */
export interface FileVersionEvent extends TensorBoardEventBase {
  kind: "fileVersion";
  fileVersion: string;
}

/** A scalar (a `simple_value`, or a one-element tensor with plugin `scalars`). */
export interface ScalarEvent extends TensorBoardEventBase {
  kind: "scalar";
  tag: string;
  value: number;
}

/** A histogram as `[left, right, count]` rows (a `[k, 3]` tensor, or a legacy `HistogramProto`). */
export interface HistogramEvent extends TensorBoardEventBase {
  kind: "histogram";
  tag: string;
  rows: HistogramRow[];
}

/** Text (plugin `text`); the elements of a non-scalar string tensor are joined with newlines. */
export interface TextEvent extends TensorBoardEventBase {
  kind: "text";
  tag: string;
  text: string;
}

/** A Keras conceptual graph (plugin `graph_keras_model`): the model JSON. */
export interface GraphEvent extends TensorBoardEventBase {
  kind: "graph";
  tag: string;
  json: string;
}

/** Anything else (images, audio, op graphs, other plugins): only where it is and what it is. */
export interface OtherEvent extends TensorBoardEventBase {
  kind: "other";
  tag: string | null;
  plugin: string | null;
}

/** One decoded event; an `Event` with several summary values gives one of these per value. */
export type TensorBoardEvent = FileVersionEvent | ScalarEvent | HistogramEvent | TextEvent | GraphEvent | OtherEvent;

/** The kinds of {@link TensorBoardEvent}. */
export type TensorBoardEventKind = TensorBoardEvent["kind"];

/** Options for reading events. */
export interface ReadEventsOptions {
  /**
   * Called for a last record that is cut short (its writer was killed mid-write, or is still
   * writing). That record is skipped, as TensorBoard does; everything before it is read.
   */
  onTruncated?: (tail: TruncatedTail) => void;
}

const utf8 = new TextDecoder();

function tensorNumbers(t: TensorMessage): number[] {
  const c = t.tensor_content;
  if (c && c.length > 0) {
    const view = new DataView(c.buffer, c.byteOffset, c.byteLength);
    const out: number[] = [];
    switch (t.dtype) {
      case DataType.DT_FLOAT:
        for (let i = 0; i + 4 <= c.length; i += 4) out.push(view.getFloat32(i, true));
        return out;
      case DataType.DT_DOUBLE:
        for (let i = 0; i + 8 <= c.length; i += 8) out.push(view.getFloat64(i, true));
        return out;
      case DataType.DT_INT32:
        for (let i = 0; i + 4 <= c.length; i += 4) out.push(view.getInt32(i, true));
        return out;
      case DataType.DT_INT64:
        for (let i = 0; i + 8 <= c.length; i += 8) out.push(Number(view.getBigInt64(i, true)));
        return out;
      default:
        return [];
    }
  }
  switch (t.dtype) {
    case DataType.DT_FLOAT:
      return t.float_val ?? [];
    case DataType.DT_DOUBLE:
      return t.double_val ?? [];
    case DataType.DT_INT32:
      return t.int_val ?? [];
    case DataType.DT_INT64:
      return t.int64_val ?? [];
    default:
      return [];
  }
}

function tensorStrings(t: TensorMessage): string[] {
  return t.dtype === DataType.DT_STRING ? (t.string_val ?? []).map((b) => utf8.decode(b)) : [];
}

/** Legacy histograms, converted as TensorBoard does: empty end buckets dropped, outer edges = min/max. */
function legacyHistogramRows(h: HistogramMessage): HistogramRow[] {
  const counts = h.bucket;
  let start = 0;
  while (start < counts.length && !(counts[start] > 0)) start++;
  let end = counts.length - 1;
  while (end >= 0 && !(counts[end] > 0)) end--;
  if (start > end) return [];
  const inner = h.bucket_limit.slice(start, end);
  const lefts = [h.min, ...inner];
  const rights = [...inner, h.max];
  return counts.slice(start, end + 1).map((c, i): HistogramRow => [lefts[i], rights[i], c]);
}

function decodeValue(base: TensorBoardEventBase, v: SummaryValueMessage, pluginByTag: Map<string, string>): TensorBoardEvent {
  const tag = v.tag;
  let plugin = v.metadata?.plugin_data?.plugin_name || undefined;
  if (plugin) pluginByTag.set(tag, plugin);
  else plugin = pluginByTag.get(tag); // TensorBoard takes the metadata from the first event of a tag
  if (v.simple_value !== undefined) return { ...base, kind: "scalar", tag, value: v.simple_value };
  if (v.histo) return { ...base, kind: "histogram", tag, rows: legacyHistogramRows(v.histo) };
  const t = v.tensor;
  if (t) {
    switch (plugin) {
      case PluginName.scalars: {
        const nums = tensorNumbers(t);
        if (nums.length === 1) return { ...base, kind: "scalar", tag, value: nums[0] };
        break;
      }
      case PluginName.histograms: {
        const nums = tensorNumbers(t);
        if (nums.length % 3 === 0 && (nums.length > 0 || t.dtype !== DataType.DT_STRING)) {
          return { ...base, kind: "histogram", tag, rows: histogramRows(nums) };
        }
        break;
      }
      case PluginName.text: {
        const strings = tensorStrings(t);
        if (t.dtype === DataType.DT_STRING) return { ...base, kind: "text", tag, text: strings.join("\n") };
        break;
      }
      case PluginName.kerasGraph: {
        const strings = tensorStrings(t);
        if (strings.length === 1) return { ...base, kind: "graph", tag, json: strings[0] };
        break;
      }
    }
  }
  return { ...base, kind: "other", tag, plugin: plugin ?? null };
}

function decodeEvents(
  ev: EventMessage,
  file: string,
  offset: number,
  pluginByTag: Map<string, string>,
): TensorBoardEvent[] {
  const base: TensorBoardEventBase = { file, offset, wallTime: ev.wall_time, step: ev.step };
  if (ev.file_version !== undefined) return [{ ...base, kind: "fileVersion", fileVersion: ev.file_version }];
  if (ev.summary) return ev.summary.value.map((v) => decodeValue(base, v, pluginByTag));
  return [{ ...base, kind: "other", tag: null, plugin: null }];
}

function* readFileEvents(
  file: string,
  options: ReadEventsOptions,
  pluginByTag: Map<string, string>,
): Generator<TensorBoardEvent> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new Error(`cannot read the event file "${file}": ${(e as Error).message}`, { cause: e });
  }
  for (const record of readTFRecords(bytes, { file, onTruncated: options.onTruncated })) {
    let ev: EventMessage;
    try {
      ev = decodeEvent(record.data);
    } catch (e) {
      throw new CorruptRecordError(file, record.offset, `not an Event protobuf (${(e as Error).message})`);
    }
    for (const decoded of decodeEvents(ev, file, record.offset, pluginByTag)) yield decoded;
  }
}

/**
 * Yields the events of one event file, checking both CRCs of every record.
 *
 * @throws CorruptRecordError (with `file` and `offset`) for a record whose checksum does not match
 */
export function readEventFile(file: string, options: ReadEventsOptions = {}): Generator<TensorBoardEvent> {
  return readFileEvents(path.resolve(file), options, new Map());
}

/** The event files directly in a run folder, in the order TensorBoard reads them (by name). */
export function listEventFiles(runDir: string): string[] {
  const dir = path.resolve(runDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    throw new Error(`cannot list the run folder "${dir}": ${(e as Error).message}`, { cause: e });
  }
  return names
    .filter((n) => isEventFileName(n))
    .sort()
    .map((n) => path.join(dir, n))
    .filter((f) => fs.statSync(f).isFile());
}

/**
 * The runs under a log folder, as TensorBoard sees them: every folder (the log folder itself
 * included, as `"."`) that directly holds an event file, as paths relative to `logdir`, sorted.
 */
export function listRuns(logdir: string): string[] {
  const root = path.resolve(logdir);
  const runs: string[] = [];
  const walk = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && isEventFileName(e.name))) runs.push(path.relative(root, dir) || ".");
    for (const e of entries) if (e.isDirectory()) walk(path.join(dir, e.name));
  };
  walk(root);
  return runs.sort();
}

/**
 * Yields the events of an event file, or of all event files directly in a run folder (in name order).
 *
 * @throws CorruptRecordError for a record whose checksum does not match
 */
export function* readEvents(fileOrRunDir: string, options: ReadEventsOptions = {}): Generator<TensorBoardEvent> {
  const target = path.resolve(fileOrRunDir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch (e) {
    throw new Error(`cannot read events from "${target}": ${(e as Error).message}`, { cause: e });
  }
  const pluginByTag = new Map<string, string>();
  const files = stat.isDirectory() ? listEventFiles(target) : [target];
  for (const file of files) yield* readFileEvents(file, options, pluginByTag);
}

/** A point of a series in {@link RunData}. */
export interface RunPoint<T> {
  step: number;
  wallTime: number;
  value: T;
}

/** The series of one run, by tag. */
export interface RunData {
  /** The run folder. */
  dir: string;
  /** The event files read, in order. */
  files: string[];
  scalars: Map<string, RunPoint<number>[]>;
  histograms: Map<string, RunPoint<HistogramRow[]>[]>;
  texts: Map<string, RunPoint<string>[]>;
  /** Keras graph JSON by tag (Keras uses the tag `keras`). */
  graphs: Map<string, RunPoint<string>[]>;
}

/** Options for {@link readRun}. */
export interface ReadRunOptions extends ReadEventsOptions {
  /**
   * Keep every point as written. By default a point at step `s` replaces the earlier points of its tag
   * with step >= `s`, which is what TensorBoard shows when a step repeats (e.g. a second training
   * written into the same run folder).
   */
  keepAllPoints?: boolean;
}

function addPoint<T>(series: Map<string, RunPoint<T>[]>, tag: string, point: RunPoint<T>, keepAll: boolean): void {
  let list = series.get(tag);
  if (!list) series.set(tag, (list = []));
  if (!keepAll && list.length > 0 && list[list.length - 1].step >= point.step) {
    const kept = list.filter((p) => p.step < point.step);
    list.length = 0;
    list.push(...kept);
  }
  list.push(point);
}

/** Reads a whole run folder into series by tag (scalars, histograms, texts, Keras graphs). */
export function readRun(runDir: string, options: ReadRunOptions = {}): RunData {
  const dir = path.resolve(runDir);
  const keepAll = options.keepAllPoints ?? false;
  const data: RunData = {
    dir,
    files: listEventFiles(dir),
    scalars: new Map(),
    histograms: new Map(),
    texts: new Map(),
    graphs: new Map(),
  };
  for (const ev of readEvents(dir, options)) {
    const at = { step: ev.step, wallTime: ev.wallTime };
    if (ev.kind === "scalar") addPoint(data.scalars, ev.tag, { ...at, value: ev.value }, keepAll);
    else if (ev.kind === "histogram") addPoint(data.histograms, ev.tag, { ...at, value: ev.rows }, keepAll);
    else if (ev.kind === "text") addPoint(data.texts, ev.tag, { ...at, value: ev.text }, keepAll);
    else if (ev.kind === "graph") addPoint(data.graphs, ev.tag, { ...at, value: ev.json }, keepAll);
  }
  return data;
}
