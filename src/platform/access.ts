/**
 * Who may do what, from the platform config: admins may do everything; anyone else acts only for
 * the teams they are a member of (create their components, change their namespaces).
 */
import type { PlatformConfig } from '../config/index.js';
import { InputError, PermissionError } from '../errors.js';

export function isAdmin(config: PlatformConfig, login: string): boolean {
  return config.users.some((u) => u.login === login && u.admin);
}

/** Throws unless the team exists and `login` may act for it. */
export function assertMayActForTeam(config: PlatformConfig, login: string, team: string, action: string): void {
  const found = config.teams.find((t) => t.name === team);
  if (!found) throw new InputError(`team '${team}' is not in paved.yaml; use one of: ${config.teams.map((t) => t.name).join(', ')}`, { field: 'team', team });
  if (isAdmin(config, login) || found.members.includes(login)) return;
  throw new PermissionError(`${login} may not ${action} for team '${team}': only its members (${found.members.join(', ') || 'none'}) and platform admins may; ask a member or an admin`, { team, login });
}
