export * from './display.js';
export * from './progress.js';
export * from './fit-progress.js';
