/** `paved init` and `paved forge serve` driven as a user drives them: the real CLI in its own process. */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { PAVED, paved as pavedCli } from '../support/exec.js';
import { tempDir } from '../support/fixtures.js';

const paved = (args: string[], cwd = process.cwd(), env: Record<string, string> = {}) => pavedCli(args, { cwd, env });

/** Every file under `dir` with a hash of its content (the store's WAL files excluded: SQLite may checkpoint on open). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (!/paved\.db(-wal|-shm)?$/.test(entry.name)) out[child] = createHash('sha1').update(readFileSync(path.join(dir, child))).digest('hex');
    }
  };
  walk('.');
  return out;
}

describe('paved init', () => {
  it('creates a workspace, and running it twice changes nothing', async () => {
    const dir = path.join(tempDir(), 'platform');
    const first = await paved(['init', dir, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as { created: string[]; unchanged: string[]; organisation: string };
    expect(report.organisation).toBe('acme');
    expect(report.created).toEqual(['paved.yaml', '.gitignore', '.paved/paved.db', '.paved/secrets/admin.token', 'acme/gitops', 'acme/typescript-library (v1.0.0)', 'acme/typescript-service (v1.1.0)', 'acme/workflows (v1.0.0)', 'acme/terraform-addons (v1.0.0)', 'acme/terraform-cluster (v1.0.0)', 'acme/terraform-network (v1.0.0)', 'acme/terraform-newrelic (v1.0.0)']);
    expect(statSync(path.join(dir, '.paved/secrets/admin.token')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, '.paved/secrets')).mode & 0o777).toBe(0o700);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('/.paved/\n');
    // The store keeps only a hash of the token.
    const token = readFileSync(path.join(dir, '.paved/secrets/admin.token'), 'utf8').trim();
    expect(token).toMatch(/^pvd_/);
    for (const file of readdirSync(path.join(dir, '.paved')).filter((f) => f.startsWith('paved.db'))) {
      expect(readFileSync(path.join(dir, '.paved', file)).includes(token)).toBe(false);
    }
    const before = snapshot(dir);
    const second = await paved(['init', dir, '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect((JSON.parse(second.stdout) as { created: string[] }).created).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
    const human = await paved(['init', dir]);
    expect(human.stdout).toMatch(/^Workspace already complete; nothing changed/);
  });

  it('stops at a bad paved.yaml with one line naming the key, and writes nothing else', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'paved.yaml'), 'apiVersion: paved/v1\norganisation: acme\nforge:\n  kind: gitlab\n');
    const result = await paved(['init', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("paved: paved.yaml: forge.kind: expected 'local' or 'github', got 'gitlab'\n");
    expect(readdirSync(dir)).toEqual(['paved.yaml']);
    const json = await paved(['init', dir, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'input', details: { key: 'forge.kind' } } });
  });
});

describe('paved forge serve', () => {
  it('serves the workspace over HTTP until stopped: git clone works, then SIGTERM ends it cleanly', async () => {
    const dir = path.join(tempDir(), 'platform');
    expect((await paved(['init', dir])).code).toBe(0);
    const server = spawn(PAVED, ['forge', 'serve', '--port', '0', '--json', '--workspace', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => server.on('close', resolve));
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.stdout }).once('line', resolve);
      server.once('close', () => reject(new Error(`serve exited: ${stderr}`)));
    });
    const ready = JSON.parse(first) as { url: string };
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${ready.url}/api/health`);
    expect(await health.json()).toMatchObject({ ok: true, organisation: 'acme' });
    const work = path.join(tempDir(), 'clone');
    const cloned = await new Promise<number | null>((resolve) => spawn('git', ['clone', '-q', `${ready.url}/acme/gitops.git`, work]).on('close', resolve));
    expect(cloned).toBe(0);
    expect(readFileSync(path.join(work, 'README.md'), 'utf8')).toContain('acme/gitops');
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('outside a workspace says how to make one', async () => {
    const result = await paved(['forge', 'serve'], tempDir(), { PAVED_HOME: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^paved: no paved\.yaml in .* or any folder above it; run 'paved init' to create a workspace, or pass --workspace DIR\n$/);
  });
});

describe('the CLI writing to a reader that stopped (paved … | head)', () => {
  /** Runs the CLI with its stdout (and stderr, when asked) closed before it starts. */
  async function closedPipes(args: string[], closeStderr: boolean): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, [PAVED, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    if (closeStderr) child.stderr.destroy();
    const stderr: Buffer[] = [];
    if (!closeStderr) child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, stderr: Buffer.concat(stderr).toString('utf8') };
  }

  it('stops quietly with the command’s own exit code, instead of dying on the write', async () => {
    expect(await closedPipes(['--help'], false)).toEqual({ code: 0, stderr: '' });
    // A failure stays a failure, even when nobody reads its message.
    expect((await closedPipes(['release', 'plan', '--date', 'tomorrow'], true)).code).toBe(1);
    expect(await closedPipes(['release', 'plan', '--date', 'tomorrow', '--json'], false)).toEqual({ code: 1, stderr: "paved: --date 'tomorrow' is not a date written YYYY-MM-DD\n" });
  });
});
