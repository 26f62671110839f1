/**
 * Files of the commit being released, read from git rather than the work tree: release-please
 * reads the branch, and a plan must not change with uncommitted edits. One `git cat-file --batch`
 * serves every read; the tree listing is read once, only when a strategy searches for files.
 */
import { gitRaw } from '../git/git.js';
import { ObjectReader } from '../git/object-reader.js';

export class CommitFiles {
  private readonly reader: ObjectReader;
  private listing: Promise<string[]> | undefined;
  private readonly cache = new Map<string, Promise<string | undefined>>();
  private closed = false;

  constructor(
    readonly dir: string,
    /** The commit (a sha) whose files are read. */
    readonly commit: string,
  ) {
    this.reader = new ObjectReader(dir);
  }

  /** A file's text, or undefined when the commit has no such file. */
  read(path: string): Promise<string | undefined> {
    let pending = this.cache.get(path);
    if (!pending) {
      pending = this.reader.read(`${this.commit}:${path}`).then((object) => (object && object.type === 'blob' ? object.data.toString('utf8') : undefined));
      this.cache.set(path, pending);
    }
    return pending;
  }

  /** Every file path in the commit. */
  list(): Promise<string[]> {
    this.listing ??= gitRaw(['ls-tree', '-r', '-z', '--name-only', this.commit], { cwd: this.dir }).then((r) => r.stdout.toString('utf8').split('\0').filter(Boolean));
    return this.listing;
  }

  /** Ends the reader; idempotent, so the plan and a prefetch that handed the files over may both call it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.reader.close();
  }
}

/** A glob (`*`, `**`, `?`) as a whole-path pattern, as release-please's minimatch reads the common cases. */
export function globPattern(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
