// Runs before `npm start`: installs dependencies on a fresh clone, or when the lockfile changed
// since the last install, so the command works with nothing done by hand.
import { depsStale, installDeps, markInstalled } from './deps.mjs';

if (depsStale()) {
  console.log('paved: installing dependencies (npm ci)…');
  installDeps();
  markInstalled();
}
