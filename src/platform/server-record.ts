/**
 * Where `paved start` listens, recorded in the workspace's data folder, so that every other
 * command on the same workspace (another terminal, a script, a test) talks to the running
 * server: clone URLs name its real port. A record whose process is gone is ignored.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ServerRecord {
  url: string;
  pid: number;
  startedAt: string;
}

const recordFile = (dataDir: string) => path.join(dataDir, 'server.json');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function writeServerRecord(dataDir: string, url: string): void {
  const record: ServerRecord = { url, pid: process.pid, startedAt: new Date().toISOString() };
  const tmp = `${recordFile(dataDir)}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(record)}\n`);
  renameSync(tmp, recordFile(dataDir));
}

/** Removes the record if it is still this process's (another server may have started since). */
export function clearServerRecord(dataDir: string): void {
  if (readServerRecord(dataDir)?.pid === process.pid) rmSync(recordFile(dataDir), { force: true });
}

/** The running server's record, if there is one and its process lives. */
export function readServerRecord(dataDir: string): ServerRecord | undefined {
  const file = recordFile(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as ServerRecord;
    return typeof record.url === 'string' && Number.isInteger(record.pid) && alive(record.pid) ? record : undefined;
  } catch {
    return undefined;
  }
}
