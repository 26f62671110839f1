/**
 * `npm start` for now: a short, real demonstration of the template lifecycle on this machine.
 * It copies the shipped node-service template, edits the project, releases a newer template
 * version, and updates the project to it, showing that the edit is kept.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkProject, copyTemplate, updateProject } from '../template/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const shipped = path.resolve(here, '../../golden-path/templates/node-service');
const root = mkdtempSync(path.join(os.tmpdir(), 'paved-demo-'));
const template = path.join(root, 'templates/node-service');
const project = path.join(root, 'projects/billing-api');
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Paved demo', GIT_AUTHOR_EMAIL: 'demo@paved.local', GIT_COMMITTER_NAME: 'Paved demo', GIT_COMMITTER_EMAIL: 'demo@paved.local' } });
const step = (text: string) => console.log(`\n== ${text}`);
const output = process.stdout;

step(`Publishing the shipped node-service template as a git repo, tagged v1.0.0 (${template})`);
cpSync(shipped, template, { recursive: true });
git(template, 'init', '-q', '-b', 'main');
git(template, 'add', '-A');
git(template, 'commit', '-qm', 'feat: node-service template');
git(template, 'tag', 'v1.0.0');

step('paved template copy → projects/billing-api');
const copied = await copyTemplate({ src: template, dst: project, defaults: true, data: { component_name: 'billing-api', team: 'payments' }, output });
console.log(`${copied.files.length} files from ${copied.commit}: ${copied.files.map((f) => f.path).join(', ')}`);
git(project, 'init', '-q', '-b', 'main');
git(project, 'add', '-A');
git(project, 'commit', '-qm', 'chore: scaffold from node-service v1.0.0');

step('The team edits its README and commits');
appendFileSync(path.join(project, 'README.md'), '\n## On call\n\nPage #payments-oncall.\n');
git(project, 'commit', '-qam', 'docs: on-call notes');

step('The platform team releases node-service v1.1.0 (a health check in the Dockerfile, a README line)');
const dockerfile = path.join(template, 'Dockerfile.jinja');
writeFileSync(dockerfile, readFileSync(dockerfile, 'utf8').replace('CMD', 'HEALTHCHECK CMD wget -qO- http://127.0.0.1:{{ port }}/healthz || exit 1\nCMD'));
const readme = path.join(template, 'README.md.jinja');
writeFileSync(readme, readFileSync(readme, 'utf8').replace('## Run', 'Health: `GET /healthz`.\n\n## Run'));
git(template, 'commit', '-qam', 'feat: health check');
git(template, 'tag', 'v1.1.0');

step('paved template check');
const check = await checkProject({ dst: project });
console.log(`update available: ${check.update_available} (${check.current_version} → ${check.latest_version})`);

step('paved template update');
const updated = await updateProject({ dst: project, defaults: true, output });
for (const file of updated.files) console.log(`  ${file.action.padEnd(8)} ${file.path}`);
console.log(`conflicts: ${updated.conflicts.length}`);

step('README.md after the update: the template change and the team edit, both kept');
console.log(readFileSync(path.join(project, 'README.md'), 'utf8'));
console.log(`Everything is in ${root}; look around, then delete it.`);
