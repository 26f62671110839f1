/**
 * The fleet the fleet tests work on: a workspace with a local forge, a library template released
 * in v1.0.0 and v1.1.0 (v1.1.0 changes a README line and adds a file), a worker template, and ten
 * components pushed with real git:
 *
 * | component            | repository   | template / version | what is special                         |
 * | -------------------- | ------------ | ------------------ | --------------------------------------- |
 * | lib-a, lib-b         | own          | library 1.0.0      | untouched                               |
 * | lib-edit             | own          | library 1.0.0      | the team edited README.md, added a file |
 * | lib-conflict         | own          | library 1.0.0      | the team changed the line v1.1.0 changes |
 * | lib-current          | own          | library 1.1.0      | already current                         |
 * | lib-pushed           | own          | library 1.0.0      | tests push to its update branch         |
 * | mono-api, mono-web   | mono         | library 1.0.0      | subprojects services/api, services/web  |
 * | lib-broken           | own          | ?                  | unreadable answers file                 |
 * | jobs-worker          | own          | worker 1.0.0       | team platform, current                  |
 *
 * Everything lives under one folder made by mkdtemp (not tempDir: it outlives a test, for
 * beforeAll), removed by `close()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { PullRequest, Repository } from '../../src/forge/types.js';
import type { ComponentStatus, SyncResult } from '../../src/fleet/types.js';
import { initWorkspace } from '../../src/platform/init.js';
import { openPlatform, type Platform } from '../../src/platform/platform.js';
import { copyTemplate } from '../../src/template/index.js';
import { paved, type Ran } from '../support/exec.js';
import { commitAll, git, initRepo, TemplateRepo, writeFiles } from '../support/fixtures.js';
import { ANSWERS_TEMPLATE, quiet } from '../support/templates.js';

export const OWNER = 'acme';

/** Every component's name, and those a v1.1.0 release leaves behind. */
export const COMPONENTS = ['lib-a', 'lib-b', 'lib-edit', 'lib-conflict', 'lib-current', 'lib-pushed', 'mono-api', 'mono-web', 'lib-broken', 'jobs-worker'];
export const BEHIND = ['lib-a', 'lib-b', 'lib-edit', 'lib-conflict', 'lib-pushed', 'mono-api', 'mono-web'];

const README_V1 = '# {{ name }}\n\nv1 text\n\n## Usage\n\nSee the docs.\n';
const CATALOG = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: {{ name }}\nspec:\n  type: library\n  lifecycle: production\n  owner: group:{{ team }}\n';

function changelog(entries: Array<[version: string, line: string]>): string {
  return `# Changelog\n\n${entries.map(([v, line]) => `## [${v}] - 2024-01-15\n\n### Changed\n\n- ${line}\n`).join('\n')}`;
}

/** The library template's releases, newest last: each adds a changelog section. */
const LIBRARY_NOTES: Array<[string, string]> = [
  ['1.0.0', 'First release.'],
  ['1.1.0', 'README says v2 text; adds docs/guide.md.'],
  ['1.2.0', 'Adds .editorconfig.'],
  ['1.3.0', 'The guide explains releases.'],
];

const LIBRARY_FILES: Array<Record<string, string>> = [
  {
    'copier.yml': '_subdirectory: template\nname:\n  type: str\n  default: x\nteam:\n  type: str\n  default: payments\n',
    ...Object.fromEntries(Object.entries(ANSWERS_TEMPLATE).map(([k, v]) => [`template/${k}`, v])),
    'template/catalog-info.yaml.jinja': CATALOG,
    'template/README.md.jinja': README_V1,
  },
  { 'template/README.md.jinja': README_V1.replace('v1 text', 'v2 text'), 'template/docs/guide.md': '# Guide\n\nHow to use this library.\n' },
  { 'template/.editorconfig': 'root = true\n' },
  { 'template/docs/guide.md': '# Guide\n\nHow to use this library.\n\n## Releases\n\nTag it.\n' },
];

interface ComponentSpec {
  /** [folder in the repository ('' for the root), component name]. */
  subprojects: Array<[string, string]>;
  template?: string;
  version?: string;
  team?: string;
  /** The team's own commit after the first. */
  edits?: Record<string, string>;
}

export class Fleet {
  readonly library: TemplateRepo;
  readonly worker: TemplateRepo;
  private released = 0;

  private constructor(
    readonly root: string,
    readonly workspace: string,
    readonly platform: Platform,
  ) {
    this.library = new TemplateRepo(path.join(root, 'library-template'));
    this.worker = new TemplateRepo(path.join(root, 'worker-template'));
  }

