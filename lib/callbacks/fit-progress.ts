/**
 * Progress of a `model.fit` in a notebook: one line that updates every epoch.
 */
import type { CustomCallbackArgs, Logs } from '@tensorflow/tfjs';
import { formatMetric, ProgressLine } from '../notebook/index.js';
import { checkArray } from '../errors/index.js';

/** One line of the form `Época 37/400 — loss: 1.234e+5 · acc: 0.5100`. */
export function epochLine(epoch: number, epochs: number, logs: Logs = {}): string {
  const metrics = Object.entries(logs)
    .map(([name, value]) => `${name}: ${formatMetric(value)}`)
    .join(' · ');
  return `Época ${epoch}/${epochs}${metrics ? ` — ${metrics}` : ''}`;
}

/**
 * A callback for `model.fit(x, y, { epochs, callbacks: fitProgress(epochs) })` that shows the
 * current epoch and metrics on one updating line, and the last epoch when training ends.
 */
export function fitProgress(epochs: number, label = ''): CustomCallbackArgs {
  const line = new ProgressLine();
  const prefix = label ? `${label}: ` : '';
  let last: { epoch: number; logs?: Logs } = { epoch: 0 };
  return {
    onEpochEnd: async (epoch, logs) => {
      last = { epoch: epoch + 1, logs };
      line.update(prefix + epochLine(epoch + 1, epochs, logs));
    },
    onTrainEnd: async () => {
      line.update(prefix + epochLine(last.epoch, epochs, last.logs) + ' ✓', { force: true });
    },
  };
}

/**
 * The training log as Keras prints it (`Epoch 5/400 … loss: …`), shortened: the first `head`
 * epochs, then every `every`-th, and the last. Good for seeing a loss explode.
 */
export function lossLog(losses: readonly number[], { head = 10, every = 50, name = 'loss' } = {}): string {
  checkArray('lossLog', 'losses', losses, 'an array of losses (e.g. history.history.loss)', true);
  const n = losses.length;
  const width = String(n).length;
  const lines: string[] = [];
  let skipped = false;
  losses.forEach((loss, i) => {
    const epoch = i + 1;
    if (epoch <= head || epoch % every === 0 || epoch === n) {
      if (skipped) lines.push('  …');
      skipped = false;
      lines.push(`Época ${String(epoch).padStart(width)}/${n}  ${name}: ${formatMetric(loss)}`);
    } else {
      skipped = true;
    }
  });
  return lines.join('\n');
}
