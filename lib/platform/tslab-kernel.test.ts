import { kernelJsonPath, tslabKernelFiles, tslabKernelSpec } from './tslab-kernel.js';

const win = {
  platform: 'win32' as const,
  nodePath: 'C:\\Program Files\\nodejs\\node.exe',
  tslabScript: 'C:/Users/ana/lista5/node_modules/tslab/bin/tslab',
};
const posix = {
  nodePath: '/usr/bin/node',
  tslabScript: '/home/ana/lista5/node_modules/tslab/bin/tslab',
};

describe('tslabKernelSpec', () => {
  it('starts node on the tslab script on win32, with Windows paths and no .cmd shim', () => {
    expect(tslabKernelSpec(win)).toEqual({
      argv: [
        'C:\\Program Files\\nodejs\\node.exe',
        'C:\\Users\\ana\\lista5\\node_modules\\tslab\\bin\\tslab',
        'kernel',
        '--config-path',
        '{connection_file}',
      ],
      display_name: 'TypeScript',
      language: 'typescript',
    });
  });

  it.each(['linux', 'darwin'] as const)('starts node on the tslab script on %s', (platform) => {
    expect(tslabKernelSpec({ ...posix, platform }).argv).toEqual([
      '/usr/bin/node',
      '/home/ana/lista5/node_modules/tslab/bin/tslab',
      'kernel',
      '--config-path',
      '{connection_file}',
    ]);
  });

  it('makes the JavaScript kernel with --js', () => {
    const spec = tslabKernelSpec({ ...posix, platform: 'linux', js: true });
    expect(spec.argv.slice(2)).toEqual(['kernel', '--config-path', '{connection_file}', '--js']);
    expect(spec).toMatchObject({ display_name: 'JavaScript', language: 'javascript' });
  });

  it('refuses relative paths', () => {
    expect(() => tslabKernelSpec({ ...posix, platform: 'linux', nodePath: 'node' })).toThrow(
      /nodePath must be an absolute path/,
    );
    expect(() => tslabKernelSpec({ ...win, tslabScript: 'node_modules\\.bin\\tslab' })).toThrow(/tslabScript/);
    expect(() => tslabKernelSpec({ ...win, nodePath: 'node.exe' })).toThrow(/absolute/);
  });
});

describe('kernelJsonPath and tslabKernelFiles', () => {
  it('put kernel.json under <venv>/share/jupyter/kernels on win32', () => {
    expect(kernelJsonPath('C:\\p\\.venv\\share\\jupyter', 'tslab', 'win32')).toBe(
      'C:\\p\\.venv\\share\\jupyter\\kernels\\tslab\\kernel.json',
    );
  });

  it('write tslab and jslab, as tslab install does, on linux', () => {
    const files = tslabKernelFiles('/p/.venv/share/jupyter', { ...posix, platform: 'linux' });
    expect(files.map(([file]) => file)).toEqual([
      '/p/.venv/share/jupyter/kernels/tslab/kernel.json',
      '/p/.venv/share/jupyter/kernels/jslab/kernel.json',
    ]);
    const [tslab, jslab] = files.map(([, json]) => JSON.parse(json) as { argv: string[]; language: string });
    expect(tslab?.language).toBe('typescript');
    expect(jslab?.argv.at(-1)).toBe('--js');
  });
});
