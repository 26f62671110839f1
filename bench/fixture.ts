/**
 * Builds the benchmark's Copier template: a git repo of ~200 files (120 templated, 80 static)
 * tagged v1.0.0, v1.1.0 and v1.2.0, plus the plan of user edits the update benchmark applies.
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ANSWERS_FILE_TEMPLATE, PACKAGE, binary, copierYml, optionLine, script, staticText, templatedLines } from './fixture-content.js';
import { commitAll, git, rng } from './util.js';

interface Templated {
  kind: 'tpl';
  lines: string[];
  options: number;
  exec: boolean;
  /** Option numbers any version changed. */
  edited: Set<number>;
}
type Entry = Templated | { kind: 'static'; data: string | Buffer; exec: boolean };

export interface UserEdit {
  /** Path in the rendered project. */
  path: string;
  /** conflict: the template changes the same line; merge: the template changes other lines of the file; keep: the template leaves the file alone. */
  kind: 'conflict' | 'merge' | 'keep';
  option: number;
}

export interface Fixture {
  dir: string;
  versions: string[];
  /** Files per version (including copier.yml and the answers file template). */
  files: Record<string, { templated: number; static: number }>;
  userEdits: UserEdit[];
}

const TPL_DIRS: Array<[string, string]> = [
  ['docs', 'md'],
  ['docs/guides', 'md'],
  ['docs/guides/ops', 'md'],
  ['docs/guides/ops/runbooks', 'md'],
  ['{{ package_name }}', 'py'],
  ['{{ package_name }}/api', 'py'],
  ['{{ package_name }}/api/v1', 'py'],
  ['{{ package_name }}/api/v1/handlers', 'py'],
  ['{{ package_name }}/core', 'py'],
  ['tests/unit', 'py'],
  ['tests/integration/api', 'py'],
  ['deploy/k8s/base', 'yaml'],
  ['deploy/k8s/overlays/prod', 'yaml'],
  ['config', 'toml'],
  ['config/env', 'ini'],
];
const STEMS = ['models', 'views', 'routes', 'service', 'schema', 'settings', 'client', 'worker', 'events', 'metrics', 'health', 'auth', 'cache', 'queue'];

/** Templated files with templated names or special roles (never picked for user edits, removal or renames). */
const SPECIAL = [
  'README.md.jinja',
  'pyproject.toml.jinja',
  'LICENSE.jinja',
  'Makefile.jinja',
  '{{ package_name }}/__init__.py.jinja',
  '{{ package_name }}/{{ package_name }}_settings.py.jinja',
  '{% if use_docker %}Dockerfile{% endif %}.jinja',
  '{% if use_docker %}docker-compose.yml{% endif %}.jinja',
  ".github/workflows/{% if ci_provider == 'github' %}ci.yml{% endif %}.jinja",
  "{% if ci_provider == 'gitlab' %}.gitlab-ci.yml{% endif %}.jinja",
  'scripts/bootstrap.sh.jinja',
];

export function renderedPath(rel: string): string {
  return rel.replaceAll('{{ package_name }}', PACKAGE).replace(/\.jinja$/, '');
}

