/**
 * lib/platform: the user's machine, on Windows, macOS and Linux alike. The one place that knows
 * where the project's Python environment keeps its programs, how to find a system Python able to
 * make it, how to register the tslab kernel, and where a Chromium-family browser lives.
 *
 * Everything OS-specific takes the platform, the environment and the file system as arguments, so
 * that all three OSes are tested on any machine.
 *
 * May import: errors.
 */
export * from './os-paths.js';
export * from './python-env.js';
export * from './find-browser.js';
export * from './tslab-kernel.js';
