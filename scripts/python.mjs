#!/usr/bin/env node
/**
 * Runs a tool from the project's Python environment: `node scripts/python.mjs jupyter lab`,
 * `node scripts/python.mjs tensorboard --logdir logs`. Used by `npm run lab` and `npm run tensorboard`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { root, venvTool, pythonToolsEnv } from './paths.mjs';

const [tool, ...args] = process.argv.slice(2);
if (!tool) {
  console.error('usage: node scripts/python.mjs <tool> [args...]');
  process.exit(2);
}
const executable = venvTool(tool);
if (!existsSync(executable)) {
  console.error(`${executable} is missing: run "npm install" first (it creates the Python environment .venv).`);
  process.exit(1);
}
// Jupyter refuses to start as root (containers, CI machines) unless told it is on purpose.
if (
  tool === 'jupyter' &&
  ['lab', 'notebook', 'server'].includes(args[0]) &&
  process.getuid?.() === 0 &&
  !args.includes('--allow-root')
) {
  args.push('--allow-root');
}
const child = spawn(executable, args, { cwd: root, stdio: 'inherit', env: pythonToolsEnv() });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
