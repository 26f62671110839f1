import { existsSync } from 'node:fs';
import path from 'node:path';

export type SourceKind = 'remote' | 'local';

export interface ParsedSource {
  kind: SourceKind;
  /** What git clones (remote) or the absolute folder (local). */
  location: string;
}

// Copier's URL shortcuts; platform teams keep using them in answers files.
const SHORTCUTS: Record<string, string> = {
  'gh:': 'https://github.com/',
  'gl:': 'https://gitlab.com/',
};

/** Classifies a template source as Copier does: shortcuts and URLs are remote, anything else is a path. */
export function parseSource(src: string, cwd = process.cwd()): ParsedSource {
  for (const [prefix, base] of Object.entries(SHORTCUTS)) {
    if (src.startsWith(prefix)) {
      const rest = src.slice(prefix.length).replace(/\.git$/, '');
      return { kind: 'remote', location: `${base}${rest}.git` };
    }
  }
  if (src.startsWith('git+')) return { kind: 'remote', location: src.slice(4) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(src)) {
    if (src.startsWith('file://')) return { kind: 'local', location: path.resolve(cwd, decodeURIComponent(src.slice(7))) };
    return { kind: 'remote', location: src };
  }
  // scp-like `git@host:owner/repo.git`, unless it is an existing local path with a colon.
  if (/^[\w.-]+@[\w.-]+:/.test(src) && !existsSync(src)) return { kind: 'remote', location: src };
  const expanded = src.startsWith('~/') ? path.join(process.env.HOME ?? '', src.slice(2)) : src;
  return { kind: 'local', location: path.resolve(cwd, expanded) };
}
