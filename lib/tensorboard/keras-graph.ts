/**
 * The Keras "conceptual graph" of a TensorFlow.js model: Keras-style model JSON that TensorBoard's
 * Graphs dashboard draws.
 *
 * tfjs's `model.toJSON()` already speaks Keras (`{class_name, config: {name, layers}}`, snake_case
 * keys), in the Keras 2 dialect. TensorBoard 2.21 reads Keras 3's dialect for connections, so this
 * module translates the parts it relies on:
 * - a functional model's `inbound_nodes` become Keras 3 call records
 *   (`{args: [{class_name: "__keras_tensor__", config: {keras_history: [layer, node, tensor]}}], kwargs}`);
 *   Keras 2 lists are ignored by TensorBoard 2.21, which would leave the graph without edges;
 * - tfjs's `Model` class is called `Functional`, as in Keras;
 * - a Sequential model gets its `InputLayer` first (Keras writes it, tfjs keeps it implicit), with
 *   `batch_shape` as Keras 3 names it.
 */
import type * as tf from '@tensorflow/tfjs';
import { invalidArgument, InvalidParameterError } from '../errors/index.js';

/** A layer (or nested model) in Keras model JSON. */
export interface KerasLayerJson {
  class_name: string;
  config: { name?: string; layers?: KerasLayerJson[]; [key: string]: unknown };
  name?: string;
  inbound_nodes?: unknown[];
  [key: string]: unknown;
}

/** Keras model JSON, as `model.to_json()` writes it. */
export interface KerasModelJson extends KerasLayerJson {
  config: {
    name: string;
    layers: KerasLayerJson[];
    input_layers?: unknown[];
    output_layers?: unknown[];
    [key: string]: unknown;
  };
  keras_version?: string;
  backend?: string;
}

/** What {@link kerasModelJson} needs from a model: tfjs's `LayersModel.toJSON`. */
export type ModelWithJson = Pick<tf.LayersModel, 'toJSON'>;

/** A Keras 3 reference to a layer's output: `[layer name, node index, tensor index]`. */
function kerasTensor(ref: unknown[]): Record<string, unknown> {
  return { class_name: '__keras_tensor__', config: { keras_history: [ref[0], ref[1] ?? 0, ref[2] ?? 0] } };
}

/** Converts one Keras 2 inbound node (a list of `[layer, node, tensor, kwargs]`) to a Keras 3 call. */
function convertInboundNode(node: unknown): unknown {
  if (!Array.isArray(node)) return node; // already Keras 3 (a dict)
  const refs = node.filter((r): r is unknown[] => Array.isArray(r));
  const tensors = refs.map(kerasTensor);
  const kwargs = refs.length > 0 && typeof refs[0][3] === 'object' && refs[0][3] !== null ? refs[0][3] : {};
  return { args: tensors.length === 1 ? tensors : [tensors], kwargs };
}

function convertLayer(layer: KerasLayerJson): KerasLayerJson {
  if (typeof layer !== 'object' || layer === null || typeof layer.config !== 'object' || layer.config === null) {
    throw invalidArgument('kerasGraph', 'model', `a layer in the model JSON has no config: ${JSON.stringify(layer)}`);
  }
  const out: KerasLayerJson = { ...layer, config: { ...layer.config } };
  if (layer.class_name === 'Model') out.class_name = 'Functional';
  if (layer.class_name === 'InputLayer' && 'batch_input_shape' in out.config && !('batch_shape' in out.config)) {
    const { batch_input_shape, ...rest } = out.config;
    out.config = { ...rest, batch_shape: batch_input_shape };
  }
  if (Array.isArray(layer.config.layers)) {
    const layers = layer.config.layers.map(convertLayer);
    if (layer.class_name === 'Sequential') {
      const first = layers[0];
      const shape = first?.config.batch_input_shape;
      if (first && first.class_name !== 'InputLayer' && Array.isArray(shape)) {
        layers.unshift({
          class_name: 'InputLayer',
          config: {
            batch_shape: shape,
            dtype: first.config.dtype ?? 'float32',
            sparse: false,
            name: `${first.config.name ?? 'input'}_input`,
          },
        });
      }
    }
    out.config.layers = layers;
  }
  if (Array.isArray(layer.inbound_nodes)) out.inbound_nodes = layer.inbound_nodes.map(convertInboundNode);
  return out;
}

/**
 * Keras-style JSON of a tfjs model, in the form TensorBoard's graph plugin turns into a graph.
 *
 * @param model a tfjs `LayersModel` (Sequential or functional), or Keras model JSON (object or string)
 */
export function kerasModelJson(model: ModelWithJson | KerasModelJson | string): KerasModelJson {
  let json: unknown;
  if (typeof model === 'string') {
    try {
      json = JSON.parse(model);
    } catch (e) {
      throw new InvalidParameterError(
        'kerasGraph',
        'model',
        `the model JSON string does not parse: ${(e as Error).message}`,
        { sentence: true, cause: e },
      );
    }
  } else if (typeof model === 'object' && model !== null && typeof (model as ModelWithJson).toJSON === 'function') {
    json = (model as ModelWithJson).toJSON(null, false);
  } else {
    json = model;
  }
  const m = json as KerasModelJson;
  if (
    typeof m !== 'object' ||
    m === null ||
    typeof m.class_name !== 'string' ||
    typeof m.config !== 'object' ||
    m.config === null
  ) {
    throw invalidArgument(
      'kerasGraph',
      'model',
      'expected a tfjs LayersModel or Keras model JSON {class_name, config: {name, layers}}',
    );
  }
  if (!Array.isArray(m.config.layers)) {
    throw invalidArgument('kerasGraph', 'model', `model JSON of class ${m.class_name} has no config.layers list`);
  }
  return convertLayer(m) as KerasModelJson;
}
