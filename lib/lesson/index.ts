/**
 * lib/lesson: the lesson's own functions, built from all the other folders: {@link runModel} (the
 * original's `run_model`: train, report, plot).
 *
 * May import anything in lib/. Nothing in lib/ imports it.
 */
export * from './run-model.js';
export * from './networks.js';
