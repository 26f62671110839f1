// `npm test`: installs what is missing, then typecheck, lint and the whole test suite. On a fresh
// clone the native build (better-sqlite3 compiles SQLite, over a minute on two cores) runs while
// typecheck, lint and the CLI bundle do: none needs it, and together they keep both cores busy.
// The tests start once all have passed.
import { spawn } from 'node:child_process';
import { depsStale, installDeps, markInstalled } from './deps.mjs';

/** Runs a command with its output kept, to be printed whole when it is its turn. */
function run(label, command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
    const out = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => out.push(chunk));
    child.on('error', (error) => resolve({ label, code: 1, output: `${label}: could not run ${command}: ${error.message}\n` }));
    child.on('close', (code) => resolve({ label, code: code ?? 1, output: Buffer.concat(out).toString('utf8') }));
  });
}

function report({ label, code, output }) {
  console.log(`\n> ${label}${code === 0 ? '' : ` (failed, exit ${code})`}`);
  if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
}

let native;
if (depsStale()) {
  console.log('paved: installing dependencies (npm ci; native modules build alongside typecheck and lint)…');
  installDeps({ scripts: false });
  native = run('npm rebuild (native modules)', 'npm', ['rebuild', '--loglevel=error']);
}
// The CLI bundle is built here too, once, rather than by every test worker's first CLI run at once.
const checks = [
  run('npm run typecheck', 'npm', ['run', '-s', 'typecheck']),
  run('npm run lint', 'npm', ['run', '-s', 'lint']),
  run('bundle the CLI (bin/paved --version)', process.execPath, ['bin/paved', '--version']),
];
let failed = false;
for (const check of checks) {
  const done = await check;
  report(done);
  failed ||= done.code !== 0;
}
if (native) {
  const built = await native;
  if (built.code !== 0) {
    report(built);
    console.error('paved: building the native modules failed (see above); better-sqlite3 needs python3, make and a C++ compiler');
    process.exit(1);
  }
  markInstalled();
}
if (failed) process.exit(1);
const tests = spawn('npm', ['run', '-s', 'test:unit'], { stdio: 'inherit' });
tests.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
