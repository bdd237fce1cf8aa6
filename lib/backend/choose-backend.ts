/**
 * Which TensorFlow.js backend runs the lesson.
 *
 * TensorFlow.js has several "backends" that do the actual arithmetic. In Node.js:
 *  - `@tensorflow/tfjs-node-gpu`: native libtensorflow with CUDA (needs an NVIDIA GPU);
 *  - `@tensorflow/tfjs-node`: native libtensorflow on the CPU;
 *  - `@tensorflow/tfjs` alone: pure JavaScript on the CPU (always available).
 * The native packages download libtensorflow when they install, so they are not project
 * dependencies: we use them when the user has installed them, and fall back to pure JS.
 * For the lesson's tiny networks pure JS is fast (measured faster than tfjs-node here).
 *
 * This file only decides; {@link ./init-backend} loads the choice.
 */
import { checkFunction } from '../errors/index.js';

/** Environment variable that forces a backend: `gpu`, `node`, `cpu` or `auto` (the default). */
export const BACKEND_ENV_VAR = 'LISTA5_BACKEND';

/** What can be asked for in {@link BACKEND_ENV_VAR}. */
export type BackendRequest = 'auto' | 'gpu' | 'node' | 'cpu';

/** One way of running TensorFlow.js. */
export interface BackendChoice {
  /** What the user asked for (after reading the environment). */
  readonly requested: BackendRequest;
  /** The package to load before using TensorFlow.js, or `null` for pure JS. */
  readonly packageName: '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node' | null;
  /** The tfjs backend name to activate (`tensorflow` for both native packages). */
  readonly backendName: 'tensorflow' | 'cpu';
  /** A short description in Portuguese, printed by the notebooks. */
  readonly description: string;
}

const GPU: Omit<BackendChoice, 'requested'> = {
  packageName: '@tensorflow/tfjs-node-gpu',
  backendName: 'tensorflow',
  description: 'GPU (tfjs-node-gpu, libtensorflow com CUDA)',
};
const NATIVE_CPU: Omit<BackendChoice, 'requested'> = {
  packageName: '@tensorflow/tfjs-node',
  backendName: 'tensorflow',
  description: 'CPU nativa (tfjs-node, libtensorflow)',
};
const PURE_JS: Omit<BackendChoice, 'requested'> = {
  packageName: null,
  backendName: 'cpu',
  description: 'CPU em JavaScript puro (@tensorflow/tfjs)',
};

/** Reads and validates the request from the environment; an unknown value throws, naming the variable. */
export function readBackendRequest(env: Record<string, string | undefined> = process.env): BackendRequest {
  const raw = (env[BACKEND_ENV_VAR] ?? '').trim().toLowerCase();
  if (raw === '') return 'auto';
  if (raw === 'auto' || raw === 'gpu' || raw === 'node' || raw === 'cpu') return raw;
  throw new Error(`${BACKEND_ENV_VAR} must be one of auto, gpu, node, cpu; got "${env[BACKEND_ENV_VAR]}"`);
}

/**
 * Chooses the backend: GPU first, then native CPU, then pure JS, unless one is forced.
 *
 * @param isInstalled tells whether a package can be loaded (injected so it can be tested).
 * @param env the environment holding {@link BACKEND_ENV_VAR}.
 * @throws when a forced native backend is not installed, saying how to install it.
 */
export function chooseBackend(
  isInstalled: (packageName: string) => boolean,
  env: Record<string, string | undefined> = process.env,
): BackendChoice {
  checkFunction('chooseBackend', 'isInstalled', isInstalled, 'a function (packageName) => boolean');
  const requested = readBackendRequest(env);
  const forced = (choice: Omit<BackendChoice, 'requested'>): BackendChoice => {
    if (choice.packageName !== null && !isInstalled(choice.packageName)) {
      throw new Error(
        `${BACKEND_ENV_VAR}=${requested} asks for ${choice.packageName}, which is not installed. ` +
          `Install it with "npm install ${choice.packageName}" (it downloads libtensorflow), ` +
          `or unset ${BACKEND_ENV_VAR} to use the pure JavaScript backend.`,
      );
    }
    return { requested, ...choice };
  };
  switch (requested) {
    case 'gpu':
      return forced(GPU);
    case 'node':
      return forced(NATIVE_CPU);
    case 'cpu':
      return { requested, ...PURE_JS };
    case 'auto':
      for (const choice of [GPU, NATIVE_CPU]) {
        if (isInstalled(choice.packageName!)) return { requested, ...choice };
      }
      return { requested, ...PURE_JS };
  }
}
