/** The repository's tags and the commits they point at (annotated tags peeled), from one `git for-each-ref`. */
import { gitRaw } from '../git/git.js';

/** The `git` arguments that list tags in the shape parseTags reads. */
export const TAG_LIST_ARGS = ['for-each-ref', '--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)', 'refs/tags'];

export async function readTags(dir: string): Promise<Map<string, string>> {
  const { stdout } = await gitRaw(TAG_LIST_ARGS, { cwd: dir });
  return parseTags(stdout.toString('utf8'));
}

/** Parses the output of `git` TAG_LIST_ARGS. */
export function parseTags(out: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const line of out.split('\n')) {
    if (!line) continue;
    const [name = '', object = '', peeled = ''] = line.split('\0');
    tags.set(name, peeled || object);
  }
  return tags;
}
