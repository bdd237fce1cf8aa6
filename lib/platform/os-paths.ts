/**
 * Small helpers that let the platform modules reason about another OS than the one they run on:
 * the path flavour (`path.win32` or `path.posix`) and environment variables, whose names are
 * case-insensitive on Windows (`Path`, `PATH`) and case-sensitive elsewhere.
 */
import * as path from 'node:path';

/** An environment object like `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The path functions for `platform`: `path.win32` on win32, `path.posix` everywhere else. */
export function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/**
 * The key under which `name` is stored in `env`: on win32 the first key equal to `name` ignoring
 * case (so `Path` for PATH), elsewhere `name` itself; `undefined` when there is none.
 */
export function envKey(env: Env, name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return Object.prototype.hasOwnProperty.call(env, name) ? name : undefined;
  if (Object.prototype.hasOwnProperty.call(env, name)) return name;
  const wanted = name.toUpperCase();
  return Object.keys(env).find((key) => key.toUpperCase() === wanted);
}

/** The value of `name` in `env` (case-insensitive on win32), or `undefined` when unset or empty. */
export function getEnv(env: Env, name: string, platform: NodeJS.Platform): string | undefined {
  const key = envKey(env, name, platform);
  const value = key === undefined ? undefined : env[key];
  return value === undefined || value === '' ? undefined : value;
}

/** The entries of the PATH variable of `env`, split with the platform's delimiter, empty ones left out. */
export function searchPath(env: Env, platform: NodeJS.Platform): string[] {
  const value = getEnv(env, 'PATH', platform) ?? '';
  return value.split(pathApi(platform).delimiter).filter((dir) => dir !== '');
}
