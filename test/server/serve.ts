/**
 * A platform served on loopback for API tests: a fresh workspace whose paved.yaml has a second
 * user, `dev`, a member of team `platform` only (init creates users from the config, so the file
 * is written first), and a token for each.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { issueToken } from '../../src/forge/local/users.js';
import { DEFAULT_CONFIG, initWorkspace } from '../../src/platform/init.js';
import { openPlatform, tokenFile, type Platform } from '../../src/platform/platform.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { tempDir } from '../support/fixtures.js';

export interface Served {
  platform: Platform;
  server: RunningServer;
  url: string;
  admin: string;
  dev: string;
}

export interface ApiError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T & { error?: ApiError };
}

const running: Served[] = [];
afterEach(async () => {
  for (const served of running.splice(0)) {
    await served.server.close();
    await served.platform.close();
  }
});

export const CONFIG_WITH_DEV = DEFAULT_CONFIG.replace('    admin: true\n', '    admin: true\n  - login: dev\n    name: Dev Eloper\n    email: dev@acme.example\n').replace(
  '    idpGroup: acme-platform\n    members: [admin]',
  '    idpGroup: acme-platform\n    members: [admin, dev]',
);

export async function serve(options: { anonymousRead?: boolean } = {}): Promise<Served> {
  const dir = path.join(tempDir('paved-api-'), 'ws');
  mkdirSync(dir, { recursive: true });
  const config = options.anonymousRead === false ? CONFIG_WITH_DEV.replace('anonymousRead: true', 'anonymousRead: false') : CONFIG_WITH_DEV;
  writeFileSync(path.join(dir, 'paved.yaml'), config);
  await initWorkspace(dir);
  const platform = await openPlatform(dir);
  const server = await startServer(platform, { port: 0 });
  const admin = readFileSync(tokenFile(platform.workspace.dataDir, 'admin'), 'utf8').trim();
  const dev = await issueToken(platform.store, 'dev', 'API tests');
  const served = { platform, server, url: server.url, admin, dev };
  running.push(served);
  return served;
}

/** One API call; `token: null` sends none. A string body is sent as it is (for malformed JSON). */
export async function api<T = unknown>(served: Served, method: string, route: string, options: { body?: unknown; token?: string | null } = {}): Promise<ApiResponse<T>> {
  const token = options.token === undefined ? served.admin : options.token;
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const response = await fetch(`${served.url}/api${route}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as ApiResponse<T>['body'] };
}
