/**
 * The folder a training logs into, `<logDir>/<run name>`: checks the name, and deletes the previous
 * training's logs there (the lesson's "Obs2") only when the folder holds nothing but event files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { displayPath, isEventFileName } from '../tensorboard/index.js';
import { invalidArgument } from '../errors/index.js';

/** Checks that `name` can be one folder's name under the log folder; returns it. */
export function checkRunName(name: string): string {
  if (typeof name !== 'string' || name === '' || name === '.' || name === '..' || /[/\\]/.test(name)) {
    throw invalidArgument(
      'TensorBoardCallback',
      'runName',
      `"${name}" cannot be a log folder name (empty, "." or "..", or with / or \\); ` +
        `name the model (tf.sequential({ name: "modelo_fundo" })) or pass runName`,
    );
  }
  return name;
}

/** Every file under `dir` that is not an event file (the reason not to delete `dir`), or undefined. */
function foreignFile(dir: string): string | undefined {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = foreignFile(p);
      if (found !== undefined) return found;
    } else if (!(entry.isFile() && isEventFileName(entry.name))) {
      return p;
    }
  }
  return undefined;
}

/**
 * Gets `dir` ready for a new training: with `overwrite`, deletes it when it holds only event files
 * (else throws, naming the foreign file); with `verbose`, prints one line saying where the logs go.
 */
export function prepareLogFolder(dir: string, options: { overwrite: boolean; verbose: boolean }): void {
  const overwrite = options.overwrite;
  const existed = fs.existsSync(dir);
  if (existed && overwrite) {
    if (!fs.lstatSync(dir).isDirectory()) {
      throw new Error(`TensorBoardCallback: ${dir} exists and is not a folder; move it away or pass runName`);
    }
    const foreign = foreignFile(dir);
    if (foreign !== undefined) {
      throw new Error(
        `TensorBoardCallback: não apago ${dir}: ${foreign} não é um registro do TensorBoard. Apague a pasta à mão ` +
          `ou use overwrite: false. (Will not delete ${dir}: ${foreign} is not a TensorBoard event file.)`,
      );
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (options.verbose) {
    const shown = displayPath(dir);
    console.log(
      !existed
        ? `TensorBoard: gravando em ${shown}`
        : overwrite
          ? `TensorBoard: ${shown} recriado (treino anterior apagado)`
          : `TensorBoard: gravando em ${shown} (registros anteriores mantidos)`,
    );
  }
}
