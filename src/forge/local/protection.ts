/**
 * Protected branches on the local forge, enforced by git itself: every push into a bare
 * repository — `git push` over HTTP (git-http.ts) and `forge.push` (a local-path push) — goes
 * through `git receive-pack`, which runs the repository's pre-receive hook with the pushed objects
 * already readable. The hook reads the rules from a file beside it, so it needs neither Node nor
 * the store; merging a pull request moves the branch with `update-ref`, which runs no hook.
 *
 * Who pushes, and whether they may bypass (`enforceAdmins` off: forge admins, organisation
 * admins, teams with admin permission on the repository, as on GitHub), travels in the push's
 * environment: set by the forge, never by the git client.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gitRaw } from '../../git/git.js';
import type { StoreDb, StoreTx } from '../../store/index.js';
import type { RepositoryRow } from '../../store/schema.js';
import type { BranchProtection } from '../types.js';
import { isOrgAdmin } from './users.js';

export const RULES_FILE = 'paved-protection';
export const PUSHER_ENV = 'PAVED_PUSHER';
export const BYPASS_ENV = 'PAVED_PUSHER_BYPASS';

// POSIX sh and awk only: the hook runs wherever git runs, whatever started the push. Any branch
// name git accepts is one word without backslashes, which the awk comparison relies on.
export const PRE_RECEIVE = `#!/bin/sh
# Written by Paved's local forge: refuses pushes that break the branch protection listed in
# ${RULES_FILE} (set by \`paved org apply\`; see docs/org.md).
rules=${RULES_FILE}
[ -f "$rules" ] || exit 0
refused=0
while read -r old new ref; do
  case "$ref" in refs/heads/*) branch=\${ref#refs/heads/} ;; *) continue ;; esac
  rule=$(awk -v b="$branch" '$1 == b { print $2, $3, $4, $5; exit }' "$rules")
  [ -n "$rule" ] || continue
  set -- $rule
  case "$new" in
    *[!0]*) ;;
    *)
      [ "$3" = 1 ] && continue
      echo "paved: branch '$branch' is protected and may not be deleted" >&2
      refused=1; continue ;;
  esac
  case "$old" in
    *[!0]*)
      if [ "$2" != 1 ] && ! git merge-base --is-ancestor "$old" "$new" 2>/dev/null; then
        echo "paved: branch '$branch' is protected: force-pushes are refused; rebuild the change on top of '$branch' and open a pull request" >&2
        refused=1; continue
      fi ;;
  esac
  [ "$4" = - ] && continue
  [ "\${${BYPASS_ENV}:-0}" = 1 ] && [ "$1" = 0 ] && continue
  echo "paved: branch '$branch' is protected: changes reach it through pull requests ($4 approving review(s) required on GitHub); \${${PUSHER_ENV}:-this push} may not push to it directly: push to another branch and open a pull request" >&2
  refused=1
done
exit $refused
`;

/** One line per branch: `<branch> <enforceAdmins> <allowForcePushes> <allowDeletions> <requiredReviews or ->` (0/1 flags; `-`: no pull request required). */
export function rulesText(protections: BranchProtection[]): string {
  const flag = (b: boolean) => (b ? '1' : '0');
  const lines = [...protections].sort((a, b) => a.branch.localeCompare(b.branch)).map((p) => `${p.branch} ${flag(p.enforceAdmins)} ${flag(p.allowForcePushes)} ${flag(p.allowDeletions)} ${p.requiredReviews ?? '-'}`);
  return `# Written by Paved (paved org apply); the pre-receive hook enforces it.\n${lines.join('\n')}${lines.length ? '\n' : ''}`;
}

/**
 * Makes the repository enforce exactly `protections`. Written before the store records them
 * (git first, as everywhere in the local forge): an interruption leaves a rule enforced that the
 * store does not know yet, which the next `paved org plan` shows and `apply` records.
 */
export async function writeRules(gitDir: string, protections: BranchProtection[]): Promise<void> {
  const hooks = path.join(gitDir, 'hooks');
  await mkdir(hooks, { recursive: true });
  const hook = path.join(hooks, 'pre-receive');
  const current = existsSync(hook) ? await readFile(hook, 'utf8') : undefined;
  if (current !== PRE_RECEIVE) await writeAtomic(hook, PRE_RECEIVE, 0o755);
  // A core.hooksPath in the user's global git config would otherwise send git elsewhere.
  await gitRaw(['config', '--file', path.join(gitDir, 'config'), 'core.hooksPath', 'hooks'], { cwd: gitDir });
  await writeAtomic(path.join(gitDir, RULES_FILE), rulesText(protections), 0o644);
}

async function writeAtomic(file: string, text: string, mode: number): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, text, { mode });
  await chmod(tmp, mode);
  await rename(tmp, file);
}

/**
 * Whether `login` may push straight to a protected branch whose rule does not enforce admins:
 * a forge admin, an admin of the owning organisation, or a member of a team with admin
 * permission on the repository.
 */
export async function mayBypass(db: StoreDb | StoreTx, login: string, repo: RepositoryRow): Promise<boolean> {
  if (await isOrgAdmin(db, login, repo.owner)) return true;
  const viaTeam = await db
    .selectFrom('teamRepositories')
    .innerJoin('teamMembers', (join) => join.onRef('teamMembers.owner', '=', 'teamRepositories.owner').onRef('teamMembers.team', '=', 'teamRepositories.team'))
    .select('teamRepositories.team')
    .where('teamRepositories.repoId', '=', repo.id)
    .where('teamRepositories.permission', '=', 'admin')
    .where('teamMembers.login', '=', login)
    .executeTakeFirst();
  return viaTeam !== undefined;
}

/**
 * The environment a push into `repo` (its bare folder `gitDir`) by `login` carries to the
 * pre-receive hook. Who may bypass is asked only of a repository with rules: the hook lets every
 * push through without them, and most repositories have none.
 */
export async function pusherEnv(db: StoreDb | StoreTx, login: string, repo: RepositoryRow, gitDir: string): Promise<Record<string, string>> {
  if (!existsSync(path.join(gitDir, RULES_FILE))) return { [PUSHER_ENV]: login };
  return { [PUSHER_ENV]: login, [BYPASS_ENV]: (await mayBypass(db, login, repo)) ? '1' : '0' };
}
