/**
 * Pushing commits made with git to any forge, with the real git client. Credentials travel in
 * the environment (GIT_CONFIG_* → http.extraHeader), never in the URL, argv or .git/config, so
 * no token lands in a repo or a process listing.
 */
import { ConflictError, ExternalServiceError, NotFoundError, PermissionError } from '../errors.js';
import { gitConfigEnv } from '../git/config-env.js';
import { gitRaw } from '../git/git.js';
import { refInTheWay } from '../git/ref-in-the-way.js';
import type { GitRemote, PushRefspec } from './types.js';

/**
 * The environment that makes git send `Authorization: <value>` to the remote, added after the
 * git settings this process's environment already carries (see gitConfigEnv).
 */
export function authHeaderEnv(authorization: string | undefined): Record<string, string> {
  if (!authorization) return {};
  return gitConfigEnv('http.extraHeader', `Authorization: ${authorization}`);
}

/** `Basic` credentials for a token, the form both git hosts and the local forge accept. */
export function basicAuth(user: string, token: string): string {
  return `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
}

function fullRef(dst: string): string {
  return dst.startsWith('refs/') ? dst : `refs/heads/${dst}`;
}

/**
 * Pushes all refspecs in one atomic push: either every ref moves or none does. A ref whose
 * remote value differs from `expected` makes the whole push fail with ConflictError 'stale'.
 */
export async function pushWithGit(remote: GitRemote, dir: string, refspecs: PushRefspec[]): Promise<void> {
  if (refspecs.length === 0) return;
  const args = ['push', '--porcelain', '--atomic', '--no-verify'];
  for (const spec of refspecs) {
    if (spec.expected === undefined) continue;
    // An empty expected value means "must not exist yet".
    args.push(`--force-with-lease=${fullRef(spec.dst)}:${spec.expected ?? ''}`);
  }
  // A lease with an explicit value already allows a non-fast-forward move when the value matches.
  args.push('--', remote.url, ...refspecs.map((spec) => `${spec.src}:${fullRef(spec.dst)}`));
  const result = await gitRaw(args, { cwd: dir, env: { GIT_TERMINAL_PROMPT: '0', ...remote.env }, okCodes: [1, 128] });
  if (result.code === 0) return;
  const report = `${result.stdout.toString('utf8')}\n${result.stderr}`;
  const refs = refspecs.map((spec) => fullRef(spec.dst));
  // A protected branch refused the push (the local forge's pre-receive hook, GitHub's GH006): the
  // forge's own words say which rule and what to do instead.
  if (/\b(?:pre-receive|protected branch) hook declined\b|\bGH006\b/.test(report)) {
    const said = report.split('\n').map((l) => l.replace(/^remote:\s*/, '').trim()).filter((l) => /^(paved:|error: GH006)/.test(l));
    throw new PermissionError(`push to ${remote.url} refused: ${said.join('; ') || 'a protected branch refused it'}`, { reason: 'protected-branch', refs });
  }
  const inTheWay = refInTheWay(report, `push to ${remote.url} refused: `, { refs });
  if (inTheWay) throw inTheWay;
  if (/\b(stale info|fetch first|non-fast-forward|failed to update ref|cannot lock ref|atomic push failed|reference already exists)\b/.test(report)) {
    throw new ConflictError(
      `push to ${remote.url} refused: ${refs.join(', ')} changed on the forge since it was read; fetch, rebuild the change on the new commit and push again`,
      { reason: 'stale', refs },
    );
  }
  if (/\b(401|403|Authentication failed|could not read Username|permission|denied)\b/i.test(report)) {
    throw new PermissionError(`push to ${remote.url} refused: the forge did not accept the credentials; check the token and that its user may write to the repository`, { refs });
  }
  if (/\b(404|not found|does not appear to be a git repository)\b/i.test(report)) {
    throw new NotFoundError(`push to ${remote.url} failed: the repository does not exist`, { refs });
  }
  const detail = report.trim().split('\n').filter(Boolean).slice(-3).join(' ');
  throw new ExternalServiceError(`push to ${remote.url} failed: ${detail}`, { refs, code: result.code });
}
