/**
 * Matches `!include` globs the way Python's `Path.glob` does: `*`, `?` and `[...]` stay within one
 * path segment, `**` spans directories, and hidden files match. (Node 20.9 has no `path.matchesGlob`.)
 */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      out += last ? '.*' : '(?:[^/]+/)*';
      return;
    }
    out += segmentToRegExp(segment) + (last ? '' : '/');
  });
  return new RegExp(`^${out}$`);
}

function segmentToRegExp(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else out += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return out;
}

/** The files of `paths` that `pattern` matches, sorted so that includes merge in a stable order. */
export function matchGlob(pattern: string, paths: readonly string[]): string[] {
  const re = globToRegExp(pattern);
  return paths.filter((p) => re.test(p)).sort();
}
