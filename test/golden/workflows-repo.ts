/**
 * The shipped `workflows` repository (golden-path/workflows) as the golden tests see it: its
 * files, its `uses:` references, and the views of it that let actionlint check more than the
 * shipped text allows.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { lintProject, type LintFinding } from '../support/actionlint.js';

export const REPO_ROOT = fileURLToPath(new URL('../../golden-path/workflows/', import.meta.url));
export const REUSABLE_WORKFLOWS = ['container', 'deploy', 'node-ci', 'release', 'template-sync'];
/** Workflows of the repository itself rather than for callers. */
export const OWN_WORKFLOWS = ['self-release'];

export interface ShippedFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

export function shippedFiles(): ShippedFile[] {
  return walk(REPO_ROOT)
    .map((file) => ({ path: path.relative(REPO_ROOT, file).split(path.sep).join('/'), text: readFileSync(file, 'utf8') }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

export const workflowFiles = () => shippedFiles().filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f.path));
export const actionFiles = () => shippedFiles().filter((f) => /^actions\/[^/]+\/action\.ya?ml$/.test(f.path));
export const actionName = (file: ShippedFile) => file.path.split('/')[1]!;

/**
 * The text with the references actionlint cannot follow made followable, line for line:
 * own actions and workflows (`acme/workflows/...@v1`) become local paths it reads from the project,
 * and pinned third-party actions their major tag, the key of its table of popular actions' inputs
 * and outputs (a SHA or an exact tag matches no entry, so their inputs would go unchecked).
 */
export function checkableView(text: string): string {
  return text
    .replace(/acme\/workflows\/actions\/([a-z0-9-]+)@v1\b/g, './actions/$1')
    .replace(/acme\/workflows\/(\.github\/workflows\/[a-z0-9-]+\.ya?ml)@v1\b/g, './$1')
    .replace(/(uses:\s*[\w.-]+\/[\w./-]+)@(?:[0-9a-f]{40}[ \t]*#[ \t]*)?v(\d+)\.\d+\.\d+\b/g, '$1@v$2');
}

/** A temporary copy of the repository in its checkable view, as a project actionlint recognises. */
export function checkableProject(extraWorkflows: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'paved-workflows-'));
  cpSync(REPO_ROOT, root, { recursive: true });
  mkdirSync(path.join(root, '.git'));
  for (const file of [...workflowFiles(), ...actionFiles()]) writeFileSync(path.join(root, file.path), checkableView(file.text));
  for (const [name, text] of Object.entries(extraWorkflows)) writeFileSync(path.join(root, '.github', 'workflows', name), checkableView(text));
  return root;
}

/**
 * Lints workflows that call this repository (`acme/workflows/...@v1`), such as those a template
 * renders, against the workflows and actions shipped here: inputs, secrets and their types.
 * Findings about the repository's own files are left to its own tests.
 */
export async function lintCallers(files: Array<{ path: string; text: string }>): Promise<LintFinding[]> {
  const names = files.map((_file, i) => `caller-${i + 1}.yml`);
  const root = checkableProject(Object.fromEntries(files.map((file, i) => [names[i]!, file.text])));
  try {
    const findings = await lintProject(root);
    return findings.flatMap((finding) => {
      const index = names.indexOf(path.basename(finding.file));
      return index < 0 ? [] : [{ ...finding, file: files[index]!.path }];
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export interface UsesLine {
  line: number;
  ref: string;
  comment: string | undefined;
}

/** Every `uses:` with its trailing comment, which a YAML parser drops. */
export function usesLines(text: string): UsesLine[] {
  return text.split('\n').flatMap((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(\S+)(?:\s+#\s*(.*?))?\s*$/.exec(line);
    return match ? [{ line: index + 1, ref: match[1]!, comment: match[2] }] : [];
  });
}

const EXACT_VERSION = /^v\d+\.\d+\.\d+$/;

/** Why a `uses:` reference is not pinned as the repository requires, or undefined when it is. */
export function pinProblem(uses: UsesLine, actions: string[]): string | undefined {
  if (uses.ref.startsWith('./')) return undefined;
  const own = /^acme\/workflows\/actions\/([a-z0-9-]+)@(.+)$/.exec(uses.ref);
  if (own) {
    if (!actions.includes(own[1]!)) return `${uses.ref}: no action '${own[1]}' in actions/`;
    // Callers pin the moving major tag of this repository; it is released together with its actions.
    return own[2] === 'v1' ? undefined : `${uses.ref}: own actions are used at @v1`;
  }
  const at = uses.ref.lastIndexOf('@');
  if (at < 0) return `${uses.ref}: no version`;
  const ref = uses.ref.slice(at + 1);
  if (/^[0-9a-f]{40}$/.test(ref)) {
    return uses.comment && EXACT_VERSION.test(uses.comment) ? undefined : `${uses.ref}: a SHA pin needs its exact version as a comment (# vX.Y.Z)`;
  }
  return EXACT_VERSION.test(ref) ? undefined : `${uses.ref}: pin a commit SHA or an exact vX.Y.Z tag, not '${ref}'`;
}

type Step = { run?: unknown; uses?: unknown };

/** The steps of a workflow's jobs or of a composite action, with where they are. */
export function stepsOf(file: ShippedFile): Array<{ where: string; step: Step }> {
  const doc = parse(file.text) as { jobs?: Record<string, { steps?: Step[] }>; runs?: { steps?: Step[] } };
  const jobs = Object.entries(doc.jobs ?? {}).map(([id, job]) => ({ where: `jobs.${id}`, steps: job.steps ?? [] }));
  const groups = doc.runs ? [{ where: 'runs', steps: doc.runs.steps ?? [] }, ...jobs] : jobs;
  return groups.flatMap((group) => group.steps.map((step, index) => ({ where: `${file.path} ${group.where}.steps[${index}]`, step })));
}

/** Complete workflows in the README's yaml blocks (the examples callers copy). */
export function readmeExamples(readme: string): string[] {
  return [...readme.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((block) => /^on:/m.test(block) && /^jobs:/m.test(block));
}

type Entry = { description?: string; type?: string; required?: boolean; default?: unknown };

/** The README table rows an interface should have, exactly as written there. */
export function documentedRows(file: ShippedFile): string[] {
  const doc = parse(file.text) as { on?: { workflow_call?: Record<string, Record<string, Entry>> }; inputs?: Record<string, Entry>; outputs?: Record<string, Entry> };
  const cell = (text: unknown) => String(text ?? '').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
  const fallback = (entry: Entry) => (entry.default === undefined ? '' : entry.default === '' ? '`""`' : `\`${String(entry.default)}\``);
  const required = (entry: Entry) => (entry.required ? 'yes' : 'no');
  const rows = (section: Record<string, Entry> | undefined, row: (name: string, entry: Entry) => string[]) =>
    Object.entries(section ?? {}).map(([name, entry]) => `| ${row(name, entry).join(' | ')} |`);
  const call = doc.on?.workflow_call;
  if (call) {
    return [
      ...rows(call.inputs, (name, e) => [`\`${name}\``, cell(e.type), required(e), fallback(e), cell(e.description)]),
      ...rows(call.secrets, (name, e) => [`\`${name}\``, required(e), cell(e.description)]),
      ...rows(call.outputs, (name, e) => [`\`${name}\``, cell(e.description)]),
    ];
  }
  return [
    ...rows(doc.inputs, (name, e) => [`\`${name}\``, required(e), fallback(e), cell(e.description)]),
    ...rows(doc.outputs, (name, e) => [`\`${name}\``, cell(e.description)]),
  ];
}
