/**
 * Docker on the machine that builds and tests the class image (scripts/test-image.mjs,
 * bench/class-size.mjs): the daemon (started if it is installed but not running), the local base
 * images (made from the apt mirror and this machine's Node.js when no image registry is reachable),
 * and the package mirrors passed to the build. None of this goes into the image: only build arguments.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/** Runs docker (or another command) to completion; throws with its output when it fails. */
export function sh(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error) throw r.error;
  if (r.status !== 0 && !options.allowFail) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${(r.stdout ?? '') + (r.stderr ?? '')}`.slice(-8000),
    );
  }
  return r;
}

export const docker = (args, options) => sh('docker', args, options);

function onPath(name) {
  return (process.env.PATH ?? '')
    .split(':')
    .concat(['/usr/sbin', '/sbin', '/usr/bin'])
    .map((d) => join(d, name))
    .find((p) => existsSync(p));
}

function daemonAnswers() {
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: 20_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * A Docker daemon that answers: the running one, or one started here (root, `dockerd` installed:
 * overlay2, no iptables, no bridge; containers then use the host's network).
 * @returns `{ ok: true, version }`, or `{ ok: false, why }` (one line saying what is missing)
 */
export async function ensureDaemon() {
  if (!onPath('docker')) return { ok: false, why: 'no docker client (apt-get install docker.io)' };
  let version = daemonAnswers();
  if (version) return { ok: true, version };
  const dockerd = onPath('dockerd');
  if (!dockerd)
    return { ok: false, why: 'no Docker daemon running and no dockerd installed (apt-get install docker.io)' };
  if (process.getuid?.() !== 0) return { ok: false, why: 'no Docker daemon running, and starting dockerd needs root' };
  const log = join(tmpdir(), 'lista5-dockerd.log');
  console.log(`[image] starting ${dockerd} (log: ${log})`);
  const { openSync } = await import('node:fs');
  const out = openSync(log, 'a');
  const child = spawn(dockerd, ['--storage-driver=overlay2', '--iptables=false', '--bridge=none'], {
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    version = daemonAnswers();
    if (version) return { ok: true, version };
  }
  return { ok: false, why: `dockerd did not answer in 60 s (see ${log})` };
}

export const imageExists = (tag) => docker(['image', 'inspect', tag], { allowFail: true }).status === 0;

/** The Debian mirror apt uses on this machine (for debootstrap). */
export function debianMirror() {
  const files = [
    '/etc/apt/sources.list',
    ...listDir('/etc/apt/sources.list.d').map((f) => join('/etc/apt/sources.list.d', f)),
  ];
  for (const file of files) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const m =
      text.match(/^(?:deb\s+(?:\[[^\]]*\]\s+)?|URIs:\s*)(\S+\/debian)\/?\s*$/m) ??
      text.match(/^deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian)\s+bookworm/m);
    if (m) return m[1];
  }
  return 'http://deb.debian.org/debian';
}

function listDir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * The base image the Dockerfile starts from (`node:<major>-bookworm-slim`), reused when present; else
 * made here: Debian 12 minbase with debootstrap from the apt mirror, then this machine's Node.js and
 * npm, with a user `node` of uid 1000 as in the official image. Returns the tag.
 */
export function ensureNodeBase() {
  const major = process.versions.node.split('.')[0];
  const tag = `node:${major}-bookworm-slim`;
  if (imageExists(tag)) return { tag, made: false };
  const work = mkdtempSync(join(tmpdir(), 'lista5-base-'));
  try {
    if (!imageExists('debian:bookworm-slim')) {
      if (!onPath('debootstrap'))
        throw new Error('no image debian:bookworm-slim and no debootstrap (apt-get install debootstrap)');
      const rootfs = join(work, 'rootfs');
      const mirror = debianMirror();
      console.log(`[image] making debian:bookworm-slim with debootstrap from ${mirror} (about 80 s)`);
      sh('debootstrap', ['--variant=minbase', 'bookworm', rootfs, mirror]);
      rmSync(join(rootfs, 'var/cache/apt/archives'), { recursive: true, force: true });
      mkdirSync(join(rootfs, 'var/cache/apt/archives/partial'), { recursive: true });
      for (const f of listDir(join(rootfs, 'var/lib/apt/lists'))) {
        if (f !== 'partial' && f !== 'lock')
          rmSync(join(rootfs, 'var/lib/apt/lists', f), { recursive: true, force: true });
      }
      sh('bash', ['-c', 'set -o pipefail; tar -C "$1" -c . | docker import - debian:bookworm-slim', 'import', rootfs]);
    }
    console.log(`[image] making ${tag} from debian:bookworm-slim and this machine's Node.js ${process.version}`);
    const ctx = join(work, 'node');
    mkdirSync(ctx, { recursive: true });
    cpSync(process.execPath, join(ctx, 'node'));
    const npmCli = realpathSync(onPath('npm'));
    cpSync(resolve(dirname(npmCli), '..'), join(ctx, 'npm'), { recursive: true });
    const dockerfile = [
      'FROM debian:bookworm-slim',
      'COPY node /usr/local/bin/node',
      'COPY npm /usr/local/lib/node_modules/npm',
      'RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\',
      ' && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\',
      ' && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node',
      'LABEL lista5.local-base="made by scripts/image/docker.mjs"',
      'CMD ["node"]',
    ].join('\n');
    sh('docker', ['build', '--network', 'host', '-t', tag, '-f', '-', ctx], {
      input: dockerfile,
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
    return { tag, made: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** The port of the local mirror during a build (`LISTA5_MIRROR_PORT`, default 38765). */
const MIRROR_PORT = Number(process.env.LISTA5_MIRROR_PORT ?? 38765);

/** Whether `port` on 127.0.0.1 is free. */
function portFree(port) {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
}

/** `pip config list` of this machine as a map (`global.find-links` → value). */
function pipConfig() {
  const r = spawnSync('python3', ['-m', 'pip', 'config', 'list'], { encoding: 'utf8' });
  const map = new Map();
  for (const line of (r.stdout ?? '').split('\n')) {
    const m = line.match(/^[\w-]+\.([\w-]+)='(.*)'$/);
    if (m) map.set(m[1], m[2]);
  }
  return map;
}

const localFolder = (entry) =>
  entry.startsWith('file://') ? entry.slice('file://'.length) : entry.startsWith('/') ? entry : undefined;

/**
 * The build arguments for this machine's package sources: its npm registry, its CA certificates
 * (`NODE_EXTRA_CA_CERTS`), and its pip indexes and find-links. Local pip folders (file://) are served
 * over http on 127.0.0.1 for the build (the image builds with the host's network); `stop()` ends that.
 */
export async function mirrorBuildArgs() {
  const args = {};
  const registry = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).stdout?.trim();
  if (registry) args.NPM_CONFIG_REGISTRY = registry;
  const serve = mkdtempSync(join(tmpdir(), 'lista5-mirror-'));
  let served = 0;
  // A fixed port when it is free: the build arguments then stay the same from build to build, and
  // Docker's layer cache keeps the npm ci layer (a new port would rebuild it).
  const port = (await portFree(MIRROR_PORT)) ? MIRROR_PORT : await freePort();
  const base = `http://127.0.0.1:${port}`;
  const publish = (folder) => {
    const name = `m${served++}`;
    symlinkSync(resolve(folder), join(serve, name));
    return `${base}/${name}`;
  };
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  if (ca && existsSync(ca)) {
    cpSync(ca, join(serve, 'ca.pem'));
    args.EXTRA_CA_CERTS_URL = `${base}/ca.pem`;
  }
  const conf = pipConfig();
  const split = (v) => (v ?? '').split(/\s+/).filter(Boolean);
  // An index's pages link to their files relatively (`../../files/x.whl`): serve the folder above it.
  const urls = (entries) =>
    entries.map((e) => {
      const folder = localFolder(e);
      if (!folder || !existsSync(folder)) return e;
      const parent = dirname(resolve(folder));
      return `${publish(parent)}/${basename(resolve(folder))}/`;
    });
  const indexes = urls([
    ...split(process.env.PIP_INDEX_URL ?? conf.get('index-url')),
    ...split(process.env.PIP_EXTRA_INDEX_URL ?? conf.get('extra-index-url')),
  ]);
  const findLinks = urls(split(process.env.PIP_FIND_LINKS ?? conf.get('find-links')));
  // A local index first: then the build never waits on an unreachable pypi.org.
  if (indexes.length) {
    args.PIP_INDEX_URL = indexes[0];
    if (indexes.length > 1) args.PIP_EXTRA_INDEX_URL = indexes.slice(1).join(' ');
  }
  if (findLinks.length) args.PIP_FIND_LINKS = findLinks.join(' ');
  let server;
  if (served || args.EXTRA_CA_CERTS_URL) {
    server = spawn('python3', ['-m', 'http.server', '--bind', '127.0.0.1', '--directory', serve, String(port)], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 50; i++) {
      const ok = await fetch(`${base}/`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    args,
    stop() {
      server?.kill();
      rmSync(serve, { recursive: true, force: true });
    },
  };
}

/**
 * Builds the image from the repository at `root` (legacy builder, host network), with `buildArgs`;
 * `noCache` rebuilds every layer (a cold build, apart from the base image).
 * @returns the seconds it took
 */
export function buildImage(root, tag, buildArgs, { quiet = false, noCache = false } = {}) {
  const flags = Object.entries(buildArgs).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
  const started = Date.now();
  const extra = noCache ? ['--no-cache'] : [];
  const r = spawnSync('docker', ['build', '--force-rm', '--network', 'host', ...extra, '-t', tag, ...flags, root], {
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
  });
  if (r.status !== 0)
    throw new Error(`docker build failed (exit ${r.status})${quiet ? `:\n${(r.stdout + r.stderr).slice(-6000)}` : ''}`);
  return (Date.now() - started) / 1000;
}

/** The image's size in bytes (uncompressed, all layers). */
export function imageSize(tag) {
  return Number(docker(['image', 'inspect', '--format', '{{.Size}}', tag]).stdout.trim());
}

/** The image's base (FROM) as the Dockerfile's NODE_IMAGE argument. */
export function nodeImageArg(baseTag) {
  return baseTag === 'node:20-bookworm-slim' ? {} : { NODE_IMAGE: baseTag };
}
