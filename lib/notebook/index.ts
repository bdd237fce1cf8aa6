export * from './display.js';
export * from './progress.js';
