// Runs before `npm start` and `npm test`: installs dependencies on a fresh clone, or when the
// lockfile changed since the last install, so both commands work with nothing done by hand.
import { existsSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs;
if (stale) {
  console.log('paved: installing dependencies (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
}
