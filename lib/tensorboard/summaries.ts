/**
 * `Summary.Value` messages in the shapes TensorBoard's dashboards read, as TF 2 writes them.
 */
import type { HistogramBuckets } from './histogram.js';
import { DataType, SummaryMetadataMessage, SummaryValueMessage } from './proto.js';

/** Plugin names that TensorBoard's dashboards look for. */
export const PluginName = {
  scalars: 'scalars',
  histograms: 'histograms',
  text: 'text',
  kerasGraph: 'graph_keras_model',
} as const;

/** The tag Keras uses for the conceptual graph. */
export const KERAS_GRAPH_TAG = 'keras';

const utf8 = new TextEncoder();

function metadata(pluginName: string, content?: Uint8Array): SummaryMetadataMessage {
  return { plugin_data: content ? { plugin_name: pluginName, content } : { plugin_name: pluginName } };
}

/** A scalar: rank-0 DT_FLOAT tensor with plugin `scalars` (the value is rounded to float32, as TF does). */
export function scalarValue(tag: string, value: number): SummaryValueMessage {
  return {
    tag,
    metadata: metadata(PluginName.scalars),
    tensor: { dtype: DataType.DT_FLOAT, tensor_shape: {}, float_val: [value] },
  };
}

/** A histogram: `[k, 3]` DT_DOUBLE tensor of `[left, right, count]` rows with plugin `histograms`. */
export function histogramValue(tag: string, buckets: HistogramBuckets): SummaryValueMessage {
  const content = new Uint8Array(buckets.data.length * 8);
  const view = new DataView(content.buffer);
  for (let i = 0; i < buckets.data.length; i++) view.setFloat64(i * 8, buckets.data[i], true);
  return {
    tag,
    metadata: metadata(PluginName.histograms),
    tensor: {
      dtype: DataType.DT_DOUBLE,
      tensor_shape: { dim: [{ size: buckets.bucketCount }, { size: 3 }] },
      tensor_content: content,
    },
  };
}

/** Text: rank-0 DT_STRING tensor (UTF-8, Markdown is rendered by the dashboard) with plugin `text`. */
export function textValue(tag: string, text: string): SummaryValueMessage {
  return {
    tag,
    metadata: metadata(PluginName.text),
    tensor: { dtype: DataType.DT_STRING, tensor_shape: {}, string_val: [utf8.encode(text)] },
  };
}

/**
 * The Keras conceptual graph: tag `keras`, plugin `graph_keras_model` with content `"1"`, and a
 * rank-0 DT_STRING tensor holding the model JSON.
 */
export function kerasGraphValue(modelJson: string): SummaryValueMessage {
  return {
    tag: KERAS_GRAPH_TAG,
    metadata: metadata(PluginName.kerasGraph, utf8.encode('1')),
    tensor: { dtype: DataType.DT_STRING, tensor_shape: {}, string_val: [utf8.encode(modelJson)] },
  };
}
