#!/usr/bin/env node
/**
 * `npm install` runs this first (postinstall): applies patches/ with patch-package. A checkout that was
 * installed with an older version of a patch still has that version applied, and patch-package cannot
 * apply the new one over it ("Failed to apply patch"). Then the package's own files are put back from
 * its published tarball (`npm pack <name>@<version>`, from npm's cache when it is there) and the
 * patches are applied again, so that `npm install` after an update always ends with the current patch.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const windows = process.platform === 'win32';

function run(command, args, options = {}) {
  return spawnSync(command, args, { cwd: root, encoding: 'utf8', shell: windows, ...options });
}

const patchPackage = (stdio) =>
  run(process.execPath, [join(root, 'node_modules', 'patch-package', 'index.js'), '--error-on-fail'], {
    stdio,
    shell: false,
  });

// First try quietly: its error message is only worth showing if putting the files back does not help.
const first = patchPackage('pipe');
if (first.status === 0) {
  process.stdout.write(first.stdout);
  process.exit(0);
}

// `<name>+<version>.patch` (scoped names: `@scope+name+<version>.patch`).
const patched = readdirSync(join(root, 'patches'))
  .filter((f) => f.endsWith('.patch'))
  .map((f) => {
    const parts = f.slice(0, -'.patch'.length).split('+');
    return { name: parts.slice(0, -1).join('/'), version: parts[parts.length - 1] };
  });
for (const { name, version } of patched) {
  const tmp = mkdtempSync(join(tmpdir(), 'lista5-pristine-'));
  try {
    console.log(`[patches] putting back the published files of ${name}@${version}, then patching again`);
    const pack = run('npm', ['pack', `${name}@${version}`, '--pack-destination', tmp, '--silent']);
    const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (pack.status !== 0 || !tarball) throw new Error(`npm pack ${name}@${version} failed:\n${pack.stderr}`);
    const untar = run('tar', ['-xzf', tarball], { cwd: tmp });
    if (untar.status !== 0) throw new Error(`could not unpack ${tarball}:\n${untar.stderr}`);
    const target = join(root, 'node_modules', ...name.split('/'));
    if (!existsSync(target)) continue;
    cpSync(join(tmp, 'package'), target, { recursive: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
const again = patchPackage('inherit');
if (again.status !== 0) {
  console.error('[patches] the patches in patches/ could not be applied: see the message above.');
  process.exit(again.status ?? 1);
}
