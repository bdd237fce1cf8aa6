import * as path from 'node:path';
import { envKey, getEnv, pathApi, searchPath } from './os-paths.js';

describe('pathApi', () => {
  it('gives path.win32 on win32 and path.posix on darwin and linux', () => {
    expect(pathApi('win32')).toBe(path.win32);
    expect(pathApi('darwin')).toBe(path.posix);
    expect(pathApi('linux')).toBe(path.posix);
  });
});

describe('envKey and getEnv', () => {
  const env = { Path: 'C:\\Windows', LocalAppData: 'C:\\Users\\ana\\AppData\\Local', EMPTY: '' };

  it('match names ignoring case on win32', () => {
    expect(envKey(env, 'PATH', 'win32')).toBe('Path');
    expect(getEnv(env, 'LOCALAPPDATA', 'win32')).toBe('C:\\Users\\ana\\AppData\\Local');
  });

  it('prefer the exact spelling on win32 when several exist', () => {
    expect(envKey({ path: 'a', PATH: 'b' }, 'PATH', 'win32')).toBe('PATH');
  });

  it('match names exactly on darwin and linux', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      expect(envKey(env, 'PATH', platform)).toBeUndefined();
      expect(envKey({ PATH: '/usr/bin' }, 'PATH', platform)).toBe('PATH');
    }
  });

  it('treat an empty value as unset', () => {
    expect(getEnv(env, 'EMPTY', 'linux')).toBeUndefined();
    expect(getEnv(env, 'MISSING', 'win32')).toBeUndefined();
  });
});

describe('searchPath', () => {
  it("splits PATH with ';' on win32, whatever the key's case", () => {
    expect(searchPath({ Path: 'C:\\a;;C:\\b c' }, 'win32')).toEqual(['C:\\a', 'C:\\b c']);
  });

  it("splits PATH with ':' on darwin and linux, dropping empty entries", () => {
    expect(searchPath({ PATH: '/usr/local/bin::/usr/bin:' }, 'linux')).toEqual(['/usr/local/bin', '/usr/bin']);
    expect(searchPath({ PATH: '/opt/homebrew/bin:/usr/bin' }, 'darwin')).toEqual(['/opt/homebrew/bin', '/usr/bin']);
  });

  it('is empty without PATH', () => {
    expect(searchPath({}, 'linux')).toEqual([]);
  });
});
