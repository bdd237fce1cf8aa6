/**
 * A model's trainable weights as the logs name them, its layers when it is a plain chain, and their
 * current values read back from the backend in one go.
 */
import * as tf from '@tensorflow/tfjs';

/** A trainable weight of a model, with the names the logs use. */
export interface TrainableWeightRef {
  variable: tf.LayerVariable;
  /** `layer/param`, without tfjs' uniqueness suffix. */
  name: string;
  layer: string;
  param: string;
}

/** The trainable weights of a model, layer by layer (the order of `model.trainableWeights`). */
export function trainableWeightRefs(model: tf.LayersModel): TrainableWeightRef[] {
  const refs: TrainableWeightRef[] = [];
  const seen = new Set<tf.LayerVariable>();
  for (const layer of model.layers) {
    for (const variable of layer.trainableWeights) {
      if (seen.has(variable)) continue; // a weight shared by two layers is listed once
      seen.add(variable);
      const name = variable.originalName || variable.name;
      const slash = name.lastIndexOf('/');
      const param = slash >= 0 ? name.slice(slash + 1) : name;
      refs.push({ variable, name: slash >= 0 ? name : `${layer.name}/${name}`, layer: layer.name, param });
    }
  }
  return refs;
}

/**
 * The layers of a model that is a plain chain (a `tf.Sequential`, or the functional model tfjs builds
 * inside one, named `<name>_model`, without its `InputLayer`), else `undefined`. Applying these one
 * after the other computes what `model.apply` computes, with less bookkeeping per call.
 */
export function chainLayers(model: tf.LayersModel): tf.layers.Layer[] | undefined {
  if (model instanceof tf.Sequential) return model.layers;
  const first = model.layers[0];
  if (
    model.name.endsWith('_model') &&
    model.inputs.length === 1 &&
    model.outputs.length === 1 &&
    first !== undefined &&
    first.getClassName() === 'InputLayer' &&
    model.layers
      .slice(1)
      .every(
        (layer, i) =>
          layer.inboundNodes.length === 1 &&
          layer.inboundNodes[0].inboundLayers.length === 1 &&
          layer.inboundNodes[0].inboundLayers[0] === model.layers[i],
      ) &&
    model.outputs[0].sourceLayer === model.layers[model.layers.length - 1]
  ) {
    return model.layers.slice(1);
  }
  return undefined;
}

/** The current values of the refs' variables, from one read of the backend: all of them, and each. */
export function readWeights(refs: readonly TrainableWeightRef[]): { all: Float32Array; each: Float32Array[] } {
  const packed = tf.tidy(() =>
    refs.length > 0 ? tf.concat(refs.map((r) => r.variable.read().reshape([-1]))) : tf.zeros([0]),
  );
  const all = packed.dataSync() as Float32Array;
  packed.dispose();
  const each: Float32Array[] = [];
  let offset = 0;
  for (const r of refs) {
    const size = r.variable.shape.reduce<number>((a, b) => a * (b ?? 1), 1);
    each.push(all.subarray(offset, offset + size));
    offset += size;
  }
  return { all, each };
}
