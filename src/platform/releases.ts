/**
 * Releases on the platform's forge: which repository `paved release pr | tag` work on (`--repo
 * OWNER/NAME`, or the clone in `--dir` whose origin is on this forge), and the automation that
 * runs them while `paved start` runs: a push to a default branch refreshes the release pull
 * requests of a repository with a release-please-config.json; a merged release pull request is
 * tagged. The local forge's bare repositories are cloned directly, with or without a server.
 */
import path from 'node:path';
import { InputError, NotFoundError } from '../errors.js';
import { repoRefOf, type ForgeEvent, type Repository } from '../forge/types.js';
import { cloneOrigin, ownerAndName, splitRemoteAddress } from '../git/remote-address.js';
import type { ReleaseContext } from '../release/clone.js';
import { CONFIG_FILE } from '../release/config-files.js';
import { hasAll, releaseLabels } from '../release/labels.js';
import type { ReleasePrOptions } from '../release/pull-requests.js';
import type { ReleasePrReport, ReleaseTagReport } from '../release/types.js';
import type { Platform } from './platform.js';
import { parseRepoFlag } from './repo-flag.js';

export function releaseContext(platform: Platform): ReleaseContext {
  return { forge: platform.forge, cloneFrom: (repo) => ({ url: platform.forge.repoDir(repo), env: {} }) };
}

/** The repository named by `--repo`, else by the origin remote of the clone holding `dir`. */
export async function releaseRepository(platform: Platform, where: { repo?: string; dir: string }): Promise<Repository> {
  const { forge } = platform;
  const ref = where.repo ? parseRepoFlag(where.repo) : await repoOfClone(platform, where.dir);
  const repo = await forge.getRepository(ref);
  if (!repo) throw new NotFoundError(`no repository ${ref.owner}/${ref.name} on the workspace's forge; check the name (paved catalog list) or push it first`, { repo: `${ref.owner}/${ref.name}` });
  return repo;
}

async function repoOfClone(platform: Platform, dir: string): Promise<{ owner: string; name: string }> {
  const origin = await cloneOrigin(dir);
  const fix = 'pass --repo OWNER/NAME, or run in a clone of a repository on this forge';
  if (!origin) throw new InputError(`${dir} is not inside a git repository; ${fix}`, { dir });
  const { root, url } = origin;
  if (!url) throw new InputError(`${root} has no origin remote; ${fix}`, { dir: root });
  const { forge } = platform;
  const served = forge.gitRemote({ owner: platform.workspace.config.organisation, name: 'x' }).url;
  const origins = new Set([platform.workspace.config.forge.url, served].map((u) => new URL(u).origin));
  const address = splitRemoteAddress(url);
  let ref: { owner: string; name: string } | undefined;
  if (address.folder !== undefined) {
    // The bare repository's folder, as a clone made beside the platform has it.
    const folder = path.resolve(root, address.folder);
    const named = ownerAndName(folder.split(path.sep));
    if (named && forge.repoDir(named) === folder) ref = named;
  } else if (origins.has(`${address.protocol}//${address.host}`) && address.segments.length === 2) {
    ref = ownerAndName(address.segments);
  }
  if (!ref) throw new InputError(`the origin remote of ${root} (${url}) is not a repository on this workspace's forge (${[...origins].join(', ')}); ${fix}`, { dir: root, origin: url });
  return ref;
}

/**
 * Loads the release engines now instead of at the first release. The server calls it once it is
 * listening: a server that runs for weeks must not depend on finding the CLI bundle's chunks on
 * disk later, since a rebuild drops chunks a week old (bin/paved).
 */
export async function preloadReleaseEngines(): Promise<void> {
  await Promise.all([import('../release/pull-requests.js'), import('../release/tag.js'), import('../release/config.js')]);
}

// The engines load release-please (hundreds of modules): only when a release runs, not before the server listens.
export async function platformReleasePr(platform: Platform, repo: Repository, options: ReleasePrOptions = {}): Promise<ReleasePrReport> {
  const { releasePullRequests } = await import('../release/pull-requests.js');
  return releasePullRequests(releaseContext(platform), repo, options);
}

export async function platformReleaseTag(platform: Platform, repo: Repository): Promise<ReleaseTagReport> {
  const { tagReleases } = await import('../release/tag.js');
  return tagReleases(releaseContext(platform), repo);
}

export type AutomationOutcome = { repo: string; event: ForgeEvent['type'] } & ({ command: 'pr'; report: ReleasePrReport } | { command: 'tag'; report: ReleaseTagReport } | { command: 'pr' | 'tag'; error: Error });

/** A failure is one line on stderr, naming the repository and the fix; the automation goes on. */
function reportToStderr(outcome: AutomationOutcome): void {
  if ('error' in outcome) process.stderr.write(`paved: release ${outcome.command} for ${outcome.repo} failed: ${outcome.error.message}\n`);
}

/**
 * Follows the organisation's events until the signal aborts. Tagging before refreshing matters:
 * a merge of a release pull request records its merge event before the push to the default
 * branch, so the release pull request that push rebuilds starts from the new tags.
 */
export async function followReleases(platform: Platform, signal: AbortSignal, onOutcome: (outcome: AutomationOutcome) => void = reportToStderr): Promise<void> {
  const owner = platform.workspace.config.organisation;
  const since = await platform.forge.eventCursor(owner);
  try {
    for await (const event of platform.forge.events(owner, { since, signal })) {
      // A config that cannot be read is a failure to report, not a reason to go quiet.
      const command = await commandFor(platform, event).catch((error: unknown) => {
        if ('repo' in event) onOutcome({ repo: event.repo, event: event.type, command: event.type === 'push' ? 'pr' : 'tag', error: error instanceof Error ? error : new Error(String(error)) });
        return undefined;
      });
      if (!command) continue;
      const { repo, run } = command;
      try {
        const outcome = run === 'tag' ? { command: run, report: await platformReleaseTag(platform, repo) } : { command: run, report: await platformReleasePr(platform, repo) };
        onOutcome({ repo: repo.fullName, event: event.type, ...outcome });
      } catch (error) {
        onOutcome({ repo: repo.fullName, event: event.type, command: run, error: error instanceof Error ? error : new Error(String(error)) });
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}

/** Which command an event calls for, if any: only repositories with a release config on their default branch take part. */
async function commandFor(platform: Platform, event: ForgeEvent): Promise<{ repo: Repository; run: 'pr' | 'tag' } | undefined> {
  if (event.type !== 'push' && event.type !== 'pull_request.merged') return undefined;
  const repo = await platform.forge.getRepository(repoRefOf(event.repo));
  if (!repo) return undefined;
  if (event.type === 'push' && (event.ref !== `refs/heads/${repo.defaultBranch}` || !event.after)) return undefined;
  if (event.type === 'pull_request.merged' && event.base !== repo.defaultBranch) return undefined;
  const config = await platform.forge.readFile(repo, CONFIG_FILE);
  if (!config) return undefined;
  const { parseReleaseConfig } = await import('../release/config.js');
  if (event.type === 'push') return { repo, run: 'pr' };
  const pr = await platform.forge.getPullRequest(repo, event.number);
  const { pending } = releaseLabels(parseReleaseConfig(config.data.toString('utf8'), undefined).options);
  return pr && hasAll(pr.labels, pending) ? { repo, run: 'tag' } : undefined;
}
