/**
 * release-please's own strategies (node, helm, terraform-module, simple, go, python, …) built
 * over the local commit's files, with the changelog renderer swapped for the fast port: versions,
 * tags, pull request titles, bodies, branches and file updaters stay release-please's.
 */
import type { ChangelogNotes } from 'release-please/build/src/changelog-notes.js';
import { buildStrategy, getReleaserTypes } from 'release-please/build/src/factory.js';
import type { GitHub } from 'release-please/build/src/github.js';
import type { ReleaserConfig } from 'release-please/build/src/manifest.js';
import type { Strategy } from 'release-please/build/src/strategy.js';
import { InputError } from '../errors.js';
import { CONFIG_FILE } from './config-files.js';
import { silentLogger } from './silent-logger.js';

/** Replaces a strategy's changelog renderer (release-please's factory offers no way to pass one in). */
export function useNotes(strategy: Strategy, notes: ChangelogNotes): Strategy {
  (strategy as { changelogNotes: ChangelogNotes }).changelogNotes = notes;
  return strategy;
}

export async function buildStrategies(packages: Record<string, ReleaserConfig>, scm: GitHub, targetBranch: string, notes: ChangelogNotes): Promise<Record<string, Strategy>> {
  const known = getReleaserTypes();
  const strategies: Record<string, Strategy> = {};
  for (const [path, config] of Object.entries(packages)) {
    if (!known.includes(config.releaseType)) {
      throw new InputError(`${CONFIG_FILE}: packages[${JSON.stringify(path)}].release-type '${config.releaseType}' is not a release type; use one of: ${known.join(', ')}`, { path, key: 'release-type' });
    }
    if (config.changelogType === 'github') {
      throw new InputError(`${CONFIG_FILE}: packages[${JSON.stringify(path)}] uses changelog-type 'github', which asks GitHub to write the notes; a local plan cannot: use 'default'`, { path, key: 'changelog-type' });
    }
    const strategy = await buildStrategy({ ...config, github: scm, path, targetBranch, logger: silentLogger } as Parameters<typeof buildStrategy>[0]);
    strategies[path] = useNotes(strategy, notes);
  }
  return strategies;
}
