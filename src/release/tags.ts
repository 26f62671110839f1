/** The repository's tags and the commits they point at (annotated tags peeled), from one `git for-each-ref`. */
import { gitRaw } from '../git/git.js';

export async function readTags(dir: string): Promise<Map<string, string>> {
  const { stdout } = await gitRaw(['for-each-ref', '--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)', 'refs/tags'], { cwd: dir });
  const tags = new Map<string, string>();
  for (const line of stdout.toString('utf8').split('\n')) {
    if (!line) continue;
    const [name = '', object = '', peeled = ''] = line.split('\0');
    tags.set(name, peeled || object);
  }
  return tags;
}
