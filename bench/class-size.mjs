#!/usr/bin/env node
/**
 * Numbers to size a class: students side by side, each in their own container of the class image,
 * each running the whole `lista5-aluno` notebook while JupyterLab and TensorBoard run beside it (as
 * in a student's server). Per container: the notebook's wall time, the peak memory (the working set,
 * as `docker stats` counts it, sampled every second; and the cgroup's own peak, which also counts the
 * page cache) and the CPU time; per class size, the slowest student.
 *
 *   npm run image:build                      # once: the image lista5:local
 *   npm run bench:class                      # 1 and 2 students
 *   npm run bench:class -- --students 1,2,4 [--tag lista5:local]
 *
 * The notebook runs headless (`npm start -- lista5-aluno.ipynb`: nbconvert drives the kernel, about
 * what JupyterLab's server does for a browser). Needs Docker (cgroup v1 or v2). Timings are this
 * machine's, with whatever else runs on it (printed: cores, load average).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { freePort } from '../scripts/image/docker.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const sizes = opt('--students', '1,2')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const tag = opt('--tag', 'lista5:local');

const docker = (args) => {
  const r = spawnSync('docker', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};
if (spawnSync('docker', ['image', 'inspect', tag], { stdio: 'ignore' }).status !== 0) {
  console.error(`No image ${tag}: build it first with "npm run image:build".`);
  process.exit(1);
}

/** Reads a container's memory and CPU from its cgroup (v1 with the cgroupfs driver, or v2). */
function cgroupReader(id) {
  const v1 = `/sys/fs/cgroup/memory/docker/${id}`;
  const v2 = [`/sys/fs/cgroup/system.slice/docker-${id}.scope`, `/sys/fs/cgroup/docker/${id}`].find((d) =>
    existsSync(`${d}/memory.current`),
  );
  const num = (file) => {
    try {
      return Number(readFileSync(file, 'utf8').trim().split(/\s+/)[0]);
    } catch {
      return NaN;
    }
  };
  const stat = (file, key) => {
    try {
      const m = readFileSync(file, 'utf8').match(new RegExp(`^${key} (\\d+)$`, 'm'));
      return m ? Number(m[1]) : 0;
    } catch {
      return 0;
    }
  };
  if (existsSync(v1)) {
    return () => ({
      workingSet: num(`${v1}/memory.usage_in_bytes`) - stat(`${v1}/memory.stat`, 'total_inactive_file'),
      cgroupPeak: num(`${v1}/memory.max_usage_in_bytes`),
      cpuSeconds: num(`/sys/fs/cgroup/cpuacct/docker/${id}/cpuacct.usage`) / 1e9,
    });
  }
  if (v2) {
    return () => ({
      workingSet: num(`${v2}/memory.current`) - stat(`${v2}/memory.stat`, 'inactive_file'),
      cgroupPeak: num(`${v2}/memory.peak`),
      cpuSeconds: stat(`${v2}/cpu.stat`, 'usage_usec') / 1e6,
    });
  }
  throw new Error(`cannot find the cgroup of container ${id}`);
}

const SCRIPT = String.raw`
jupyter lab --ip=127.0.0.1 --port="$LAB_PORT" --no-browser --ServerApp.token=bench >/dev/null 2>&1 &
tensorboard --logdir logs --host 127.0.0.1 --port "$TB_PORT" >/dev/null 2>&1 &
t0=$(date +%s.%N)
npm start -- lista5-aluno.ipynb >run.log 2>&1
rc=$?
t1=$(date +%s.%N)
echo "DONE $rc $t0 $t1"
exec sleep infinity
`;

const gib = (b) => (b / 2 ** 30).toFixed(2);
console.log(
  `class-size bench: image ${tag}; this machine: ${cpus().length} cores, ${gib(totalmem())} GiB, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const summary = [];
for (const n of sizes) {
  console.log(`\n${n} student(s) side by side`);
  const students = [];
  for (let i = 0; i < n; i++) {
    const name = `lista5-bench-${process.pid}-${n}-${i}`;
    const env = ['-e', `LAB_PORT=${await freePort()}`, '-e', `TB_PORT=${await freePort()}`];
    const id = docker([
      'run',
      '-d',
      '--network',
      'host',
      '--user',
      '1000',
      '--name',
      name,
      ...env,
      tag,
      'bash',
      '-c',
      SCRIPT,
    ]);
    students.push({ name, id, read: undefined, peak: 0, last: undefined, done: undefined });
  }
  try {
    for (const s of students) {
      for (let i = 0; i < 50 && !s.read; i++) {
        try {
          s.read = cgroupReader(s.id);
        } catch (e) {
          if (i === 49) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }
    const t0 = Date.now();
    while (students.some((s) => !s.done)) {
      for (const s of students.filter((x) => !x.done)) {
        s.last = s.read();
        s.peak = Math.max(s.peak, s.last.workingSet);
        const m = spawnSync('docker', ['logs', s.name], { encoding: 'utf8' }).stdout.match(
          /DONE (\d+) ([\d.]+) ([\d.]+)/,
        );
        if (m) s.done = { rc: Number(m[1]), wall: Number(m[3]) - Number(m[2]) };
      }
      if (Date.now() - t0 > 3_600_000) throw new Error('no student finished within an hour');
      await new Promise((r) => setTimeout(r, 1000));
    }
    for (const [i, s] of students.entries()) {
      const line =
        `  student ${i + 1}: notebook ${s.done.wall.toFixed(0)} s (exit ${s.done.rc}), ` +
        `peak memory ${gib(s.peak)} GiB (working set, 1 s samples; cgroup peak with page cache ${gib(s.last.cgroupPeak)} GiB), ` +
        `CPU ${s.last.cpuSeconds.toFixed(0)} s`;
      console.log(line);
      if (s.done.rc !== 0) console.log(docker(['exec', s.name, 'tail', '-20', 'run.log']));
    }
    const walls = students.map((s) => s.done.wall);
    summary.push({
      students: n,
      slowest: Math.max(...walls),
      peak: Math.max(...students.map((s) => s.peak)),
      cpu: Math.max(...students.map((s) => s.last.cpuSeconds)),
    });
  } finally {
    for (const s of students) spawnSync('docker', ['rm', '-f', s.name], { stdio: 'ignore' });
  }
}
console.log('\nstudents | slowest notebook | peak memory per student | CPU per student');
for (const s of summary) {
  console.log(
    `${String(s.students).padStart(8)} | ${s.slowest.toFixed(0).padStart(14)} s | ${gib(s.peak).padStart(19)} GiB | ${s.cpu.toFixed(0).padStart(13)} s`,
  );
}
console.log(`\nRerun: npm run bench:class -- --students ${sizes.join(',')} --tag ${tag}`);
