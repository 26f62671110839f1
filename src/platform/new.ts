/**
 * `paved new`: from a template to a component that is ready to ship, in one step that can be
 * rerun. It renders the template, creates the repository with the rendered files as its first
 * commit, writes the team's namespaces and the component's deployment, ArgoCD objects,
 * dashboards and alerts into the GitOps repository in one commit, and registers it in the
 * catalog. A journal row (store table `creations`) makes it resumable: a run cut short at any
 * point is finished by the next run with the same name, team and template; a finished one makes
 * the name taken.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConflictError, InputError } from '../errors.js';
import { crashPoint } from '../failpoint.js';
import { gitRaw } from '../git/git.js';
import type { Repository } from '../forge/types.js';
import { initialReleaseTags } from '../release/initial-tags.js';
import { now, type CreationRow } from '../store/index.js';
import { copyTemplate } from '../template/index.js';
import type { Prompter } from '../template/questions/index.js';
import { assertMayActForTeam } from './access.js';
import { refreshComponentRepository } from './catalog.js';
import { collectComponents, gitopsFiles, teamNamespaceFiles } from './deploy.js';
import { gitopsRepository, publishTree } from './gitops.js';
import type { Platform } from './platform.js';
import { resolveTemplate, type ResolvedTemplate } from './templates.js';

export const COMPONENT_NAME = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;

export interface NewOptions {
  template: string;
  name: string;
  team: string;
  data?: Record<string, unknown>;
  /** Never prompt: answers from `data`, then the template's defaults. */
  defaults?: boolean;
  prompter?: Prompter;
  /** Who asks; checked against the team. */
  actor: string;
  /** Each step as it starts, for progress lines. */
  onStep?: (step: NewStep) => void;
  /** `template`, already resolved by the caller (the API validates answers against it first). */
  resolved?: ResolvedTemplate;
  output?: NodeJS.WritableStream;
}

/** In the order they run. */
export const NEW_STEPS = ['template', 'repository', 'gitops', 'catalog'] as const;
export type NewStep = (typeof NEW_STEPS)[number];

export interface NewReport {
  component: string;
  team: string;
  template: string;
  version: string | null;
  repo: string;
  cloneUrl: string;
  webUrl: string;
  /** Paths written to (or already right in) the GitOps repository. */
  gitops: string[];
  gitopsCommit?: string;
  /** Whether it deploys: a template without deploy.yaml (a library) makes none. */
  deploys: boolean;
  /** True when this run finished an earlier, interrupted one. */
  resumed: boolean;
  messages: string[];
}

function validate(options: NewOptions, platform: Platform): void {
  if (!COMPONENT_NAME.test(options.name)) {
    throw new InputError(`--name '${options.name}': use 3-40 lowercase letters, digits or dashes, starting with a letter and not ending with a dash (it names the repository and Kubernetes objects)`, { field: 'name' });
  }
  assertMayActForTeam(platform.workspace.config, options.actor, options.team, 'create components');
  for (const key of ['component_name', 'team'] as const) {
    const given = options.data?.[key];
    const expected = key === 'team' ? options.team : options.name;
    if (given !== undefined && given !== expected) throw new InputError(`--data ${key}=${String(given)} contradicts --${key === 'team' ? 'team' : 'name'} ${expected}; drop the --data one`, { field: key });
  }
}

/** Claims the name, or finds the interrupted creation this run resumes. */
async function claim(platform: Platform, options: NewOptions, templateName: string, templateUrl: string): Promise<CreationRow> {
  const { db } = platform.store;
  const owner = platform.workspace.config.organisation;
  const existing = await db.selectFrom('creations').selectAll().where('component', '=', options.name).executeTakeFirst();
  if (existing?.state === 'done') {
    throw new ConflictError(`the name '${options.name}' is taken: ${owner}/${options.name} was created by ${existing.actor} for team ${existing.team} on ${existing.finishedAt}; choose another --name`, { component: options.name });
  }
  if (existing) {
    if (existing.team !== options.team || existing.template !== templateName) {
      throw new ConflictError(`'${options.name}' is being created for team ${existing.team} from ${existing.template} (started ${existing.startedAt}, not finished); rerun with --team ${existing.team} and template ${existing.template} to finish it`, { component: options.name });
    }
    return existing;
  }
  if (await platform.forge.getRepository({ owner, name: options.name })) {
    throw new ConflictError(`the name '${options.name}' is taken: a repository ${owner}/${options.name} already exists; choose another --name`, { component: options.name });
  }
  const row: CreationRow = { component: options.name, team: options.team, template: templateName, templateUrl, version: null, ref: null, answers: JSON.stringify(options.data ?? {}), state: 'started', step: 'template', actor: options.actor, startedAt: now(), finishedAt: null };
  try {
    await db.insertInto('creations').values(row).execute();
  } catch (error) {
    throw new ConflictError(`'${options.name}' is being created by another run right now; wait for it, then check 'paved catalog list'`, { component: options.name }, { cause: error });
  }
  return row;
}

