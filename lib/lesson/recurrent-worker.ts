/**
 * The worker thread of `trainRecurrentInParallel`: receives `{ id, spec }` messages, answers
 * `{ id, result }` or `{ id, error }`. Loaded from lib/dist (compiled JavaScript).
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort } from 'node:worker_threads';
import { trainRecurrent, type RecurrentTrainingSpec } from './recurrent-training.js';

// As initBackend does in the main thread: no "install tfjs-node" banner in the notebook's output.
tf.env().set('PROD', true);
const ready = tf.setBackend('cpu');

async function answer(message: { id: number; spec: RecurrentTrainingSpec }): Promise<void> {
  try {
    await ready;
    const result = await trainRecurrent(message.spec);
    parentPort!.postMessage({ id: message.id, result });
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) });
  }
}

parentPort?.on('message', (message: { id: number; spec: RecurrentTrainingSpec }) => void answer(message));
