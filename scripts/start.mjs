// `npm start`: creates (or completes) the embedded workspace, then runs the platform on it.
// The workspace is $PAVED_HOME, else .workspace/ in this checkout (git-ignored).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const paved = path.join(root, 'bin', 'paved');
const workspace = process.env.PAVED_HOME || path.join(root, '.workspace');
const extra = process.argv.slice(2);

const init = spawnSync(process.execPath, [paved, 'init', workspace], { stdio: 'inherit' });
if (init.status !== 0) process.exit(init.status ?? 1);
const server = spawn(process.execPath, [paved, 'start', '--workspace', workspace, ...extra], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('close', (code) => process.exit(code ?? 0));