async function pushFirstCommit(platform: Platform, repo: Repository, dir: string, row: CreationRow, actor: string): Promise<void> {
  if (await platform.forge.getBranch(repo, repo.defaultBranch)) return;
  const user = platform.workspace.config.users.find((u) => u.login === actor);
  const env = { GIT_AUTHOR_NAME: user?.name || actor, GIT_AUTHOR_EMAIL: user?.email || `${actor}@paved.local`, GIT_COMMITTER_NAME: 'Paved', GIT_COMMITTER_EMAIL: 'paved@paved.local' };
  await gitRaw(['init', '--quiet', `--initial-branch=${repo.defaultBranch}`], { cwd: dir });
  await gitRaw(['add', '--all'], { cwd: dir });
  const message = `feat: create ${row.component} from ${row.template}${row.version ? ` ${row.version}` : ''}\n\nMade by paved new for team ${row.team}.\n`;
  await gitRaw(['-c', 'commit.gpgsign=false', 'commit', '--quiet', '--no-verify', '-F', '-'], { cwd: dir, env, input: message });
  // The versions the template's release manifest starts at are released by this commit: tagged with it, in one atomic push.
  const tags = initialReleaseTags((file) => (existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file), 'utf8') : undefined));
  await platform.forge.push(repo, dir, [{ src: 'HEAD', dst: repo.defaultBranch, expected: null }, ...tags.map((tag) => ({ src: 'HEAD', dst: `refs/tags/${tag}`, expected: null }))]);
}

/** The answers file records where updates come from: the forge, not this machine's copy. */
function recordTemplateUrl(dir: string, answersFile: string, url: string): void {
  const file = path.join(dir, answersFile);
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/^_src_path: .*$/m, `_src_path: ${JSON.stringify(url)}`));
}

export async function createComponent(platform: Platform, options: NewOptions): Promise<NewReport> {
  validate(options, platform);
  const { config } = platform.workspace;
  const owner = config.organisation;
  options.onStep?.('template');
  const template = options.resolved ?? (await resolveTemplate(platform, options.template));
  const row = await claim(platform, options, template.name, template.url);
  // Each step is also written to the journal, where the portal (or anyone) watches it move.
  const journal = (at: NewStep) => platform.store.db.updateTable('creations').set({ step: at }).where('component', '=', row.component).execute();
  const step = async (next: NewStep) => {
    options.onStep?.(next);
    await journal(next);
  };
  if (row.step !== 'template') await journal('template');
  const resumed = row.ref !== null;
  const work = mkdtempSync(path.join(os.tmpdir(), 'paved-new-'));
  try {
    const data = { ...(JSON.parse(row.answers) as Record<string, unknown>), ...options.data, component_name: options.name, team: options.team, organisation: owner };
    const rendered = await copyTemplate({
      src: template.src,
      dst: work,
      data,
      defaults: options.defaults || resumed,
      ...(row.ref ? { vcsRef: row.ref } : {}),
      ...(options.prompter ? { prompter: options.prompter } : {}),
      ...(options.output ? { output: options.output } : {}),
    });
    const version = rendered.version ?? rendered.commit ?? null;
    if (!resumed) {
      const answers = Object.fromEntries(Object.entries(rendered.answers).filter(([k]) => !k.startsWith('_')));
      row.version = version ?? '';
      row.ref = rendered.commit ?? '';
      await platform.store.db.updateTable('creations').set({ version: row.version, ref: row.ref, answers: JSON.stringify(answers) }).where('component', '=', row.component).execute();
    }
    const answersFile = rendered.files.find((f) => /(^|\/)\.copier-answers[^/]*\.ya?ml$/.test(f.path))?.path;
    if (answersFile && template.url !== template.src) recordTemplateUrl(work, answersFile, template.url);

    await step('repository');
    const ref = { owner, name: options.name };
    const repo = (await platform.forge.getRepository(ref)) ?? (await platform.forge.createRepository({ ...ref, description: String(rendered.answers.description ?? ''), defaultBranch: 'main' }));
    crashPoint('new:repository-created');
    await pushFirstCommit(platform, repo, work, row, options.actor);
    crashPoint('new:repository-pushed');

    await step('gitops');
    const inputs = await collectComponents(platform, [options.name]);
    const gitops = await gitopsRepository(platform);
    // The team's namespaces in every environment even when the component does not deploy (a library).
    const files = inputs.length > 0 ? await gitopsFiles(platform, inputs) : teamNamespaceFiles(config, [options.team], gitops.cloneUrl);
    // Ensure, never prune: every other component's and team's files stay as they are.
    const published = await publishTree(platform, files, { prune: [], subject: `feat(new): ${options.name} for ${options.team}`, rerun: `paved new ${options.template} --name ${options.name} --team ${options.team}` });
    crashPoint('new:gitops-published');

    await step('catalog');
    await refreshComponentRepository(platform, options.name, inputs);
    await platform.store.db.updateTable('creations').set({ state: 'done', finishedAt: now() }).where('component', '=', row.component).execute();
    return {
      component: options.name,
      team: options.team,
      template: template.name,
      version: row.version || null,
      repo: repo.fullName,
      cloneUrl: repo.cloneUrl,
      webUrl: repo.webUrl,
      gitops: files.map((f) => f.path).sort(),
      ...(published.commit ? { gitopsCommit: published.commit } : {}),
      deploys: inputs.length > 0,
      resumed,
      messages: rendered.messages,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
