/**
 * Which forge repository a local clone belongs to, from its `origin` remote: the owner, name and
 * web host that release-please writes into changelog links. A clone without a forge remote has
 * none, and its changelog carries short hashes without links.
 */
import { ownerAndName, splitRemoteAddress } from '../git/remote-address.js';

export interface RepositoryIdentity {
  /** Web root of the forge, e.g. https://github.com or http://127.0.0.1:7420 (the local forge). */
  host: string;
  owner: string;
  repo: string;
}

/**
 * Reads the address as git does (git/remote-address.ts). A URL's http(s) origin is the web root;
 * over SSH or git://, and for an scp-like `git@host:owner/repo.git`, the web is https on the same
 * host name (SSH's port is not the web's).
 */
export function identityFromRemote(url: string | undefined): RepositoryIdentity | undefined {
  if (!url) return undefined;
  const address = splitRemoteAddress(url);
  const named = ownerAndName(address.segments);
  if (!address.host || !named) return undefined; // a folder has no host
  let web: string;
  if (address.protocol === 'http:' || address.protocol === 'https:') web = `${address.protocol}//${address.host}`;
  else if (address.protocol === undefined || address.protocol === 'ssh:' || address.protocol === 'git:') web = `https://${address.host.replace(/:\d+$/, '')}`;
  else return undefined;
  // A forge serving repositories under a path (GitHub Enterprise under /git, a GitLab group) keeps it in its web root.
  const prefix = address.segments.slice(0, -2).join('/');
  return { host: prefix ? `${web}/${prefix}` : web, owner: named.owner, repo: named.name };
}
