/**
 * The 3-way decision for one path of an update, as a pure function: `base` is the old template
 * version rendered with the recorded answers, `ours` what the project holds now, `theirs` the new
 * version rendered with the new answers. The rule that matters: a project edit is never lost.
 */
import { createHash } from 'node:crypto';

export interface Side {
  data: Buffer;
  mode: string;
  /** The git blob id of `data`, when known without reading it (a file read from a git tree). */
  oid?: string;
}

export type Decision =
  /** Leave the project's file as it is. */
  | { kind: 'keep'; reason: 'template-unchanged' | 'already-current' | 'deleted-in-project' | 'skip-if-exists' }
  /** Write the new template file (the project had not touched it, or did not have it). */
  | { kind: 'take'; action: 'create' | 'update' }
  /** The template removed a file the project never changed. */
  | { kind: 'delete' }
  /** Both sides changed the file: merge their changes. */
  | { kind: 'merge'; base: Side | undefined }
  /** The template removed a file the project changed: keep the project's, report a conflict. */
  | { kind: 'conflict-removed-upstream' }
  /** Both changed it and a side is a symlink: links are not text, so keep the project's and report it. */
  | { kind: 'conflict-symlink' };

const SYMLINK = '120000';

export function same(a: Side | undefined, b: Side | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.mode !== b.mode) return false;
  // A side from git is compared by blob id, so its bytes need not be read.
  if (a.oid !== undefined || b.oid !== undefined) return blobId(a) === blobId(b);
  return a.data.equals(b.data);
}

const ids = new WeakMap<Buffer, string>();

/** git's id for a blob: SHA-1 of `blob <size>\0<bytes>`. */
export function blobId(side: Side): string {
  if (side.oid !== undefined) return side.oid;
  let id = ids.get(side.data);
  if (!id) {
    id = createHash('sha1').update(`blob ${side.data.length}\0`).update(side.data).digest('hex');
    ids.set(side.data, id);
  }
  return id;
}

export function decide(base: Side | undefined, ours: Side | undefined, theirs: Side | undefined, skipIfExists: boolean): Decision {
  if (ours && skipIfExists) return { kind: 'keep', reason: 'skip-if-exists' };
  if (same(base, theirs)) return { kind: 'keep', reason: 'template-unchanged' };
  if (same(ours, theirs)) return { kind: 'keep', reason: 'already-current' };
  if (same(base, ours)) return theirs ? { kind: 'take', action: ours ? 'update' : 'create' } : { kind: 'delete' };
  // From here the project changed the file (or added it) and so did the template.
  if (!ours) {
    // Copier does not bring back a file the project deleted on purpose, unless it is in _skip_if_exists.
    return skipIfExists && theirs ? { kind: 'take', action: 'create' } : { kind: 'keep', reason: 'deleted-in-project' };
  }
  if (!theirs) return { kind: 'conflict-removed-upstream' };
  if ([base, ours, theirs].some((side) => side?.mode === SYMLINK)) return { kind: 'conflict-symlink' };
  return { kind: 'merge', base };
}
