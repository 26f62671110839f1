import type { CheckResult, OperationResult } from '../template/index.js';

const VERB: Record<string, string> = {
  create: 'create',
  overwrite: 'overwrite',
  identical: 'identical',
  skip: 'skip',
  update: 'update',
  merge: 'merge',
  conflict: 'CONFLICT',
  delete: 'delete',
  rename: 'rename',
};

/** Human-readable report of a copy, update or recopy: one line per file touched, then a summary. */
export function formatOperation(result: OperationResult): string {
  const lines: string[] = [];
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  for (const change of result.files) {
    if (change.action === 'identical' && result.operation !== 'copy') continue;
    const note = change.action === 'rename' ? ` (from ${change.note})` : change.note && change.action === 'conflict' ? ` (${change.note})` : '';
    lines.push(`  ${VERB[change.action]!.padEnd(9)} ${change.path}${note}`);
  }
  const counts = new Map<string, number>();
  for (const change of result.files) counts.set(change.action, (counts.get(change.action) ?? 0) + 1);
  const summary = [...counts].map(([action, n]) => `${n} ${action}`).join(', ') || 'no changes';
  const version = result.commit ? ` ${result.commit}` : '';
  const prefix = result.pretend ? '(pretend, nothing written) ' : '';
  if (result.operation === 'update' && result.files.length === 0) {
    lines.push(`${result.dst} is up to date with ${result.commit ?? 'its template'}; nothing to change`);
  } else if (result.operation === 'update') {
    lines.push(`${prefix}updated ${result.dst} from ${result.previousCommit} to${version}: ${summary}`);
  } else {
    lines.push(`${prefix}${result.operation === 'copy' ? 'copied' : 'recopied'} ${result.src}${version} into ${result.dst}: ${summary}`);
  }
  if (result.conflicts.length > 0) {
    lines.push(`${result.conflicts.length} conflict(s) to resolve:`);
    for (const path of result.conflicts) lines.push(`  ${path}`);
    lines.push('Resolve them (look for <<<<<<< markers or .rej files), then `git add` the files and commit.');
  }
  return lines.join('\n');
}

export function formatCheck(result: CheckResult): string {
  if (result.latest_version === null) return `${result.src_path} has no version tags; nothing to compare with`;
  if (result.update_available) return `update available: ${result.current_version ?? result.current_commit ?? 'unknown'} -> ${result.latest_version} (run: paved template update)`;
  return `up to date with ${result.src_path} at ${result.current_version ?? result.current_commit}`;
}
