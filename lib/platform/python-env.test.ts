import {
  PYTHON_CHECK_SCRIPT,
  type Run,
  type RunResult,
  findSystemPython,
  pythonCandidates,
  pythonToolsEnv,
  venvLayout,
} from './python-env.js';

/** A fake `run`: answers per command line ("py -3"), records what was asked; unknown commands are ENOENT. */
function fakeRun(answers: Record<string, Partial<RunResult>>): Run & { calls: string[] } {
  const calls: string[] = [];
  const run = (command: string, args: readonly string[]): RunResult => {
    const line = [command, ...args.slice(0, args.indexOf('-c'))].join(' ');
    calls.push(line);
    expect(args.slice(-2)).toEqual(['-c', PYTHON_CHECK_SCRIPT]);
    const answer = answers[line];
    if (!answer) return { status: null, stdout: '', stderr: '', error: new Error(`spawnSync ${command} ENOENT`) };
    return { status: 0, stdout: '', stderr: '', ...answer };
  };
  return Object.assign(run, { calls });
}

const ok = (version: string): Partial<RunResult> => ({ status: 0, stdout: `${version}\n` });

describe('venvLayout', () => {
  it('uses Scripts and .exe on win32', () => {
    const v = venvLayout('C:\\Users\\ana\\lista5', 'win32');
    expect(v).toMatchObject({
      venv: 'C:\\Users\\ana\\lista5\\.venv',
      bin: 'C:\\Users\\ana\\lista5\\.venv\\Scripts',
      python: 'C:\\Users\\ana\\lista5\\.venv\\Scripts\\python.exe',
      jupyterData: 'C:\\Users\\ana\\lista5\\.venv\\share\\jupyter',
    });
    expect(v.tool('jupyter')).toBe('C:\\Users\\ana\\lista5\\.venv\\Scripts\\jupyter.exe');
    expect(v.tool('activate.bat')).toBe('C:\\Users\\ana\\lista5\\.venv\\Scripts\\activate.bat');
  });

  it.each(['linux', 'darwin'] as const)('uses bin and no extension on %s', (platform) => {
    const v = venvLayout('/home/ana/lista5/', platform);
    expect(v).toMatchObject({
      venv: '/home/ana/lista5/.venv',
      bin: '/home/ana/lista5/.venv/bin',
      python: '/home/ana/lista5/.venv/bin/python',
      jupyterData: '/home/ana/lista5/.venv/share/jupyter',
    });
    expect(v.tool('tensorboard')).toBe('/home/ana/lista5/.venv/bin/tensorboard');
  });
});

