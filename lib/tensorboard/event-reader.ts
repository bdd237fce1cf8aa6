/**
 * Reading TensorBoard event files back: the events of a file, a run folder or a log folder, decoded
 * into scalars, histogram rows, text and Keras graph JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeEvents, type TensorBoardEvent } from './event-decoding.js';
import { isEventFileName } from './file-name.js';
import type { HistogramRow } from './histogram.js';
import { decodeEvent, EventMessage } from './proto.js';
import { CorruptRecordError, readTFRecords, TruncatedTail } from './records.js';

export type {
  FileVersionEvent,
  GraphEvent,
  HistogramEvent,
  OtherEvent,
  ScalarEvent,
  TensorBoardEvent,
  TensorBoardEventBase,
  TensorBoardEventKind,
  TextEvent,
} from './event-decoding.js';
import { checkString } from '../errors/index.js';

/** Options for reading events. */
export interface ReadEventsOptions {
  /**
   * Called for a last record that is cut short (its writer was killed mid-write, or is still
   * writing). That record is skipped, as TensorBoard does; everything before it is read.
   */
  onTruncated?: (tail: TruncatedTail) => void;
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
  checkString('readEventFile', 'file', file, 'an event file path');
  return readFileEvents(path.resolve(file), options, new Map());
}

/** The event files directly in a run folder, in the order TensorBoard reads them (by name). */
export function listEventFiles(runDir: string): string[] {
  checkString('listEventFiles', 'runDir', runDir, 'a run folder path');
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
  checkString('listRuns', 'logdir', logdir, 'a log folder path');
  const root = path.resolve(logdir);
  const runs: string[] = [];
  const walk = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && isEventFileName(e.name))) runs.push(path.relative(root, dir) || '.');
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
  checkString('readRun', 'runDir', runDir, 'a run folder path (e.g. logs/modelo_fundo/train)');
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
    if (ev.kind === 'scalar') addPoint(data.scalars, ev.tag, { ...at, value: ev.value }, keepAll);
    else if (ev.kind === 'histogram') addPoint(data.histograms, ev.tag, { ...at, value: ev.rows }, keepAll);
    else if (ev.kind === 'text') addPoint(data.texts, ev.tag, { ...at, value: ev.text }, keepAll);
    else if (ev.kind === 'graph') addPoint(data.graphs, ev.tag, { ...at, value: ev.json }, keepAll);
  }
  return data;
}