  /** A workspace with the ten components of the table above, the library template at v1.1.0. */
  static async build(): Promise<Fleet> {
    const root = mkdtempSync(path.join(os.tmpdir(), 'paved-fleet-test-'));
    const workspace = path.join(root, 'ws');
    await initWorkspace(workspace);
    const fleet = new Fleet(root, workspace, await openPlatform(workspace));
    fleet.release();
    fleet.worker.version('v1.0.0', { ...LIBRARY_FILES[0]!, 'template/README.md.jinja': '# {{ name }} worker\n' });
    const made: Array<[string, ComponentSpec['subprojects'], Omit<ComponentSpec, 'subprojects'>?]> = [
      ['lib-a', [['', 'lib-a']]],
      ['lib-b', [['', 'lib-b']]],
      ['lib-edit', [['', 'lib-edit']], { edits: { 'README.md': '# lib-edit\n\nv1 text\n\n## Usage\n\nSee the docs.\n\nPayments team: call us before upgrading.\n', 'src/index.ts': 'export const answer = 42;\n' } }],
      ['lib-conflict', [['', 'lib-conflict']], { edits: { 'README.md': '# lib-conflict\n\nour own text\n\n## Usage\n\nSee the docs.\n' } }],
      ['lib-pushed', [['', 'lib-pushed']]],
      ['mono', [['services/api', 'mono-api'], ['services/web', 'mono-web']]],
      ['jobs-worker', [['', 'jobs-worker']], { template: fleet.worker.dir, team: 'platform' }],
    ];
    for (const [repo, subprojects, options] of made) await fleet.component(repo, { subprojects, ...options });
    fleet.release();
    await fleet.component('lib-current', { subprojects: [['', 'lib-current']], version: 'v1.1.0' });
    const broken = initRepo(path.join(root, 'repos', 'lib-broken'));
    writeFiles(broken, { '.copier-answers.yml': '_src_path: [unclosed\n_commit: v1.0.0\n', 'catalog-info.yaml': CATALOG.replace('{{ name }}', 'lib-broken').replace('{{ team }}', 'payments') });
    commitAll(broken, 'feat: create lib-broken');
    await fleet.publish('lib-broken', broken);
    return fleet;
  }

  /** Releases the library template's next version (v1.0.0, v1.1.0, v1.2.0, v1.3.0 in turn); returns the version. */
  release(): string {
    const [version] = LIBRARY_NOTES[this.released]!;
    this.released += 1;
    this.library.version(`v${version}`, { ...LIBRARY_FILES[this.released - 1]!, 'CHANGELOG.md': changelog(LIBRARY_NOTES.slice(0, this.released).reverse()) });
    return version;
  }

  /** Renders a template once per subproject into a new repository, pushes it, then commits the team's edits on top. */
  private async component(repo: string, options: ComponentSpec): Promise<void> {
    const dir = initRepo(path.join(this.root, 'repos', repo));
    for (const [sub, name] of options.subprojects) {
      await copyTemplate({ src: options.template ?? this.library.dir, dst: path.join(dir, sub), vcsRef: options.version ?? 'v1.0.0', data: { name, team: options.team ?? 'payments' }, defaults: true, ...quiet });
    }
    commitAll(dir, `feat: create ${repo}`);
    if (options.edits) {
      writeFiles(dir, options.edits);
      commitAll(dir, 'docs: our own changes');
    }
    await this.publish(repo, dir);
  }

  private async publish(name: string, dir: string): Promise<void> {
    const repo = await this.platform.forge.createRepository({ owner: OWNER, name, defaultBranch: 'main' });
    await this.platform.forge.push(repo, dir, [{ src: 'HEAD', dst: 'main', expected: null }]);
  }

  async repo(name: string): Promise<Repository> {
    const repo = await this.platform.forge.getRepository({ owner: OWNER, name });
    if (!repo) throw new Error(`no repository ${name}`);
    return repo;
  }

  /** A person's commit on `branch` of `repo` (a clone, a commit without the fleet trailer, a push); returns it. */
  async personPush(name: string, branch: string, files: Record<string, string>): Promise<string> {
    const repo = await this.repo(name);
    const work = path.join(mkdtempSync(path.join(this.root, 'person-')), name);
    git(this.root, 'clone', '-q', '--branch', branch, this.platform.forge.repoDir(repo), work);
    writeFiles(work, files);
    commitAll(work, 'fix: by hand');
    const head = git(work, 'rev-parse', 'HEAD');
    await this.platform.forge.push(repo, work, [{ src: 'HEAD', dst: branch }]);
    return head;
  }

  async file(name: string, file: string, ref?: string): Promise<string | undefined> {
    return (await this.platform.forge.readFile(await this.repo(name), file, ref))?.data.toString('utf8');
  }

  async branchHead(name: string, branch: string): Promise<string | undefined> {
    return (await this.platform.forge.getBranch(await this.repo(name), branch))?.commit;
  }

  /** Every pull request of the organisation's component repositories, oldest first. */
  async pullRequests(state: 'open' | 'all' = 'all'): Promise<PullRequest[]> {
    const all: PullRequest[] = [];
    for (const repo of await this.platform.forge.listRepositories(OWNER)) all.push(...(await this.platform.forge.listPullRequests(repo, { state })));
    return all;
  }

  /** Runs the real CLI on this workspace with --json (without blocking: see test/support/exec.ts). */
  cli(args: string[], env: Record<string, string> = {}): Promise<Ran> {
    return paved([...args, '--json'], { workspace: this.workspace, env });
  }

  /** `paved fleet sync …`, its results parsed. */
  async cliSync(args: string[] = [], env: Record<string, string> = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; results: SyncResult[]; stderr: string }> {
    const run = await this.cli(['fleet', 'sync', ...args], env);
    return { ...run, results: run.stdout ? (JSON.parse(run.stdout) as { results: SyncResult[] }).results : [] };
  }

  /** `paved fleet status …`, its components parsed. */
  async cliStatus(args: string[] = []): Promise<ComponentStatus[]> {
    const run = await this.cli(['fleet', 'status', ...args]);
    expect(run.code, run.stderr).toBe(0);
    return (JSON.parse(run.stdout) as { components: ComponentStatus[] }).components;
  }

  async close(): Promise<void> {
    await this.platform.close();
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** component → outcome, for one assertion over a whole run. */
export function outcomes(results: SyncResult[]): Record<string, string> {
  return Object.fromEntries(results.map((r) => [r.component, r.outcome]).sort(([a], [b]) => a!.localeCompare(b!)));
}

/** The one result of `component`. */
export function resultOf(results: SyncResult[], component: string): SyncResult {
  const found = results.filter((r) => r.component === component);
  expect(found, component).toHaveLength(1);
  return found[0]!;
}
