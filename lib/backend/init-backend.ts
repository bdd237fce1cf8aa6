/**
 * Loads and activates the backend chosen by {@link chooseBackend}.
 */
import * as tf from '@tensorflow/tfjs';
import { BackendChoice, chooseBackend } from './choose-backend.js';

/** True when `require.resolve` finds the package from this library. */
export function isPackageInstalled(packageName: string): boolean {
  try {
    require.resolve(packageName);
    return true;
  } catch {
    return false;
  }
}

let active: Promise<BackendChoice> | undefined;

/**
 * Chooses, loads and activates the TensorFlow.js backend once per process, and returns the choice.
 * Calling it again returns the same promise. Production mode is switched on, which silences
 * tfjs' "install tfjs-node" banner (the notebook prints its own line instead).
 */
export function initBackend(): Promise<BackendChoice> {
  active ??= (async () => {
    const choice = chooseBackend(isPackageInstalled);
    if (choice.packageName !== null) {
      // The native packages register the "tensorflow" backend on the shared tfjs-core when loaded.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional package, loaded only when installed
      require(choice.packageName);
      if (tf.findBackendFactory(choice.backendName) === null) {
        throw new Error(
          `${choice.packageName} loaded, but the "${choice.backendName}" backend is not registered on this ` +
            `@tensorflow/tfjs (${tf.version.tfjs}): the two use different copies of @tensorflow/tfjs-core. ` +
            `Install the same version of both.`,
        );
      }
    }
    tf.env().set('PROD', true);
    if (!(await tf.setBackend(choice.backendName))) {
      throw new Error(`TensorFlow.js could not start the "${choice.backendName}" backend`);
    }
    await tf.ready();
    return choice;
  })();
  return active;
}