export function buildFixture(root: string): Fixture {
  const r = rng(0x5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  const model = new Map<string, Entry>();
  const addTemplated = (rel: string, exec = false) => {
    const { lines, options } = templatedLines(rel, r, 30 + Math.floor(r() * 121));
    model.set(rel, { kind: 'tpl', lines, options, exec, edited: new Set() });
  };
  let serial = 0;
  const genericPath = (prefix = '') => {
    const [dir, ext] = pick(TPL_DIRS);
    const stem = dir.startsWith('tests') ? `test_${pick(STEMS)}` : pick(STEMS);
    return `${dir}/${prefix}${stem}_${++serial}.${ext}.jinja`;
  };

  model.set('copier.yml', { kind: 'static', data: copierYml(false), exec: false });
  model.set('{{ _copier_conf.answers_file }}.jinja', { kind: 'static', data: ANSWERS_FILE_TEMPLATE, exec: false });
  for (const rel of SPECIAL) addTemplated(rel, rel.endsWith('.sh.jinja'));
  const generic: string[] = [];
  while (SPECIAL.length + generic.length < 120) {
    const rel = genericPath();
    generic.push(rel);
    addTemplated(rel);
  }
  // Static files: binary-ish assets, executable scripts, plain text (a Helm chart keeps its own `{{ }}` verbatim).
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  for (let i = 0; i < 8; i++) model.set(`assets/img/icons/icon-${i}.png`, { kind: 'static', data: binary(r, PNG), exec: false });
  for (let i = 0; i < 4; i++) model.set(`docs/images/diagram-${i}.png`, { kind: 'static', data: binary(r, PNG), exec: false });
  for (let i = 0; i < 2; i++) model.set(`assets/fonts/inter-${i}.woff2`, { kind: 'static', data: binary(r, [0x77, 0x4f, 0x46, 0x32]), exec: false });
  model.set('{{ package_name }}/static/favicon.ico', { kind: 'static', data: binary(r, [0, 0, 1, 0]), exec: false });
  model.set('assets/data/model.bin', { kind: 'static', data: binary(r, [0x7f, 0x45, 0x4c, 0x46]), exec: false });
  for (let i = 0; i < 6; i++) model.set(`scripts/tool-${i}.sh`, { kind: 'static', data: script(`tool-${i}`, r), exec: true });
  for (let i = 0; i < 4; i++) model.set(`scripts/ci/checks/check-${i}.sh`, { kind: 'static', data: script(`check-${i}`, r), exec: true });
  const text: Array<[string, 'md' | 'cfg' | 'csv' | 'txt' | 'helm']> = [
    ...Array.from({ length: 20 }, (_, i) => [`docs/reference/page-${i}.md`, 'md'] as [string, 'md']),
    ...Array.from({ length: 10 }, (_, i) => [`config/defaults/part-${i}.cfg`, 'cfg'] as [string, 'cfg']),
    ...Array.from({ length: 11 }, (_, i) => [`tests/fixtures/data/sample-${i}.csv`, 'csv'] as [string, 'csv']),
    ...Array.from({ length: 6 }, (_, i) => [`{{ package_name }}/data/seed-${i}.txt`, 'txt'] as [string, 'txt']),
    ...Array.from({ length: 3 }, (_, i) => [`deploy/helm/chart/templates/object-${i}.yaml`, 'helm'] as [string, 'helm']),
  ];
  for (const [rel, kind] of text) model.set(rel, { kind: 'static', data: staticText(rel, r, kind), exec: false });
  model.set('.editorconfig', { kind: 'static', data: 'root = true\n\n[*]\nindent_style = space\nindent_size = 4\n', exec: false });
  model.set('.gitignore', { kind: 'static', data: '__pycache__/\n*.pyc\n.venv/\ndist/\n', exec: false });
  model.set('.pre-commit-config.yaml', { kind: 'static', data: 'repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.6.0\n    hooks:\n      - id: ruff\n', exec: false });
  model.set('CODEOWNERS', { kind: 'static', data: '* @platform-team\n', exec: false });

  // Ten files the user will edit: 3 with conflicting edits, 4 merged cleanly, 3 the template never touches.
  const userFiles = generic.slice(0, 10);
  const [conflictFiles, mergeFiles, keepFiles] = [userFiles.slice(0, 3), userFiles.slice(3, 7), userFiles.slice(7)];
  const protectedFiles = new Set([...userFiles, 'copier.yml', '{{ _copier_conf.answers_file }}.jinja']);

  const dir = path.join(root, 'template');
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  const versions = ['v1.0.0', 'v1.1.0', 'v1.2.0'];
  const files: Fixture['files'] = {};
  let written = new Set<string>();
  for (const [index, tag] of versions.entries()) {
    if (index > 0) {
      const forced = index === 1 ? mergeFiles : [...conflictFiles, ...mergeFiles.slice(0, 2)];
      const pool = generic.filter((rel) => model.has(rel) && !userFiles.includes(rel));
      const changed = new Set(forced);
      while (changed.size < 20) changed.add(pick(pool));
      for (const rel of changed) editTemplated(model.get(rel) as Templated, tag, r);
      // Three added, two removed, one renamed.
      for (let i = 0; i < 2; i++) addTemplated(genericPath(`added_${tag.replaceAll('.', '_')}_`));
      model.set(`docs/reference/added-in-${tag}.md`, { kind: 'static', data: staticText(tag, r, 'md'), exec: false });
      const removable = [...model.keys()].filter((rel) => !protectedFiles.has(rel) && !SPECIAL.includes(rel) && !changed.has(rel));
      const goneTpl = pick(removable.filter((rel) => rel.endsWith('.jinja')));
      const goneStatic = pick(removable.filter((rel) => !rel.endsWith('.jinja')));
      model.delete(goneTpl);
      model.delete(goneStatic);
      const moving = pick(removable.filter((rel) => rel.endsWith('.jinja') && rel !== goneTpl));
      const entry = model.get(moving)!;
      model.delete(moving);
      model.set(moving.replace(/^[^/]+\//, (top) => `${top.slice(0, -1)}-moved/`), entry);
      if (index === 2) model.set('copier.yml', { kind: 'static', data: copierYml(true), exec: false });
    }
    for (const rel of written) if (!model.has(rel)) rmSync(path.join(dir, rel));
    for (const [rel, entry] of model) {
      const abs = path.join(dir, rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, entry.kind === 'tpl' ? `${entry.lines.join('\n')}\n` : entry.data);
      chmodSync(abs, entry.exec ? 0o755 : 0o644);
    }
    written = new Set(model.keys());
    commitAll(dir, `release ${tag}`);
    git(dir, 'tag', tag);
    const templated = [...model.keys()].filter((rel) => rel.endsWith('.jinja')).length;
    files[tag] = { templated, static: model.size - templated };
  }

  const userEdits: UserEdit[] = [];
  const edit = (rel: string, kind: UserEdit['kind'], choose: (t: Templated) => number) => {
    const t = model.get(rel) as Templated;
    userEdits.push({ path: renderedPath(rel), kind, option: choose(t) });
  };
  for (const rel of conflictFiles) edit(rel, 'conflict', (t) => Math.min(...t.edited));
  for (const rel of mergeFiles) edit(rel, 'merge', (t) => farFrom(t));
  for (const rel of keepFiles) edit(rel, 'keep', (t) => Math.ceil(t.options / 2));
  return { dir, versions, files, userEdits };
}

/** A version's edit: two option lines get new values; one file in three also gains a templated line. */
function editTemplated(file: Templated, tag: string, r: () => number): void {
  const candidates = Array.from({ length: file.options }, (_, i) => i + 1).filter((n) => !file.edited.has(n));
  for (let k = 0; k < 2; k++) {
    const n = candidates.splice(Math.floor(r() * candidates.length), 1)[0]!;
    const at = file.lines.indexOf(optionLine(n));
    file.lines[at] = `${optionLine(n)}000  # tuned in ${tag}`;
    if (k === 0 && r() < 0.34) file.lines.splice(at + 1, 0, `feature_${tag.replaceAll('.', '_')} = "{{ slug|upper }}-{{ port }}"`);
    file.edited.add(n);
  }
}

/** An option line at least four options away from every line the template changed: edits there merge cleanly. */
function farFrom(file: Templated): number {
  let best = 1;
  let bestDistance = -1;
  for (let n = 1; n <= file.options; n++) {
    const distance = Math.min(...[...file.edited].map((e) => Math.abs(e - n)));
    if (distance > bestDistance) [best, bestDistance] = [n, distance];
  }
  if (bestDistance < 4) throw new Error(`bench fixture: no option line far from the template's edits (${bestDistance})`);
  return best;
}
