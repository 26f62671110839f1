/**
 * `paved deploy render | diff`: every component of the organisation that has a deploy.yaml,
 * rendered for every environment and cluster into the GitOps repo (or a folder). A bad spec
 * anywhere stops the whole render before anything is written.
 */
import { renderBootstrap } from '../deploy/argocd.js';
import { assertValid } from '../deploy/k8s.js';
import { fileContent, renderComponents, type ComponentInput } from '../deploy/render.js';
import { parseReleases, releasesPath } from '../deploy/releases.js';
import { parseDeploySpec, type DeploySpec } from '../deploy/spec.js';
import { DEPLOY_ROOTS, type TreeFile } from '../deploy/tree.js';
import { renderTeamNamespaces } from '../namespace/index.js';
import type { PlatformConfig } from '../config/index.js';
import { InputError } from '../errors.js';
import { OBSERVABILITY_FILE, parseObservabilityFile, renderObservabilityFiles, resolveThresholds } from '../observability/index.js';
import type { FileContent } from '../forge/types.js';
import { latestVersionTag } from '../template/version.js';
import { GITOPS_REPOSITORY, gitopsRepository, publishTree, type PublishReport } from './gitops.js';
import type { Platform } from './platform.js';

export const DEPLOY_SPEC_FILE = 'deploy.yaml';

/** The components to deploy: each repository of the organisation with a deploy.yaml on its default branch. */
export async function collectComponents(platform: Platform, only?: string[]): Promise<ComponentInput[]> {
  const { forge } = platform;
  const owner = platform.workspace.config.organisation;
  const gitops = { owner, name: GITOPS_REPOSITORY };
  const inputs: ComponentInput[] = [];
  for (const repo of await forge.listRepositories(owner)) {
    if (repo.name === GITOPS_REPOSITORY || (only && !only.includes(repo.name))) continue;
    const file = await forge.readFile(repo, DEPLOY_SPEC_FILE);
    if (!file) continue;
    const shown = `${repo.fullName}:${DEPLOY_SPEC_FILE}`;
    const spec = withObservabilityFile(parseDeploySpec(file.data.toString('utf8'), shown), await forge.readFile(repo, OBSERVABILITY_FILE), `${repo.fullName}:${OBSERVABILITY_FILE}`, platform.workspace.config);
    const latest = latestVersionTag((await forge.listTags(repo)).map((t) => t.name));
    const head = (await forge.getBranch(repo, repo.defaultBranch))?.commit;
    const version = latest ? latest.replace(/^v/, '') : head ? head.slice(0, 12) : 'latest';
    const component = spec.component ?? repo.name;
    const pinned = await forge.readFile(gitops, releasesPath(component));
    const versions = pinned ? parseReleases(pinned.data.toString('utf8'), `${owner}/${GITOPS_REPOSITORY}:${releasesPath(component)}`).versions : undefined;
    inputs.push({ spec, component: repo.name, version, ...(versions ? { versions } : {}), file: shown });
  }
  return inputs;
}

/** Folds the component's observability.yaml in: at the same level (defaults, or one environment) deploy.yaml's own `observability:` keys win; an environment's value beats a default from either file. */
function withObservabilityFile(spec: DeploySpec, file: FileContent | undefined, shown: string, config: PlatformConfig): DeploySpec {
  if (!file) return spec;
  const parsed = parseObservabilityFile(file.data.toString('utf8'), shown);
  for (const name of Object.keys(parsed.environments)) {
    if (!config.environments.some((e) => e.name === name)) throw new InputError(`${shown}: environments.${name}: not an environment in paved.yaml; use one of: ${config.environments.map((e) => e.name).join(', ')}`, { file: shown, key: `environments.${name}` });
  }
  const environments = { ...spec.environments };
  for (const [name, overrides] of Object.entries(parsed.environments)) environments[name] = { ...environments[name], observability: { ...overrides, ...environments[name]?.observability } };
  return { ...spec, observability: { ...parsed.defaults, ...spec.observability }, environments };
}

export interface DeployRenderOptions {
  out?: string;
  environments?: string[];
  dryRun?: boolean;
}

