/**
 * The subset of TensorFlow's protocol buffers that TensorBoard event files use, with encode/decode.
 *
 * The schema below is our own minimal `.proto`; only the field numbers and types follow TensorFlow's
 * `event.proto`, `summary.proto`, `tensor.proto`, `tensor_shape.proto` and `types.proto`, since those
 * are what the wire format is made of. Encoding and decoding are done by protobufjs.
 */
import * as protobuf from 'protobufjs';

const SCHEMA = `
syntax = "proto3";
package lista5.tensorboard;

enum DataType {
  DT_INVALID = 0;
  DT_FLOAT = 1;
  DT_DOUBLE = 2;
  DT_INT32 = 3;
  DT_STRING = 7;
  DT_INT64 = 9;
}

message TensorShapeProto {
  message Dim {
    int64 size = 1;
    string name = 2;
  }
  repeated Dim dim = 2;
  bool unknown_rank = 3;
}

message TensorProto {
  DataType dtype = 1;
  TensorShapeProto tensor_shape = 2;
  int32 version_number = 3;
  bytes tensor_content = 4;
  repeated float float_val = 5 [packed = true];
  repeated double double_val = 6 [packed = true];
  repeated int32 int_val = 7 [packed = true];
  repeated bytes string_val = 8;
  repeated int64 int64_val = 10 [packed = true];
}

message HistogramProto {
  double min = 1;
  double max = 2;
  double num = 3;
  double sum = 4;
  double sum_squares = 5;
  repeated double bucket_limit = 6 [packed = true];
  repeated double bucket = 7 [packed = true];
}

enum DataClass {
  DATA_CLASS_UNKNOWN = 0;
  DATA_CLASS_SCALAR = 1;
  DATA_CLASS_TENSOR = 2;
  DATA_CLASS_BLOB_SEQUENCE = 3;
}

message SummaryMetadata {
  message PluginData {
    string plugin_name = 1;
    bytes content = 2;
  }
  PluginData plugin_data = 1;
  string display_name = 2;
  string summary_description = 3;
  DataClass data_class = 4;
}

message Summary {
  message Value {
    string node_name = 7;
    string tag = 1;
    SummaryMetadata metadata = 9;
    oneof value {
      float simple_value = 2;
      HistogramProto histo = 5;
      TensorProto tensor = 8;
    }
  }
  repeated Value value = 1;
}

message Event {
  double wall_time = 1;
  int64 step = 2;
  oneof what {
    string file_version = 3;
    bytes graph_def = 4;
    Summary summary = 5;
  }
}
`;

const root = protobuf.parse(SCHEMA, { keepCase: true }).root;
const EventType = root.lookupType('lista5.tensorboard.Event');

/** TensorFlow `DataType` values used here. */
export const DataType = {
  DT_FLOAT: 1,
  DT_DOUBLE: 2,
  DT_INT32: 3,
  DT_STRING: 7,
  DT_INT64: 9,
} as const;

/** `TensorShapeProto`. */
export interface TensorShapeMessage {
  dim?: { size: number; name?: string }[];
  unknown_rank?: boolean;
}

/** `TensorProto` (the fields used here). */
export interface TensorMessage {
  dtype: number;
  tensor_shape?: TensorShapeMessage;
  tensor_content?: Uint8Array;
  float_val?: number[];
  double_val?: number[];
  int_val?: number[];
  string_val?: Uint8Array[];
  int64_val?: number[];
}

/** The legacy `HistogramProto`. */
export interface HistogramMessage {
  min: number;
  max: number;
  num: number;
  sum: number;
  sum_squares: number;
  bucket_limit: number[];
  bucket: number[];
}

/** `SummaryMetadata`. */
export interface SummaryMetadataMessage {
  plugin_data?: { plugin_name: string; content?: Uint8Array };
  display_name?: string;
  summary_description?: string;
  data_class?: number;
}

/** `Summary.Value`: exactly one of `simple_value`, `histo`, `tensor` is set. */
export interface SummaryValueMessage {
  tag: string;
  node_name?: string;
  metadata?: SummaryMetadataMessage;
  simple_value?: number;
  histo?: HistogramMessage;
  tensor?: TensorMessage;
}

