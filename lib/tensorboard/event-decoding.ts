/**
 * One TensorBoard `Event` protobuf, decoded into what it holds: scalars, histogram rows, text,
 * Keras graph JSON (the event types the reader yields).
 */
import { HistogramRow, histogramRows } from './histogram.js';
import { DataType, EventMessage, HistogramMessage, SummaryValueMessage, TensorMessage } from './proto.js';
import { PluginName } from './summaries.js';

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
  kind: 'fileVersion';
  fileVersion: string;
}

/** A scalar (a `simple_value`, or a one-element tensor with plugin `scalars`). */
export interface ScalarEvent extends TensorBoardEventBase {
  kind: 'scalar';
  tag: string;
  value: number;
}

/** A histogram as `[left, right, count]` rows (a `[k, 3]` tensor, or a legacy `HistogramProto`). */
export interface HistogramEvent extends TensorBoardEventBase {
  kind: 'histogram';
  tag: string;
  rows: HistogramRow[];
}

/** Text (plugin `text`); the elements of a non-scalar string tensor are joined with newlines. */
export interface TextEvent extends TensorBoardEventBase {
  kind: 'text';
  tag: string;
  text: string;
}

/** A Keras conceptual graph (plugin `graph_keras_model`): the model JSON. */
export interface GraphEvent extends TensorBoardEventBase {
  kind: 'graph';
  tag: string;
  json: string;
}

/** Anything else (images, audio, op graphs, other plugins): only where it is and what it is. */
export interface OtherEvent extends TensorBoardEventBase {
  kind: 'other';
  tag: string | null;
  plugin: string | null;
}

/** One decoded event; an `Event` with several summary values gives one of these per value. */
export type TensorBoardEvent = FileVersionEvent | ScalarEvent | HistogramEvent | TextEvent | GraphEvent | OtherEvent;

/** The kinds of {@link TensorBoardEvent}. */
export type TensorBoardEventKind = TensorBoardEvent['kind'];

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

function decodeValue(
  base: TensorBoardEventBase,
  v: SummaryValueMessage,
  pluginByTag: Map<string, string>,
): TensorBoardEvent {
  const tag = v.tag;
  let plugin = v.metadata?.plugin_data?.plugin_name || undefined;
  if (plugin) pluginByTag.set(tag, plugin);
  else plugin = pluginByTag.get(tag); // TensorBoard takes the metadata from the first event of a tag
  if (v.simple_value !== undefined) return { ...base, kind: 'scalar', tag, value: v.simple_value };
  if (v.histo) return { ...base, kind: 'histogram', tag, rows: legacyHistogramRows(v.histo) };
  const t = v.tensor;
  if (t) {
    switch (plugin) {
      case PluginName.scalars: {
        const nums = tensorNumbers(t);
        if (nums.length === 1) return { ...base, kind: 'scalar', tag, value: nums[0] };
        break;
      }
      case PluginName.histograms: {
        const nums = tensorNumbers(t);
        if (nums.length % 3 === 0 && (nums.length > 0 || t.dtype !== DataType.DT_STRING)) {
          return { ...base, kind: 'histogram', tag, rows: histogramRows(nums) };
        }
        break;
      }
      case PluginName.text: {
        const strings = tensorStrings(t);
        if (t.dtype === DataType.DT_STRING) return { ...base, kind: 'text', tag, text: strings.join('\n') };
        break;
      }
      case PluginName.kerasGraph: {
        const strings = tensorStrings(t);
        if (strings.length === 1) return { ...base, kind: 'graph', tag, json: strings[0] };
        break;
      }
    }
  }
  return { ...base, kind: 'other', tag, plugin: plugin ?? null };
}

export function decodeEvents(
  ev: EventMessage,
  file: string,
  offset: number,
  pluginByTag: Map<string, string>,
): TensorBoardEvent[] {
  const base: TensorBoardEventBase = { file, offset, wallTime: ev.wall_time, step: ev.step };
  if (ev.file_version !== undefined) return [{ ...base, kind: 'fileVersion', fileVersion: ev.file_version }];
  if (ev.summary) return ev.summary.value.map((v) => decodeValue(base, v, pluginByTag));
  return [{ ...base, kind: 'other', tag: null, plugin: null }];
}
