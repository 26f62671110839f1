import { TemplateError } from '../errors.js';

/**
 * Normalises a rendered relative path and refuses anything that could leave the destination.
 * Returns undefined when a segment rendered empty: Copier then drops the file or folder.
 */
export function safeRelativePath(rendered: string, origin: string): string | undefined {
  if (rendered.includes('\0')) throw escapeError(rendered, origin, 'contains a NUL byte');
  if (rendered.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(rendered) || rendered.startsWith('\\')) {
    throw escapeError(rendered, origin, 'is absolute');
  }
  if (rendered.includes('\\')) throw escapeError(rendered, origin, 'contains a backslash');
  const segments = rendered.split('/');
  if (segments.some((segment) => segment === '')) return undefined;
  if (segments.some((segment) => segment === '..')) throw escapeError(rendered, origin, "contains '..'");
  // A template that writes into .git could plant hooks or config that git then runs: never, whatever _exclude says.
  if (segments.some(isGitDir)) throw escapeError(rendered, origin, "goes into a '.git' folder");
  const kept = segments.filter((segment) => segment !== '.');
  return kept.length === 0 ? undefined : kept.join('/');
}

/** `.git` and the names file systems treat as it (`.GIT`, `.git.`, `.git `, `git~1`). */
function isGitDir(segment: string): boolean {
  const name = segment.toLowerCase().replace(/[. ]+$/, '');
  return name === '.git' || name === 'git~1';
}

function escapeError(rendered: string, origin: string, why: string): TemplateError {
  return new TemplateError(
    `refusing to write '${rendered}' (rendered from template path '${origin}'): the path ${why} and would leave the destination; ` +
      'check the answers used in file and folder names',
    { path: rendered, origin },
  );
}

/** Resolves a symlink target relative to the link's folder; undefined when it points outside the root. */
export function resolveInside(linkPath: string, target: string): string | undefined {
  if (target.startsWith('/')) return undefined;
  const parts = linkPath.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.join('/');
}

const MAX_HOPS = 32;

/**
 * Resolves a path inside a tree that has symlinks of its own (`links`: path → target), following
 * them as the file system would; undefined when it leaves the root or loops. A textual check alone
 * is fooled by `a -> ..` followed by `x -> a/..`.
 */
export function resolveThroughLinks(start: string, links: ReadonlyMap<string, string>): string | undefined {
  let pending = start.split('/');
  const resolved: string[] = [];
  for (let hops = 0; pending.length > 0; ) {
    const segment = pending.shift()!;
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (resolved.length === 0) return undefined;
      resolved.pop();
      continue;
    }
    resolved.push(segment);
    const target = links.get(resolved.join('/'));
    if (target === undefined) continue;
    if (++hops > MAX_HOPS || target.startsWith('/')) return undefined;
    resolved.pop();
    pending = [...target.split('/'), ...pending];
  }
  return resolved.join('/');
}
