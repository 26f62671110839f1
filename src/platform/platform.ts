/**
 * A platform workspace opened for work: its config, its store and its forge. The CLI and the
 * server both start here, and may do so at the same time on one workspace.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadWorkspace, type Workspace } from '../config/index.js';
import { InputError } from '../errors.js';
import { LocalForge } from '../forge/local/forge.js';
import { openSqliteStore, type Store } from '../store/index.js';
import { readServerRecord } from './server-record.js';

export interface Platform {
  workspace: Workspace;
  store: Store;
  /** The local forge acting as the workspace's first admin (the CLI's identity on one machine). */
  forge: LocalForge;
  close(): Promise<void>;
}

export function dataPaths(dataDir: string) {
  return {
    store: path.join(dataDir, 'paved.db'),
    repos: path.join(dataDir, 'repos'),
    secrets: path.join(dataDir, 'secrets'),
  };
}

export function tokenFile(dataDir: string, login: string): string {
  return path.join(dataPaths(dataDir).secrets, `${login}.token`);
}

/** The admin the CLI acts as: $PAVED_USER, else the first admin in paved.yaml. */
export function cliActor(workspace: Workspace): string {
  const chosen = process.env.PAVED_USER;
  const admins = workspace.config.users.filter((u) => u.admin);
  if (chosen) {
    if (!workspace.config.users.some((u) => u.login === chosen)) throw new InputError(`PAVED_USER=${chosen} is not a user in ${workspace.configFile}`, { login: chosen });
    return chosen;
  }
  if (admins.length === 0) throw new InputError(`${workspace.configFile}: users: no user has admin: true; the CLI acts as the first admin`, { key: 'users' });
  return admins[0]!.login;
}

export async function openPlatform(workspaceDir: string | undefined): Promise<Platform> {
  const workspace = loadWorkspace(workspaceDir);
  if (workspace.config.forge.kind !== 'local') {
    throw new InputError(`${workspace.configFile}: forge.kind: '${workspace.config.forge.kind}' is not served by this command yet; it works with the local forge`, { key: 'forge.kind' });
  }
  const paths = dataPaths(workspace.dataDir);
  if (!existsSync(paths.store)) throw new InputError(`${workspace.dir} has no platform data yet (${paths.store}); run 'paved init ${workspace.dir}'`, {});
  const store = await openSqliteStore(paths.store);
  const actor = cliActor(workspace);
  const file = tokenFile(workspace.dataDir, actor);
  const token = existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  // A running `paved start` may listen elsewhere than paved.yaml says (--port): links name where it is.
  const baseUrl = readServerRecord(workspace.dataDir)?.url ?? workspace.config.forge.url;
  const forge = new LocalForge({ store, reposDir: paths.repos, baseUrl, actor, token });
  return { workspace, store, forge, close: () => store.close() };
}
