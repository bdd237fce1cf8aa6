import * as path from 'node:path';
import {
  proxiedUrl,
  remoteBaseUrl,
  SERVER_PROXY_CONFIG,
  serverProxyInstalled,
  tensorBoardRoute,
  unreachableMessage,
} from './remote-access';

describe('remoteBaseUrl', () => {
  it('is undefined on a laptop (nothing set, or empty)', () => {
    expect(remoteBaseUrl({})).toBeUndefined();
    expect(remoteBaseUrl({ JUPYTERHUB_SERVICE_PREFIX: '', LISTA5_JUPYTER_BASE_URL: '' })).toBeUndefined();
  });

  it("takes the hub's prefix first, then the image's base URL, always as /…/", () => {
    expect(remoteBaseUrl({ JUPYTERHUB_SERVICE_PREFIX: '/user/ana/' })).toBe('/user/ana/');
    expect(remoteBaseUrl({ JUPYTERHUB_SERVICE_PREFIX: '/user/ana', LISTA5_JUPYTER_BASE_URL: '/' })).toBe('/user/ana/');
    expect(remoteBaseUrl({ LISTA5_JUPYTER_BASE_URL: '/' })).toBe('/');
    expect(remoteBaseUrl({ LISTA5_JUPYTER_BASE_URL: 'curso//lista5' })).toBe('/curso/lista5/');
  });
});

describe('tensorBoardRoute', () => {
  const never = (): boolean => {
    throw new Error('asked whether the proxy is installed on a laptop');
  };

  it('is local when the kernel runs on the student’s machine (and does not look for the proxy)', () => {
    expect(tensorBoardRoute({ PATH: '/usr/bin' }, never)).toEqual({ kind: 'local' });
  });

  it('goes through the proxy behind a hub that has it, and is unreachable behind one that has not', () => {
    const env = { JUPYTERHUB_SERVICE_PREFIX: '/user/ana/' };
    expect(tensorBoardRoute(env, () => true)).toEqual({ kind: 'proxy', baseUrl: '/user/ana/' });
    expect(tensorBoardRoute(env, () => false)).toEqual({ kind: 'unreachable', baseUrl: '/user/ana/' });
  });

  it('treats the image’s own base URL (a container without a hub) like a hub', () => {
    expect(tensorBoardRoute({ LISTA5_JUPYTER_BASE_URL: '/' }, () => false)).toEqual({
      kind: 'unreachable',
      baseUrl: '/',
    });
  });
});

describe('serverProxyInstalled', () => {
  const root = path.resolve('/home/jovyan');

  it("finds jupyter-server-proxy's config file in the project's .venv", () => {
    const wanted = path.join(root, '.venv', SERVER_PROXY_CONFIG);
    const seen: string[] = [];
    const exists = (file: string): boolean => {
      seen.push(file);
      return file === wanted;
    };
    expect(serverProxyInstalled(root, {}, exists)).toBe(true);
    expect(seen[0]).toBe(wanted);
  });

  it('finds it in a JUPYTER_CONFIG_PATH folder or a system prefix', () => {
    const configDir = path.resolve('/opt/conda/etc/jupyter');
    const inConfig = path.join(configDir, 'jupyter_server_config.d', 'jupyter_server_proxy.json');
    expect(
      serverProxyInstalled(root, { JUPYTER_CONFIG_PATH: `/x${path.delimiter}${configDir}` }, (f) => f === inConfig),
    ).toBe(true);
    const system = path.join('/usr/local', SERVER_PROXY_CONFIG);
    expect(serverProxyInstalled(undefined, {}, (f) => f === system)).toBe(true);
  });

  it('is false when no config file exists', () => {
    expect(serverProxyInstalled(root, { JUPYTER_CONFIG_PATH: '/x' }, () => false)).toBe(false);
  });
});

describe('the addresses and the message', () => {
  it("puts TensorBoard under the server's proxy path", () => {
    expect(proxiedUrl('/user/ana/', 6006)).toBe('/user/ana/proxy/6006/');
    expect(proxiedUrl('/', 40123)).toBe('/proxy/40123/');
  });

  it('says in one Portuguese line where to see the same views', () => {
    const line = unreachableMessage('logs/');
    expect(line).not.toContain('\n');
    expect(line).toContain('jupyter-server-proxy');
    expect(line).toContain('gráficos deste notebook');
    expect(line).toContain('npm run tensorboard');
  });
});
