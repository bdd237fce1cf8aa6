import { BACKEND_ENV_VAR, chooseBackend, readBackendRequest } from './choose-backend';

const installed =
  (...names: string[]) =>
  (name: string) =>
    names.includes(name);
const env = (value?: string) => ({ [BACKEND_ENV_VAR]: value });

describe('chooseBackend', () => {
  it('prefers the GPU, then native CPU, then pure JS when nothing is forced', () => {
    expect(chooseBackend(installed('@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'), env()).packageName).toBe(
      '@tensorflow/tfjs-node-gpu',
    );
    expect(chooseBackend(installed('@tensorflow/tfjs-node'), env()).packageName).toBe('@tensorflow/tfjs-node');
    const fallback = chooseBackend(installed(), env());
    expect(fallback).toMatchObject({ requested: 'auto', packageName: null, backendName: 'cpu' });
    expect(fallback.description).toMatch(/JavaScript puro/);
  });

  it('both native packages activate the "tensorflow" backend', () => {
    expect(chooseBackend(installed('@tensorflow/tfjs-node-gpu'), env()).backendName).toBe('tensorflow');
    expect(chooseBackend(installed('@tensorflow/tfjs-node'), env()).backendName).toBe('tensorflow');
  });

  it('honours a forced choice, even when a faster one is installed', () => {
    const all = installed('@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node');
    expect(chooseBackend(all, env('cpu')).packageName).toBeNull();
    expect(chooseBackend(all, env('node')).packageName).toBe('@tensorflow/tfjs-node');
    expect(chooseBackend(all, env(' GPU ')).packageName).toBe('@tensorflow/tfjs-node-gpu');
    expect(chooseBackend(all, env('auto')).packageName).toBe('@tensorflow/tfjs-node-gpu');
  });

  it('a forced native backend that is not installed is a clear error', () => {
    expect(() => chooseBackend(installed(), env('gpu'))).toThrow(
      /LISTA5_BACKEND=gpu asks for @tensorflow\/tfjs-node-gpu, which is not installed/,
    );
    expect(() => chooseBackend(installed('@tensorflow/tfjs-node-gpu'), env('node'))).toThrow(
      /npm install @tensorflow\/tfjs-node/,
    );
  });

  it('an unknown request names the variable and the value', () => {
    expect(() => readBackendRequest(env('webgl'))).toThrow(
      'LISTA5_BACKEND must be one of auto, gpu, node, cpu; got "webgl"',
    );
  });
});
