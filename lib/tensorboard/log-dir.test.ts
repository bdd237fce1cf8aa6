import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  defaultLogDir,
  displayPath,
  findProjectRoot,
  LOGDIR_ENV,
  LOGDIR_SHOWN_ENV,
  notebookName,
  SESSION_NAME_ENV,
} from './log-dir.js';

const projectRoot = path.resolve(__dirname, '..', '..');

describe('findProjectRoot', () => {
  it('walks up from this module to the folder whose package.json is named lista5-gradientes', () => {
    expect(JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).name).toBe('lista5-gradientes');
    expect(findProjectRoot()).toBe(projectRoot);
    // From the notebooks' folder, from lib/ (whose package.json is "lista5") and from the root itself.
    expect(findProjectRoot(path.join(projectRoot, 'notebooks'))).toBe(projectRoot);
    expect(findProjectRoot(path.join(projectRoot, 'lib', 'dist', 'tensorboard'))).toBe(projectRoot);
    expect(findProjectRoot(projectRoot)).toBe(projectRoot);
  });

  it('is undefined outside the project', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-project-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'something-else' }));
    try {
      expect(findProjectRoot(dir)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('defaultLogDir', () => {
  const saved = process.env[LOGDIR_ENV];
  const session = process.env[SESSION_NAME_ENV];
  beforeEach(() => delete process.env[SESSION_NAME_ENV]); // as outside a notebook's kernel
  afterEach(() => {
    if (saved === undefined) delete process.env[LOGDIR_ENV];
    else process.env[LOGDIR_ENV] = saved;
    if (session === undefined) delete process.env[SESSION_NAME_ENV];
    else process.env[SESSION_NAME_ENV] = session;
  });

  it('is <project root>/logs whatever the current folder, when LISTA5_LOGDIR is not set', () => {
    delete process.env[LOGDIR_ENV];
    const cwd = process.cwd();
    process.chdir(path.join(projectRoot, 'lib'));
    try {
      expect(defaultLogDir()).toBe(path.join(projectRoot, 'logs'));
    } finally {
      process.chdir(cwd);
    }
  });

  it("is logs/<notebook> in a notebook's kernel (Jupyter names the notebook), LISTA5_LOGDIR still first", () => {
    delete process.env[LOGDIR_ENV];
    {
      process.env[SESSION_NAME_ENV] = 'notebooks/lista5-solucoes.ipynb';
      expect(notebookName()).toBe('lista5-solucoes');
      expect(defaultLogDir()).toBe(path.join(projectRoot, 'logs', 'lista5-solucoes'));
      process.env[SESSION_NAME_ENV] = 'C:\\curso\\lista5-para-ir-alem-aluno.ipynb';
      expect(defaultLogDir()).toBe(path.join(projectRoot, 'logs', 'lista5-para-ir-alem-aluno'));
      process.env[SESSION_NAME_ENV] = 'Console 1'; // not a notebook
      expect(defaultLogDir()).toBe(path.join(projectRoot, 'logs'));
      process.env[SESSION_NAME_ENV] = 'lista5-solucoes.ipynb';
      process.env[LOGDIR_ENV] = '/tmp/somewhere/logs';
      expect(defaultLogDir()).toBe('/tmp/somewhere/logs');
    }
  });

  it('is LISTA5_LOGDIR when set, made absolute; an empty value counts as not set', () => {
    process.env[LOGDIR_ENV] = '/tmp/somewhere/logs';
    expect(defaultLogDir()).toBe('/tmp/somewhere/logs');
    process.env[LOGDIR_ENV] = 'relative-logs';
    expect(defaultLogDir()).toBe(path.resolve('relative-logs'));
    process.env[LOGDIR_ENV] = '';
    expect(defaultLogDir()).toBe(path.join(projectRoot, 'logs'));
  });
});

describe('displayPath', () => {
  it('shows paths inside the project relative to its root, others absolute', () => {
    expect(displayPath(path.join(projectRoot, 'logs', 'modelo_fundo'))).toBe('logs/modelo_fundo');
    expect(displayPath('/tmp/x/modelo_fundo')).toBe('/tmp/x/modelo_fundo');
    expect(displayPath(projectRoot)).toBe(projectRoot);
  });

  it('names a log folder outside the project as LISTA5_LOGDIR_SHOWN says (handouts made elsewhere)', () => {
    const saved = { dir: process.env[LOGDIR_ENV], shown: process.env[LOGDIR_SHOWN_ENV] };
    try {
      process.env[LOGDIR_ENV] = '/tmp/run-123/logs';
      process.env[LOGDIR_SHOWN_ENV] = 'logs';
      expect(displayPath('/tmp/run-123/logs/modelo_fundo')).toBe('logs/modelo_fundo');
      expect(displayPath('/tmp/run-123/logs')).toBe('logs');
      expect(displayPath('/tmp/run-123/other')).toBe('/tmp/run-123/other');
      delete process.env[LOGDIR_SHOWN_ENV];
      expect(displayPath('/tmp/run-123/logs/modelo_fundo')).toBe('/tmp/run-123/logs/modelo_fundo');
    } finally {
      for (const [key, value] of [
        [LOGDIR_ENV, saved.dir],
        [LOGDIR_SHOWN_ENV, saved.shown],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
