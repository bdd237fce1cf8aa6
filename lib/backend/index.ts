export * from './choose-backend.js';
export * from './init-backend.js';
