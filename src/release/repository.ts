/**
 * Which forge repository a local clone belongs to, from its `origin` remote: the owner, name and
 * web host that release-please writes into changelog links. A clone without a forge remote has
 * none, and its changelog carries short hashes without links.
 */
export interface RepositoryIdentity {
  /** Web root of the forge, e.g. https://github.com or http://127.0.0.1:7420 (the local forge). */
  host: string;
  owner: string;
  repo: string;
}

/** Parses https://host/owner/repo(.git), git@host:owner/repo.git and ssh://user@host/owner/repo.git. */
export function identityFromRemote(url: string | undefined): RepositoryIdentity | undefined {
  if (!url) return undefined;
  const scp = url.match(/^[\w.-]+@([\w.-]+):(?:\/?)([^/]+)\/([^/]+?)(?:\.git)?\/?$/);
  if (scp) return { host: `https://${scp[1]}`, owner: scp[2]!, repo: scp[3]! };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const parts = parsed.pathname.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '').split('/');
  if (parts.length < 2 || !['http:', 'https:', 'ssh:', 'git:'].includes(parsed.protocol)) return undefined;
  const [owner, repo] = parts.slice(-2) as [string, string];
  const web = parsed.protocol === 'http:' || parsed.protocol === 'https:' ? `${parsed.protocol}//${parsed.host}` : `https://${parsed.hostname}`;
  // A forge serving repos under a path prefix (e.g. /git/owner/repo) keeps the prefix in its web root.
  const prefix = parts.slice(0, -2).join('/');
  return { host: prefix ? `${web}/${prefix}` : web, owner, repo };
}
