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
  const kept = segments.filter((segment) => segment !== '.');
  return kept.length === 0 ? undefined : kept.join('/');
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
