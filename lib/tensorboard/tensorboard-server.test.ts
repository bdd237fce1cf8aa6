/**
 * What can be checked without Python: the error when the project's TensorBoard is missing.
 * Starting the real TensorBoard is tested in test/tensorboard-server.test.ts (integration).
 */
import { venvLayout } from '../platform/python-env.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runningTensorBoards, startTensorBoard, stopTensorBoard } from './tensorboard-server.js';

describe("startTensorBoard without the project's Python environment", () => {
  it('says, in Portuguese and English, to run npm install', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-venv-'));
    try {
      const attempt = startTensorBoard({ projectRoot: empty, logDir: path.join(empty, 'logs'), display: false });
      await expect(attempt).rejects.toThrow(
        `TensorBoard não encontrado em ${venvLayout(empty).tool('tensorboard')}: rode "npm install" na pasta do projeto`,
      );
      await expect(attempt).rejects.toThrow(/TensorBoard is missing at .*: run "npm install"/);
      expect(runningTensorBoards().size).toBe(0);
      await stopTensorBoard(); // nothing to stop: resolves
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('rejects a port that is not one', async () => {
    await expect(startTensorBoard({ port: 70000, display: false, logDir: os.tmpdir() })).rejects.toThrow(
      'startTensorBoard: port must be an integer in 1..65535, got 70000',
    );
  });
});
