/**
 * The forge a repository-level command works on (`paved template sync`, `paved release pr | tag`):
 * the workspace's, as paved.yaml names it (the local forge, or GitHub with the token in
 * `forge.tokenEnv`); or, where there is no workspace at all, as in the GitHub Actions job of the
 * shipped workflows, GitHub itself from the job's environment: GITHUB_TOKEN, GITHUB_API_URL and
 * GITHUB_SERVER_URL (GitHub Enterprise Server sets the last two), GITHUB_REPOSITORY.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadWorkspace, type Workspace } from '../config/index.js';
import { AuthenticationError, InputError, NotFoundError } from '../errors.js';
import type { FleetContext } from '../fleet/run.js';
import { basicAuth } from '../forge/push.js';
import type { GitRemote, RepoRef, Repository } from '../forge/types.js';
import { gitConfigEnv } from '../git/config-env.js';
import { cloneOrigin, ownerAndName, splitRemoteAddress } from '../git/remote-address.js';
import type { ReleaseContext } from '../release/clone.js';
import { platformFleetContext } from './fleet.js';
import { GITOPS_REPOSITORY } from './gitops.js';
import { openPlatform } from './platform.js';
import { releaseContext, releaseRepository } from './releases.js';
import { parseRepoFlag } from './repo-flag.js';

export interface RepoForge {
  /** The repository named by `--repo`, else by the origin of the clone holding `dir` (else, on GitHub Actions, GITHUB_REPOSITORY). */
  repository(where: { repo?: string; dir: string }): Promise<Repository>;
  release: ReleaseContext;
  /** The organisation a fleet-wide run covers: paved.yaml's, or on GitHub Actions the repository's owner. */
  organisation: string | undefined;
  fleet(owner: string): FleetContext;
  close(): Promise<void>;
}

export interface RepoForgeOptions {
  /** `--workspace`. */
  workspace?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export async function openRepoForge(options: RepoForgeOptions = {}): Promise<RepoForge> {
  const env = options.env ?? process.env;
  let workspace: Workspace | undefined;
  try {
    workspace = loadWorkspace(options.workspace, options.cwd);
  } catch (error) {
    // No paved.yaml anywhere: fine on GitHub, where the job's token says where to work.
    if (!(error instanceof NotFoundError) || options.workspace || env.PAVED_HOME) throw error;
    if (!env.GITHUB_TOKEN) {
      throw new NotFoundError(`${error.message}; or, to work on GitHub without a workspace (as the shipped workflows do), set GITHUB_TOKEN`, error.details);
    }
  }
  if (workspace?.config.forge.kind === 'local') return localRepoForge(workspace);
  const forgeConfig = workspace?.config.forge.kind === 'github' ? workspace.config.forge : undefined;
  const tokenEnv = forgeConfig?.tokenEnv ?? 'GITHUB_TOKEN';
  const token = env[tokenEnv];
  if (!token) throw new AuthenticationError(`${tokenEnv} is not set: this command needs a GitHub token that may push branches and open pull requests; export it, or name another variable in forge.tokenEnv`, { env: tokenEnv });
  const { createGitHubForge } = await import('../forge/github/index.js');
  const { resolveUrls } = await import('../forge/github/client.js');
  const { baseUrl, webUrl } = resolveUrls({ baseUrl: forgeConfig?.url ?? env.GITHUB_API_URL, webUrl: forgeConfig ? undefined : env.GITHUB_SERVER_URL });
  // A job's GITHUB_TOKEN belongs to no user (GitHub refuses to say whose it is): name it as GitHub does.
  const actor = !forgeConfig && env.GITHUB_ACTIONS === 'true' ? 'github-actions[bot]' : undefined;
  const forge = await createGitHubForge({ token, baseUrl, webUrl, actor });
  const cloneFrom = (repo: RepoRef): GitRemote => forge.gitRemote(repo);
  withTemplateCredentials(env, webUrl, basicAuth('x-access-token', token));
  return {
    repository: async (where) => {
      const ref = where.repo ? parseRepoFlag(where.repo) : ((await repoOfOrigin(where.dir, webUrl)) ?? repoOfActions(env, where.dir));
      const repo = await forge.getRepository(ref);
      if (!repo) throw new NotFoundError(`no repository ${ref.owner}/${ref.name} on ${webUrl}, or the token cannot see it; check the name and the token's access`, { repo: `${ref.owner}/${ref.name}` });
      return repo;
    },
    release: { forge, cloneFrom },
    organisation: workspace?.config.organisation ?? env.GITHUB_REPOSITORY_OWNER,
    fleet: (owner) => ({ forge, owner, skip: [GITOPS_REPOSITORY], cloneFrom, sourceFor: (src) => src }),
    close: async () => undefined,
  };
}

/** Opens the forge, runs `use` on it and closes it, whatever happens. */
export async function withRepoForge<T>(workspace: string | undefined, use: (target: RepoForge) => Promise<T>): Promise<T> {
  const target = await openRepoForge({ workspace });
  try {
    return await use(target);
  } finally {
    await target.close();
  }
}

async function localRepoForge(workspace: Workspace): Promise<RepoForge> {
  const platform = await openPlatform(workspace.dir);
  return {
    repository: (where) => releaseRepository(platform, where),
    release: releaseContext(platform),
    organisation: workspace.config.organisation,
    fleet: () => platformFleetContext(platform),
    close: () => platform.close(),
  };
}

/** `owner/name` from the origin of the clone holding `dir`, when it is on `webUrl`'s host. */
async function repoOfOrigin(dir: string, webUrl: string): Promise<{ owner: string; name: string } | undefined> {
  if (!existsSync(dir)) throw new InputError(`${dir} does not exist; run in a clone of the repository, or pass --repo OWNER/NAME`, { dir });
  const url = (await cloneOrigin(path.resolve(dir)))?.url;
  if (!url) return undefined;
  const { host, segments } = splitRemoteAddress(url);
  // SSH may listen on another port than the web: the host name is what must match.
  const hostName = (h: string) => h.replace(/:\d+$/, '');
  if (!host || hostName(host) !== hostName(new URL(webUrl).host)) return undefined;
  // On GitHub Enterprise Server under a path, the web root's path comes before owner/name.
  return ownerAndName(segments);
}

function repoOfActions(env: NodeJS.ProcessEnv, dir: string): { owner: string; name: string } {
  if (env.GITHUB_REPOSITORY) return parseRepoFlag(env.GITHUB_REPOSITORY);
  throw new InputError(`cannot tell which repository ${dir} is: its origin is not on GitHub and GITHUB_REPOSITORY is not set; pass --repo OWNER/NAME`, { dir });
}

/**
 * Templates usually live in private repositories of the same organisation: git fetching them
 * from the forge's host sends the forge's credentials, and no other host ever sees them
 * (`http.<url>.extraHeader` applies to that URL only). Set for this process's git commands.
 */
function withTemplateCredentials(env: NodeJS.ProcessEnv, webUrl: string, authorization: string): void {
  // gitConfigEnv adds nothing the second time: once per process, however many forges it opens.
  Object.assign(env, gitConfigEnv(`http.${webUrl.replace(/\/*$/, '/')}.extraHeader`, `Authorization: ${authorization}`, env));
}