describe('findSystemPython', () => {
  it('tries py -3, python, python3 on win32 and python3, python elsewhere', () => {
    expect(pythonCandidates('win32').map((c) => [c.command, ...c.args].join(' '))).toEqual([
      'py -3',
      'python',
      'python3',
    ]);
    expect(pythonCandidates('darwin').map((c) => c.command)).toEqual(['python3', 'python']);
    expect(pythonCandidates('linux').map((c) => c.command)).toEqual(['python3', 'python']);
  });

  it('takes the py launcher on win32', () => {
    const run = fakeRun({ 'py -3': ok('3.12.4'), python: ok('3.11.0') });
    expect(findSystemPython({ platform: 'win32', run })).toEqual({
      ok: true,
      command: 'py',
      args: ['-3'],
      version: '3.12.4',
    });
    expect(run.calls).toEqual(['py -3']);
  });

  it('skips the Microsoft Store alias (exit 9009, no output) on win32', () => {
    const run = fakeRun({ python: { status: 9009, stderr: 'Python was not found' }, python3: ok('3.10.11\r') });
    expect(findSystemPython({ platform: 'win32', run })).toMatchObject({ ok: true, command: 'python3', args: [] });
    expect(run.calls).toEqual(['py -3', 'python', 'python3']);
  });

  it('takes python3 on linux and darwin', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(findSystemPython({ platform, run: fakeRun({ python3: ok('3.9.2') }) })).toEqual({
        ok: true,
        command: 'python3',
        args: [],
        version: '3.9.2',
      });
    }
  });

  it('passes over a Python that is too old for one that is new enough', () => {
    const run = fakeRun({ python3: ok('3.8.10'), python: ok('3.13.0') });
    expect(findSystemPython({ platform: 'darwin', run })).toMatchObject({
      ok: true,
      command: 'python',
      version: '3.13.0',
    });
  });

  it('asks for python3-venv on Debian when venv or ensurepip is missing', () => {
    const run = fakeRun({
      python3: { status: 1, stdout: '3.11.2\n', stderr: "ModuleNotFoundError: No module named 'ensurepip'" },
      python: ok('2.7.18'),
    });
    const r = findSystemPython({ platform: 'linux', run });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.tried).toEqual([
      'python3: Python 3.11.2 lacks the venv module (import venv, ensurepip failed)',
      'python: Python 2.7.18 is older than 3.9',
    ]);
    expect(r.error).toContain('sudo apt-get install python3 python3-venv');
    expect(r.error).toContain('npm install');
  });

  it('names the python.org installer and brew on darwin', () => {
    const r = findSystemPython({ platform: 'darwin', run: fakeRun({}) });
    expect(r).toMatchObject({ ok: false, tried: ['python3: not found', 'python: not found'] });
    expect(!r.ok && r.error).toMatch(/python\.org.*brew install python/s);
  });

  it('names the python.org installer, Add to PATH and winget on win32', () => {
    const r = findSystemPython({ platform: 'win32', run: fakeRun({ python: { status: 9009 } }) });
    expect(r).toMatchObject({
      ok: false,
      tried: ['py -3: not found', 'python: not found (exit 9009)', 'python3: not found'],
    });
    expect(!r.ok && r.error).toMatch(/python\.org.*Add python\.exe to PATH.*winget install Python\.Python\.3\.12/s);
  });
});

describe('pythonToolsEnv', () => {
  it("puts .venv\\Scripts first on the existing Path with ';' on win32, without doubling PATH", () => {
    const env = pythonToolsEnv('C:\\p', {
      platform: 'win32',
      env: {
        Path: 'C:\\Windows;c:\\P\\.venv\\scripts',
        USERPROFILE: 'C:\\Users\\ana',
        PythonHome: 'C:\\py',
        virtual_env: 'x',
      },
    });
    expect(env).toEqual({
      Path: 'C:\\p\\.venv\\Scripts;C:\\Windows',
      USERPROFILE: 'C:\\Users\\ana',
      VIRTUAL_ENV: 'C:\\p\\.venv',
      JUPYTER_PATH: 'C:\\p\\.venv\\share\\jupyter',
      PIP_RETRIES: '0',
    });
  });

  it.each(['linux', 'darwin'] as const)("puts .venv/bin first on PATH with ':' on %s", (platform) => {
    const env = pythonToolsEnv('/p', { platform, env: { PATH: '/usr/bin:/bin', HOME: '/home/ana', path: 'kept' } });
    expect(env).toEqual({
      PATH: '/p/.venv/bin:/usr/bin:/bin',
      HOME: '/home/ana',
      path: 'kept',
      VIRTUAL_ENV: '/p/.venv',
      JUPYTER_PATH: '/p/.venv/share/jupyter',
      PIP_RETRIES: '0',
    });
  });

  it('makes PATH from the venv alone when there is none, and applies extra last', () => {
    const env = pythonToolsEnv('/p', {
      platform: 'linux',
      env: {},
      extra: { PIP_RETRIES: '3', LISTA5_LOGDIR: '/tmp/l' },
    });
    expect(env).toMatchObject({ PATH: '/p/.venv/bin', PIP_RETRIES: '3', LISTA5_LOGDIR: '/tmp/l' });
  });

  it('does not change the env it is given', () => {
    const source = { PATH: '/usr/bin' };
    pythonToolsEnv('/p', { platform: 'linux', env: source });
    expect(source).toEqual({ PATH: '/usr/bin' });
  });
});