export interface DeployRenderReport extends PublishReport {
  components: string[];
}

/** Dashboards and alerts per component and environment, when paved.yaml names a NewRelic account. */
function observabilityFiles(config: PlatformConfig, inputs: ComponentInput[], only?: string[]) {
  const account = config.observability.newrelic?.accountId;
  if (!account) return [];
  const files = [];
  for (const input of inputs) {
    const component = input.spec.component ?? input.component!;
    for (const environment of config.environments) {
      if (only && !only.includes(environment.name)) continue;
      const over = input.spec.environments?.[environment.name]?.observability;
      const thresholds = resolveThresholds({
        environment: environment.observability,
        component: { ...input.spec.observability, ...over },
        sources: { environment: { file: 'paved.yaml', path: `environments.${environment.name}.observability` }, component: { file: input.file ?? 'deploy.yaml', path: 'observability' } },
      });
      files.push(...renderObservabilityFiles({ component, team: input.spec.team, environment: environment.name, namespace: input.spec.team, deployment: component, accountId: account, thresholds }));
    }
  }
  return files;
}

/** The namespace bundles and AppProjects of these teams, once per path. */
export function teamNamespaceFiles(config: PlatformConfig, teams: string[], gitopsRepoUrl: string, environments?: string[]): TreeFile[] {
  const files = new Map<string, TreeFile>();
  for (const team of [...new Set(teams)].sort()) {
    for (const environment of environments ?? [undefined]) {
      for (const file of renderTeamNamespaces(config, { team, environment, gitopsRepoUrl }).files) files.set(file.path, { path: file.path, content: fileContent(file) });
    }
  }
  return [...files.values()];
}

/**
 * The GitOps files of these components (manifests, ArgoCD objects, dashboards and alerts), their
 * teams' namespaces and AppProjects (a component cannot run without them), and the clusters' bootstrap.
 */
export async function gitopsFiles(platform: Platform, inputs: ComponentInput[], environments?: string[]): Promise<TreeFile[]> {
  const { config } = platform.workspace;
  const repo = await gitopsRepository(platform);
  const files = teamNamespaceFiles(config, inputs.map((i) => i.spec.team), repo.cloneUrl, environments);
  files.push(...renderComponents(config, inputs, { gitopsRepoUrl: repo.cloneUrl, environments }).map((f) => ({ path: f.path, content: fileContent(f) })));
  files.push(...observabilityFiles(config, inputs, environments));
  const bootstrap = renderBootstrap(config.clusters, config.teams.map((t) => t.name), repo.cloneUrl);
  assertValid(bootstrap, 'argocd/bootstrap');
  files.push({ path: 'argocd/bootstrap/applications.yaml', content: fileContent({ path: 'argocd/bootstrap/applications.yaml', objects: bootstrap }) });
  return files;
}

export async function renderGitOps(platform: Platform, options: DeployRenderOptions): Promise<DeployRenderReport> {
  const { config } = platform.workspace;
  for (const env of options.environments ?? []) {
    if (!config.environments.some((e) => e.name === env)) throw new InputError(`--env ${env}: not an environment in paved.yaml; use one of: ${config.environments.map((e) => e.name).join(', ')}`, { env });
  }
  if (config.clusters.length === 0) throw new InputError(`${platform.workspace.configFile}: clusters: none defined, so there is nowhere to deploy; add clusters (see docs/gitops.md)`, { key: 'clusters' });
  const inputs = await collectComponents(platform);
  const files = await gitopsFiles(platform, inputs, options.environments);
  const components = inputs.map((i) => i.spec.component ?? i.component ?? '?');
  // With --env, only that environment's clusters are pruned.
  const prune = options.environments
    ? [...config.clusters.filter((c) => options.environments!.includes(c.environment)).flatMap((c) => [`clusters/${c.name}/apps`, `argocd/applications/${c.name}`])]
    : DEPLOY_ROOTS;
  const report = await publishTree(platform, files, { out: options.out, dryRun: options.dryRun, prune, subject: `chore(deploy): render ${components.length} component(s)`, rerun: 'paved deploy render' });
  return { components, ...report };
}
