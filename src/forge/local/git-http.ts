/**
 * Git's smart HTTP protocol for the local forge, by running `git http-backend` (git's own CGI
 * program) for each request: `git clone`, `fetch` and `push` work against
 * `http://HOST/<owner>/<repo>.git` exactly as against any git host. Paved decides who may read
 * and write before git sees the request, and records what a push changed after it.
 */
import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalForge } from './forge.js';
import { identify } from './http-auth.js';
import { pusherEnv } from './protection.js';
import { mayWrite } from './users.js';
import type { Store } from '../../store/index.js';

export interface GitHttpOptions {
  store: Store;
  forge: LocalForge;
  reposDir: string;
  /** Clone and fetch public repositories without a token. */
  anonymousRead: boolean;
}

const GIT_PATH = /^\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9_.-]{1,100})\.git(\/(?:info\/refs|git-upload-pack|git-receive-pack|HEAD))$/;

export function isGitRequest(pathname: string): boolean {
  return /^\/[^/]+\/[^/]+\.git(\/|$)/.test(pathname);
}

function refuse(res: ServerResponse, status: number, message: string, challenge = false): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  if (challenge) res.setHeader('WWW-Authenticate', 'Basic realm="Paved", charset="UTF-8"');
  res.end(`${message}\n`);
}

export async function handleGit(req: IncomingMessage, res: ServerResponse, options: GitHttpOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = GIT_PATH.exec(url.pathname);
  if (!match) return refuse(res, 404, 'not a git endpoint of the Paved local forge (expected /<owner>/<repo>.git/…)');
  const [, owner, name, rest] = match as unknown as [string, string, string, string];
  const service = rest === '/info/refs' ? url.searchParams.get('service') : rest.slice(1);
  const writing = service === 'git-receive-pack';
  if (rest === '/info/refs' && service !== 'git-upload-pack' && service !== 'git-receive-pack') {
    return refuse(res, 403, 'the dumb HTTP protocol is not served; use a git client that speaks smart HTTP (git 1.6.6 or newer)');
  }
  if ((rest === '/git-upload-pack' || rest === '/git-receive-pack') && req.method !== 'POST') return refuse(res, 405, `${rest.slice(1)} takes POST`);

  const caller = await identify(options.store.db, req);
  if (caller.kind === 'invalid') return refuse(res, 401, 'the token was not accepted; use a token from the platform (paved init writes the admin\'s)', true);
  const actor = caller.kind === 'user' ? caller.user.login : undefined;
  const row = await options.forge.as(actor ?? '-anonymous-').readableRow({ owner, name });
  if (!row) return refuse(res, actor ? 404 : 401, `no repository ${owner}/${name}${actor ? '' : ', or it needs a token to read'}`, !actor);
  if (!actor && (writing || !options.anonymousRead || row.private)) {
    return refuse(res, 401, `${writing ? 'pushing' : 'reading'} ${owner}/${name} needs a token: send it as the password (any user name)`, true);
  }
  if (writing) {
    if (!(await mayWrite(options.store.db, actor!, owner))) return refuse(res, 403, `${actor} may not push to ${owner}/${name}; ask an admin to add ${actor} to ${owner}`);
    if (row.archived) return refuse(res, 403, `${owner}/${name} is archived and read-only`);
  }

  const env = gitBackendEnv(req, options.reposDir, `/${owner}/${name}.git${rest}`, actor);
  // Who pushes goes to the pre-receive hook (protection.ts), set here so no client can claim
  // another identity; after the push the store catches up with what it changed.
  const pusher = writing ? actor : undefined;
  if (pusher) Object.assign(env, await pusherEnv(options.store.db, pusher, row, options.forge.repoDir(row)));

  await runGitBackend(req, res, env);
  if (pusher) await options.forge.as(pusher).syncRefs(row, pusher);
}

/** The CGI environment of `git http-backend` for one request: the repository is `projectRoot` + `pathInfo`'s folder. */
export function gitBackendEnv(req: IncomingMessage, projectRoot: string, pathInfo: string, remoteUser = ''): Record<string, string> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/',
    GIT_PROJECT_ROOT: projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: pathInfo,
    REQUEST_METHOD: req.method ?? 'GET',
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: req.socket.remoteAddress ?? '',
    REMOTE_USER: remoteUser,
    GIT_CONFIG_NOSYSTEM: '1',
  };
  if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
  if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding'];
  const protocol = req.headers['git-protocol'];
  if (typeof protocol === 'string') env.GIT_PROTOCOL = protocol;
  return env;
}

/** Runs git http-backend as CGI: request body in, `Status:`/headers then the body out. */
export function runGitBackend(req: IncomingMessage, res: ServerResponse, env: Record<string, string>): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let head = Buffer.alloc(0);
    let headersDone = false;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        const key = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (/^status$/i.test(key)) res.statusCode = Number.parseInt(value, 10) || 200;
        else res.setHeader(key, value);
      }
      const body = head.subarray(end + 4);
      if (body.length > 0) res.write(body);
    });
    child.on('error', (error) => {
      if (!res.headersSent) refuse(res, 500, `could not run git http-backend (${error.message}); install git`);
      resolve();
    });
    child.on('close', (code) => {
      if (!headersDone && !res.headersSent) refuse(res, 500, `git http-backend failed (exit ${code}): ${stderr.trim()}`);
      else res.end();
      resolve();
    });
    req.pipe(child.stdin);
    child.stdin.on('error', () => undefined);
    req.on('aborted', () => child.kill());
  });
}
