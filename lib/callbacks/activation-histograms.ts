/**
 * Each layer's activations as TensorBoard histograms: where the tanh units of a deep network sit
 * (piled up at ±1 when saturated), epoch after epoch, in the Histograms and Distributions tabs.
 */
import type * as tf from '@tensorflow/tfjs';
import { describeValue, InvalidParameterError } from '../errors/index.js';
import { type GradientInput, layerActivations } from '../gradients/index.js';
import type { HistogramSummaryOptions, HistogramWriteResult, SummaryWriter } from '../tensorboard/index.js';

/** What {@link writeActivationHistograms} wrote for one layer. */
export interface ActivationHistogramWritten extends HistogramWriteResult {
  /** The histogram's tag, `<layer name>/activations`, e.g. `funda_1/activations`. */
  tag: string;
}

/**
 * Writes, through `writer`, one histogram per layer of `model` of that layer's output (after its
 * activation) on the inputs `x` (see `layerActivations`), with the tag `<layer name>/activations`,
 * at `step`. Disposes every tensor it makes.
 *
 * @param writer an open `SummaryWriter`, e.g. `new l5.SummaryWriter("logs/modelo_fundo/train")`
 * @param model the network
 * @param x inputs, e.g. the training set
 * @param step the step (e.g. the epoch), an integer
 * @returns what was written for each layer, in layer order
 * @throws InvalidParameterError when an argument is missing or wrong
 *
 * @example
 * const writer = new l5.SummaryWriter("logs/modelo_fundo/train");
 * l5.writeActivationHistograms(writer, modelo_fundo, dados.trainX, 0);
 * writer.close();
 */
export function writeActivationHistograms(
  writer: SummaryWriter,
  model: tf.LayersModel,
  x: GradientInput,
  step: number,
  options: HistogramSummaryOptions = {},
): ActivationHistogramWritten[] {
  const where = 'writeActivationHistograms';
  if (typeof (writer as Partial<SummaryWriter> | undefined)?.histogram !== 'function') {
    throw new InvalidParameterError(
      where,
      'writer',
      `must be a SummaryWriter (e.g. new l5.SummaryWriter("logs/modelo_fundo/train")), got ${describeValue(writer)}`,
    );
  }
  if (typeof step !== 'number' || !Number.isSafeInteger(step)) {
    throw new InvalidParameterError(where, 'step', `must be an integer (e.g. the epoch), got ${describeValue(step)}`);
  }
  return layerActivations(model, x).map(({ layer, values }) => {
    const tag = `${layer}/activations`;
    return { tag, ...writer.histogram(tag, values, step, options) };
  });
}