/** `Event`: at most one of `file_version`, `graph_def`, `summary` is set. */
export interface EventMessage {
  wall_time: number;
  step: number;
  file_version?: string;
  graph_def?: Uint8Array;
  summary?: { value: SummaryValueMessage[] };
}

/** Serialises an `Event`. */
export function encodeEvent(event: EventMessage): Uint8Array {
  return EventType.encode(event).finish();
}

type Long = { toNumber(): number };

/**
 * What protobufjs' `decode` gives back for our messages: the same fields, with int64 values as
 * `Long` objects, repeated fields always present, and the name of the set `oneof` member.
 */
interface RawTensor extends Omit<
  TensorMessage,
  'tensor_shape' | 'float_val' | 'double_val' | 'int_val' | 'string_val' | 'int64_val'
> {
  tensor_shape?: { dim?: { size: number | Long; name?: string }[]; unknown_rank?: boolean };
  float_val: number[];
  double_val: number[];
  int_val: number[];
  string_val: Uint8Array[];
  int64_val: (number | Long)[];
}
interface RawValue extends Omit<SummaryValueMessage, 'tensor'> {
  value?: 'simple_value' | 'histo' | 'tensor';
  tensor?: RawTensor;
}
interface RawEvent extends Omit<EventMessage, 'step' | 'summary'> {
  step: number | Long;
  what?: 'file_version' | 'graph_def' | 'summary';
  summary?: { value?: RawValue[] };
}
const toNumber = (v: unknown): number => (typeof v === 'number' ? v : (v as Long).toNumber());

/** Parses an `Event`; throws if the bytes are not a valid one. */
export function decodeEvent(bytes: Uint8Array): EventMessage {
  // protobufjs leaves int64 values as Long objects: convert them, and keep only the set oneof member.
  const m = EventType.decode(bytes) as unknown as RawEvent;
  const event: EventMessage = { wall_time: m.wall_time, step: toNumber(m.step) };
  if (m.what === 'file_version') event.file_version = m.file_version;
  else if (m.what === 'graph_def') event.graph_def = m.graph_def;
  else if (m.what === 'summary') {
    event.summary = { value: (m.summary?.value ?? []).map((v) => decodeValue(v)) };
  }
  return event;
}

function decodeValue(v: RawValue): SummaryValueMessage {
  const out: SummaryValueMessage = { tag: v.tag };
  if (v.node_name) out.node_name = v.node_name;
  if (v.metadata) {
    const md: SummaryMetadataMessage = {
      display_name: v.metadata.display_name,
      summary_description: v.metadata.summary_description,
      data_class: v.metadata.data_class,
    };
    if (v.metadata.plugin_data) {
      md.plugin_data = {
        plugin_name: v.metadata.plugin_data.plugin_name,
        content: v.metadata.plugin_data.content,
      };
    }
    out.metadata = md;
  }
  if (v.value === 'simple_value') out.simple_value = v.simple_value;
  else if (v.value === 'histo') {
    const h = v.histo!;
    out.histo = {
      min: h.min,
      max: h.max,
      num: h.num,
      sum: h.sum,
      sum_squares: h.sum_squares,
      bucket_limit: [...h.bucket_limit],
      bucket: [...h.bucket],
    };
  } else if (v.value === 'tensor') {
    const t = v.tensor!;
    out.tensor = {
      dtype: t.dtype,
      tensor_shape: t.tensor_shape
        ? {
            dim: (t.tensor_shape.dim ?? []).map((d) => ({ size: toNumber(d.size), name: d.name })),
            unknown_rank: t.tensor_shape.unknown_rank,
          }
        : undefined,
      tensor_content: t.tensor_content,
      float_val: [...t.float_val],
      double_val: [...t.double_val],
      int_val: [...t.int_val],
      string_val: [...t.string_val],
      int64_val: t.int64_val.map(toNumber),
    };
  }
  return out;
}
