/**
 * The update pull request's text: what changes (template versions, the template's own changelog
 * between them), which files, which conflicts, and a hidden marker the next run reads to know
 * which version the pull request carries.
 */
import type { FileChange } from '../template/index.js';

export interface UnitUpdate {
  component: string;
  path: string;
  template: string;
  from: string;
  to: string;
  files: FileChange[];
  conflicts: string[];
  changelog: string;
}

const MARKER = /<!-- paved-fleet (.*?) -->/;

export function marker(updates: UnitUpdate[]): string {
  return `<!-- paved-fleet ${JSON.stringify(updates.map((u) => ({ component: u.component, to: u.to })))} -->`;
}

/** Which component versions a pull request carried, from its marker. */
export function carried(body: string): Array<{ component: string; to: string }> {
  const match = MARKER.exec(body);
  if (!match) return [];
  try {
    return JSON.parse(match[1]!) as Array<{ component: string; to: string }>;
  } catch {
    return [];
  }
}

export function title(updates: UnitUpdate[]): string {
  const conflicted = updates.some((u) => u.conflicts.length > 0) ? ' (conflicts)' : '';
  if (updates.length === 1) {
    const [u] = updates as [UnitUpdate];
    return `chore(template): update ${u.component} to ${u.template} ${u.to}${conflicted}`;
  }
  return `chore(template): update ${updates.length} components to their templates' newest versions${conflicted}`;
}

export function body(updates: UnitUpdate[]): string {
  const parts: string[] = [];
  for (const u of updates) {
    parts.push(`## ${u.component}${u.path ? ` (\`${u.path}\`)` : ''}: ${u.template} ${u.from} → ${u.to}`);
    parts.push('', '### What changed in the template', '', u.changelog.trim() || `_The template has no CHANGELOG.md entries between ${u.from} and ${u.to}._`);
    const changed = u.files.filter((f) => f.action !== 'identical' && f.action !== 'skip');
    parts.push('', `### Files (${changed.length})`, '', ...(changed.length ? changed.map((f) => `- \`${f.path}\` ${f.action}${f.note ? ` (${f.note})` : ''}`) : ['_None besides the answers file._']));
    if (u.conflicts.length > 0) {
      parts.push('', `### Conflicts (${u.conflicts.length})`, '', 'The template changed lines you changed too. Resolve the conflict markers (or `.rej` files) below, push to this branch, then merge:', '', ...u.conflicts.map((c) => `- \`${c}\``));
    }
    parts.push('');
  }
  parts.push('Opened by `paved fleet sync`. It is never merged automatically; closing it without merging skips this version until a newer one is released.', '', marker(updates), '');
  return parts.join('\n');
}

/** The template's CHANGELOG.md sections for versions after `from`, up to and including `to`. */
export function changelogBetween(text: string | undefined, isNewer: (version: string) => boolean, isAtMost: (version: string) => boolean): string {
  if (!text) return '';
  const sections = text.split(/^(?=## )/m).filter((s) => s.startsWith('## '));
  const kept = sections.filter((s) => {
    const version = /^## \[?v?(\d+\.\d+\.\d+[^\]\s)]*)/.exec(s)?.[1];
    return version !== undefined && isNewer(version) && isAtMost(version);
  });
  // One level down, so they sit under the pull request's own headings.
  return kept.map((s) => s.replace(/^(#+) /gm, '#$1 ').trim()).join('\n\n');
}
