/**
 * What the TensorBoard callback logs about a model: its name and Keras graph, and the epoch logs as
 * numbers with Keras' metric names.
 */
import * as tf from '@tensorflow/tfjs';
import { chainLayers } from '../gradients/internal.js';
import type { KerasLayerJson, KerasModelJson } from '../tensorboard/index.js';

/** Logs as `model.fit` hands them to callbacks: numbers, or scalar tensors not yet read. */
export type EpochLogs = Record<string, number | tf.Tensor>;

/** The name and graph under which a model is logged. */
export interface LoggedModel {
  name: string;
  graph: tf.LayersModel | KerasModelJson;
}

/**
 * tfjs' `tf.Sequential.fit` trains an inner functional model named `<name>_model` and hands that one
 * to the callbacks. This finds the Sequential's name and draws it as a Sequential again, so that
 * `model.fit` and `fitSeeded` log the same thing.
 */
export function loggedModel(model: tf.LayersModel): LoggedModel {
  if (!(model instanceof tf.Sequential) && chainLayers(model) !== undefined) {
    const name = model.name.slice(0, -'_model'.length);
    const json = model.toJSON(null, false) as unknown as KerasModelJson;
    const [input, ...rest] = json.config.layers;
    const layers: KerasLayerJson[] = rest.map((l) => ({ class_name: l.class_name, config: { ...l.config } }));
    if (layers.length > 0 && !('batch_input_shape' in layers[0].config)) {
      layers[0].config.batch_input_shape = input.config.batch_input_shape;
    }
    const { class_name: _ignored, config: _config, ...meta } = json;
    return { name, graph: { class_name: 'Sequential', config: { name, layers }, ...meta } };
  }
  return { name: model.name, graph: model };
}

/** Keras' names for tfjs' metric names: `acc` is `accuracy`. */
export function kerasMetricName(name: string): string {
  return name === 'acc' ? 'accuracy' : name;
}

/** The logs as numbers; scalar tensors are read (and replaced in `logs` by their value, as tfjs does). */
export async function resolveLogs(logs: EpochLogs | undefined): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  if (logs === undefined || logs === null) return out;
  for (const [name, value] of Object.entries(logs)) {
    if (typeof value === 'number') {
      out[name] = value;
    } else if (value instanceof tf.Tensor) {
      const number = (await value.data())[0];
      logs[name] = number;
      value.dispose();
      out[name] = number;
    }
  }
  return out;
}
