/**
 * `trainRecurrentInParallel`: independent recurrent trainings (seeds, cells, lengths) on the cores a
 * machine has, one worker thread per core, each running `trainRecurrent` — the same numbers as one
 * after another (each training is seeded; tfjs' pure-JS backend is single-threaded and deterministic).
 * The workers load the compiled library (lib/dist), so it works from a tslab notebook cell.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkArray, InvalidParameterError } from '../errors/index.js';
import { completeSpec, type RecurrentTrainingResult, type RecurrentTrainingSpec } from './recurrent-training.js';

/** Options of {@link trainRecurrentInParallel}. */
export interface ParallelOptions {
  /** Worker threads (default: the number of cores, at most the number of trainings). */
  workers?: number;
  /** Called after each training ends, with how many are done (e.g. a progress line). */
  onResult?: (result: RecurrentTrainingResult, done: number, total: number) => void;
}

/** The compiled worker: next to this file in lib/dist, or in lib/dist when this runs from the sources. */
function workerFile(): string {
  const here = path.join(__dirname, 'recurrent-worker.js');
  if (fs.existsSync(here)) return here;
  const dist = path.join(__dirname, '..', 'dist', 'lesson', 'recurrent-worker.js');
  if (fs.existsSync(dist)) return dist;
  throw new Error(`trainRecurrentInParallel: ${dist} is missing: build the library first (npm run build)`);
}

/**
 * Runs `trainRecurrent(spec)` for every spec, spread over worker threads.
 *
 * @returns the results in the order of `specs`
 * @throws Error naming the bad spec before any training starts; a training that fails rejects the promise
 * @example
 * const r = await l5.trainRecurrentInParallel([0, 1, 2].map((seed) => ({ cell: "lstm", steps: 40, seed })));
 * console.log(r.map((x) => x.testAccuracy));
 */
export async function trainRecurrentInParallel(
  specs: RecurrentTrainingSpec[],
  options: ParallelOptions = {},
): Promise<RecurrentTrainingResult[]> {
  checkArray('trainRecurrentInParallel', 'specs', specs, 'an array of { cell, steps, seed, ... }');
  specs.forEach((s, i) => completeSpec(s, `trainRecurrentInParallel (specs[${i}])`));
  const count = options.workers ?? Math.max(1, Math.min(os.availableParallelism(), specs.length));
  if (!Number.isInteger(count) || count < 1)
    throw new InvalidParameterError(
      'trainRecurrentInParallel',
      'options.workers',
      `must be a positive integer, got ${count}`,
    );
  if (specs.length === 0) return [];
  const file = workerFile();
  const results: RecurrentTrainingResult[] = new Array(specs.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.min(count, specs.length) }, () => new Worker(file));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              if (next >= specs.length) return resolve();
              const id = next++;
              worker.postMessage({ id, spec: specs[id] });
            };
            worker.on('message', (m: { id: number; result?: RecurrentTrainingResult; error?: string }) => {
              if (m.error !== undefined)
                return reject(new Error(`trainRecurrentInParallel (specs[${m.id}]): ${m.error}`));
              results[m.id] = m.result!;
              options.onResult?.(m.result!, ++done, specs.length);
              give();
            });
            worker.on('error', reject);
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
