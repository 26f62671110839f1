import { statSync } from 'node:fs';
import path from 'node:path';

/** A Node file-system error: `ENOENT: no such file or directory, open '/x'` with its facts as fields. */
export interface SystemError extends Error {
  code: string;
  path: string;
  syscall?: string;
  dest?: string;
}

export function isSystemError(error: unknown): error is SystemError {
  if (!(error instanceof Error)) return false;
  const { code, path: file } = error as Partial<SystemError>;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && typeof file === 'string';
}

const REASON: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'not a folder',
  EISDIR: 'is a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'already exists',
  ENOTEMPTY: 'folder not empty',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'name too long',
  EBUSY: 'resource busy',
  EXDEV: 'cannot move across file systems',
};

const HINT: Record<string, string> = {
  ENOENT: 'check that the path exists',
  ENOTDIR: 'a file is in the way where a folder is needed: move it or choose another path',
  EISDIR: 'a folder is in the way where a file is needed: move it or choose another path',
  EACCES: 'check permissions',
  EPERM: 'check permissions',
  EEXIST: 'remove it or choose another path',
  ENOTEMPTY: 'empty or remove the folder, or choose another path',
  ENOSPC: 'free some disk space',
  EDQUOT: 'free some disk space',
  EROFS: 'choose a writable location',
  EMFILE: 'raise the open-files limit (ulimit -n) and try again',
  ENFILE: 'raise the open-files limit (ulimit -n) and try again',
  ELOOP: 'check for a symbolic link that points to itself',
  ENAMETOOLONG: 'choose a shorter path',
  EBUSY: 'close whatever holds it and try again',
};

const VERB: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create folder',
  rmdir: 'remove folder',
  rm: 'remove',
  unlink: 'delete',
  rename: 'rename',
  scandir: 'list folder',
  opendir: 'list folder',
  stat: 'access',
  lstat: 'access',
  access: 'access',
  copyfile: 'copy',
  cp: 'copy',
  symlink: 'create link',
  readlink: 'read link',
  chmod: 'change permissions of',
  utime: 'set times of',
  mkdtemp: 'create temporary folder',
};

/**
 * One line for a file-system error that reached the CLI: `cannot <verb> <path>: <reason>; <hint>`.
 * For ENOTDIR it names the file that is in the way, which the raw error never does.
 */
export function describeSystemError(error: SystemError): string {
  const syscall = error.syscall ?? 'access';
  if (syscall.startsWith('spawn')) {
    return `cannot run ${error.path}: ${error.code === 'ENOENT' ? 'command not found' : reasonOf(error)}; install it or check PATH`;
  }
  const verb = VERB[syscall] ?? syscall;
  const target = error.dest ? `${error.path} to ${error.dest}` : error.path;
  const blocker = error.code === 'ENOTDIR' ? fileInTheWay(error.path) : undefined;
  const hint = blocker ? `${blocker} is a file where a folder is needed: move it or choose another path` : (HINT[error.code] ?? 'check the path and try again');
  return `cannot ${verb} ${target}: ${reasonOf(error)}; ${hint}`;
}

function reasonOf(error: SystemError): string {
  // Node's own text sits between "CODE: " and ", syscall 'path'".
  return REASON[error.code] ?? /^E[A-Z]+: ([^,]+)/.exec(error.message)?.[1] ?? error.code;
}

/** The nearest ancestor of `file` that exists and is not a folder. */
function fileInTheWay(file: string): string | undefined {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    let stats;
    try {
      stats = statSync(dir);
    } catch {
      continue; // missing, or itself below the file in the way
    }
    return stats.isDirectory() ? undefined : dir;
  }
  return undefined;
}
