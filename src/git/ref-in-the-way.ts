import { ConflictError } from '../errors.js';

/**
 * The error for git refusing a branch because another is in the way: git cannot keep
 * refs/heads/a beside refs/heads/a/b (a ref is a file, and it would also be the others' folder).
 * Undefined when git's output says something else. `prefix` says which operation was refused.
 */
export function refInTheWay(gitOutput: string, prefix: string, details: Record<string, unknown> = {}): ConflictError | undefined {
  const found = /'refs\/heads\/([^']+)' exists; cannot create 'refs\/heads\/([^']+)'/.exec(gitOutput);
  if (!found) return undefined;
  const [, blocking, wanted] = found;
  return new ConflictError(
    `${prefix}branch ${blocking} is in the way of ${wanted} (git cannot keep a branch beside branches named under it, like a beside a/b); delete or rename ${blocking}`,
    { ...details, reason: 'ref-in-the-way', blocking },
  );
}
