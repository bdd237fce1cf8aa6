import * as tf from '@tensorflow/tfjs';
import { initBackend, isPackageInstalled } from './init-backend';

describe('initBackend', () => {
  it('activates the pure JS backend on a machine without tfjs-node, once per process', async () => {
    expect(isPackageInstalled('@tensorflow/tfjs')).toBe(true);
    const first = initBackend();
    expect(initBackend()).toBe(first);
    const choice = await first;
    const expected =
      isPackageInstalled('@tensorflow/tfjs-node-gpu') || isPackageInstalled('@tensorflow/tfjs-node')
        ? 'tensorflow'
        : 'cpu';
    expect(choice.backendName).toBe(expected);
    expect(tf.getBackend()).toBe(expected);
  });
});
