/** The release configuration as a commit holds it (release-please reads the branch, never the work tree). */
import { NotFoundError } from '../errors.js';
import { CONFIG_FILE, MANIFEST_FILE } from './config-files.js';
import { parseReleaseConfig, type ReleaseConfig } from './config.js';
import type { CommitFiles } from './files.js';

export async function readConfigAt(files: CommitFiles, where: string): Promise<ReleaseConfig> {
  const [configText, manifestText] = await Promise.all([files.read(CONFIG_FILE), files.read(MANIFEST_FILE)]);
  if (configText === undefined) throw new NotFoundError(`no ${CONFIG_FILE} in the last commit of ${where}; add one (see docs/releases.md) and commit it`, { dir: where });
  return parseReleaseConfig(configText, manifestText);
}
