/**
 * The file system Go's WebAssembly runtime sees (it calls `globalThis.fs` with Node-style
 * callbacks). Read-only, synchronous, and closed except inside one folder for the duration of one
 * call: actionlint reads local actions and reusable workflows there, and nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';

type Callback = (error: NodeJS.ErrnoException | null, result?: unknown) => void;

function failure(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

const WRITE_FLAGS = fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_APPEND;

export function createSandboxFs() {
  let readable: string | undefined;
  const openFds = new Set<number>();

  function inside(target: string): boolean {
    if (!readable) return false;
    const relative = path.relative(readable, path.resolve(target));
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  }

  // Go passes the callback last and waits for it; answering before returning is what it needs.
  function answer(callback: Callback, work: () => unknown): void {
    let result: unknown;
    try {
      result = work();
    } catch (error) {
      callback(error as NodeJS.ErrnoException);
      return;
    }
    callback(null, result);
  }

  function byPath<T>(target: string, read: (p: string) => T): () => T {
    return () => {
      if (!inside(target)) throw failure('ENOENT', target);
      return read(target);
    };
  }

  function byFd<T>(fd: number, read: () => T): () => T {
    return () => {
      if (!openFds.has(fd)) throw failure('EBADF', String(fd));
      return read();
    };
  }

  const denied = (...args: unknown[]) => (args.at(-1) as Callback)(failure('EROFS', 'the actionlint sandbox is read-only'));

  const sandboxFs = {
    constants: fs.constants,
    // Go's runtime prints (panics, println) here; keep them off the test reporter's stdout.
    writeSync: (_fd: number, buffer: Uint8Array) => fs.writeSync(2, buffer),
    write: (fd: number, buffer: Uint8Array, offset: number, length: number, _position: unknown, callback: Callback) =>
      answer(callback, () => {
        if (fd !== 1 && fd !== 2) throw failure('EROFS', 'the actionlint sandbox is read-only');
        return fs.writeSync(2, buffer, offset, length);
      }),
    open: (target: string, flags: number, _mode: number, callback: Callback) =>
      answer(
        callback,
        byPath(target, (p) => {
          if (flags & WRITE_FLAGS) throw failure('EROFS', p);
          const fd = fs.openSync(p, flags);
          openFds.add(fd);
          return fd;
        }),
      ),
    close: (fd: number, callback: Callback) =>
      answer(
        callback,
        byFd(fd, () => {
          openFds.delete(fd);
          fs.closeSync(fd);
        }),
      ),
    read: (fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null, callback: Callback) =>
      answer(callback, byFd(fd, () => fs.readSync(fd, buffer, offset, length, position))),
    fstat: (fd: number, callback: Callback) => answer(callback, byFd(fd, () => fs.fstatSync(fd))),
    stat: (target: string, callback: Callback) => answer(callback, byPath(target, (p) => fs.statSync(p))),
    lstat: (target: string, callback: Callback) => answer(callback, byPath(target, (p) => fs.lstatSync(p))),
    readdir: (target: string, callback: Callback) => answer(callback, byPath(target, (p) => fs.readdirSync(p))),
    readlink: (target: string, callback: Callback) => answer(callback, byPath(target, (p) => fs.readlinkSync(p))),
    mkdir: denied,
    unlink: denied,
    rmdir: denied,
    rename: denied,
    chmod: denied,
    fchmod: denied,
    chown: denied,
    fchown: denied,
    lchown: denied,
    utimes: denied,
    truncate: denied,
    ftruncate: denied,
    link: denied,
    symlink: denied,
    fsync: (_fd: number, callback: Callback) => callback(null),
  };

  return {
    fs: sandboxFs,
    /** Runs a synchronous call with `root` readable, and closes it again however the call ends. */
    withReadable<T>(root: string, call: () => T): T {
      readable = path.resolve(root);
      try {
        return call();
      } finally {
        readable = undefined;
      }
    },
  };
}
