/**
 * Which repository a clone came from: its origin remote's address, split the way git reads one.
 * A URL (`https://host:8443/acme/shop.git`, `ssh://git@host/acme/shop`), an scp-like address
 * (`git@host:acme/shop.git`: no slash before the first colon), or else a local folder.
 */
import { fileURLToPath } from 'node:url';
import { git } from './git.js';
import { workTreeRoot } from './repo.js';

export interface RemoteAddress {
  /** `https:`, `ssh:`, …; undefined for an scp-like address or a folder. */
  protocol?: string;
  /** Lower-case host with its port, if written (a URL's default port is dropped); undefined for a folder. */
  host?: string;
  /** The path's non-empty segments as written (`.git` suffix kept); for a folder, relative or absolute. */
  segments: string[];
  /** The folder itself (a relative one as written), for an address that is not on a host. */
  folder?: string;
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;
// The host may be an IPv6 address in brackets: git@[::1]:acme/shop.git.
const SCP_LIKE = /^(?:[^@/]+@)?(\[[^\]/]+\]|[^:/[]+):(.*)$/;

const segmentsOf = (p: string) => p.split('/').filter(Boolean);

export function splitRemoteAddress(address: string): RemoteAddress {
  if (URL_LIKE.test(address)) {
    try {
      const url = new URL(address);
      if (url.protocol !== 'file:') return url.host ? { protocol: url.protocol, host: url.host.toLowerCase(), segments: segmentsOf(url.pathname) } : { segments: [] };
      const folder = fileURLToPath(url);
      return { segments: segmentsOf(folder), folder };
    } catch {
      // Not a URL git could fetch from (a file URL on another host, a broken port): it names nothing.
      return { segments: [] };
    }
  }
  const scp = SCP_LIKE.exec(address);
  if (scp) return { host: scp[1]!.toLowerCase(), segments: segmentsOf(scp[2]!) };
  return { segments: segmentsOf(address), folder: address };
}

/** `owner/name` from the last two segments of an address's path, without a `.git` suffix. */
export function ownerAndName(segments: string[]): { owner: string; name: string } | undefined {
  const [owner, name] = segments.slice(-2);
  if (segments.length < 2 || !owner || !name) return undefined;
  return { owner, name: name.replace(/\.git$/, '') };
}

export interface CloneOrigin {
  /** The top of the clone's work tree. */
  root: string;
  /** `remote.origin.url`; undefined when the clone has no origin. */
  url?: string;
}

/** `remote.origin.url` of the repository at `root`; '' when it has no origin. */
export function originUrl(root: string): Promise<string> {
  return git(['config', '--get', 'remote.origin.url'], { cwd: root, okCodes: [1] });
}

/** The origin of the clone holding `dir`; undefined when `dir` is not inside a git work tree. */
export async function cloneOrigin(dir: string): Promise<CloneOrigin | undefined> {
  const root = await workTreeRoot(dir);
  if (!root) return undefined;
  const url = await originUrl(root);
  return url ? { root, url } : { root };
}
