import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError, InputError } from '../errors.js';
import { baseContext, flagsOf, type Operation } from './context.js';
import { generate, type Generated } from './generate.js';
import { showMessage } from './messages.js';
import type { CommonOptions, FileChange, OperationResult } from './options.js';
import { assertTrusted, prepareVersion, type PreparedVersion } from './prepare.js';
import { readAnswersFile } from './project/answers-file.js';
import { readProjectFile } from './project/disk.js';
import { StagingWriter } from './project/staging.js';
import { writeProject } from './project/write.js';
import type { PlannedFile } from './render/index.js';
import { pathMatcher } from './render/matcher.js';
import { openTemplate } from './source/index.js';
import { parseSource } from './source/url.js';
import { runTemplateTasks } from './tasks.js';

export interface CopyOptions extends CommonOptions {
  src: string;
  dst: string;
  /** Replace files that exist with different content (`--overwrite`). */
  overwrite?: boolean;
  /** Answers recorded earlier (recopy passes the project's). */
  last?: Record<string, unknown>;
  /** Recopy: the files git tracks in the project, the only ones it may overwrite without --overwrite. */
  tracked?: Set<string>;
}

/** Renders a template into a folder: `paved template copy`. Nothing is written until every file has rendered and been checked. */
export async function copyTemplate(options: CopyOptions, operation: Operation = 'copy'): Promise<OperationResult> {
  const output = options.output ?? process.stderr;
  const cwd = options.cwd ?? process.cwd();
  const dst = path.resolve(cwd, options.dst);
  const repo = await openTemplate(options.src, cwd, output);
  const snapshot = await repo.snapshot(options.vcsRef, { prereleases: options.prereleases }).finally(() => repo.close());
  const prepared = prepareVersion(snapshot);
  const { settings } = prepared.config;
  assertTrusted(settings.tasks.length > 0 && !options.skipTasks ? ['_tasks'] : [], options.trust ?? false, options.src);
  const answersFile = options.answersFile ?? settings.answersFile;
  const srcPath = recordedSource(options.src, cwd);
  const data = options.data ?? {};
  const base = baseContext({
    operation,
    src: srcPath,
    dst,
    answersFile,
    vcsRef: options.vcsRef,
    commit: snapshot.commit,
    data,
    flags: flagsOf(options),
  });
  const messages: string[] = [];
  const sink = { messages, output };
  showMessage(prepared, 'messageBeforeCopy', base, sink);
  // A new destination is written while it renders, into a staging folder that only appears at the destination once complete.
  const created = !existsSync(dst);
  if (!created && !statSync(dst).isDirectory()) throw new InputError(`destination ${dst} is a file, not a folder; choose a folder to copy into`, { dst });
  const staging = created && !options.pretend ? new StagingWriter(dst) : undefined;
  let generated: Generated;
  let planned: { changes: FileChange[]; writes: PlannedFile[] };
  try {
    generated = await generate({
      prepared,
      base,
      dst,
      srcPath,
      data,
      last: options.last ?? (await previousAnswers(dst, answersFile)),
      defaults: options.defaults ?? false,
      skipAnswered: false,
      prompter: options.prompter,
      exclude: options.exclude,
      onFile: staging && ((file) => staging.add(file)),
    });
    planned = await compareWithProject(generated, { dst, created, operation, options, prepared });
  } catch (error) {
    await staging?.abort();
    throw error;
  }
  const changes = planned.changes;
  const result: OperationResult = {
    operation,
    src: srcPath,
    dst,
    commit: snapshot.describe,
    version: snapshot.version,
    pretend: options.pretend ?? false,
    files: changes,
    conflicts: [],
    answers: generated.recorded,
    warnings: [...snapshot.warnings, ...prepared.config.warnings],
    messages,
    tasks: [],
  };
  if (options.pretend) return result;
  if (staging) await staging.commit(generated.project.folders);
  else await writeProject(dst, { files: planned.writes, folders: [...generated.project.folders] });
  try {
    const run = { renderer: prepared.renderer, context: generated.context, cwd: dst, output, skip: options.skipTasks ?? false };
    result.tasks = await runTemplateTasks(settings.tasks, run);
  } catch (error) {
    // A failed task leaves no half-set-up project behind when the copy created the folder (Copier's cleanup_on_error).
    if (created) await rm(dst, { recursive: true, force: true });
    throw error;
  }
  showMessage(prepared, 'messageAfterCopy', generated.context, sink);
  return result;
}

interface CompareInput {
  dst: string;
  created: boolean;
  operation: Operation;
  options: CopyOptions;
  prepared: PreparedVersion;
}

/**
 * What copying does to each file of an existing folder: create, leave identical, skip
 * (`_skip_if_exists`) or overwrite. Differing files are refused unless `--overwrite`; recopy
 * overwrites only files git tracks, so an edit to an ignored or untracked file is never lost.
 */
async function compareWithProject(generated: Generated, input: CompareInput): Promise<{ changes: FileChange[]; writes: PlannedFile[] }> {
  const { dst, options, prepared } = input;
  const patterns = [...prepared.config.settings.skipIfExists, ...(options.skipIfExists ?? [])];
  const skipIfExists = pathMatcher(patterns.map((p) => prepared.renderer.render(p, generated.context, 'copier.yml: _skip_if_exists')));
  const changes: FileChange[] = [];
  const writes: PlannedFile[] = [];
  const clashes: string[] = [];
  for (const file of generated.project.files.values()) {
    const existing = input.created ? undefined : readProjectFile(dst, file.path);
    if (!existing) {
      changes.push({ path: file.path, action: 'create' });
      writes.push(file);
    } else if (existing.data.equals(file.data) && existing.mode === file.mode) {
      changes.push({ path: file.path, action: 'identical' });
    } else if (skipIfExists(file.path)) {
      changes.push({ path: file.path, action: 'skip' });
    } else if (options.overwrite || (input.operation === 'recopy' && (options.tracked?.has(file.path) ?? true))) {
      changes.push({ path: file.path, action: 'overwrite' });
      writes.push(file);
    } else clashes.push(file.path);
  }
  if (clashes.length > 0) {
    throw new ConflictError(
      `${clashes.length} file(s) already exist in ${dst} with different content${input.operation === 'recopy' ? ' and are not tracked by git' : ''}: ` +
        `${clashes.slice(0, 5).join(', ')}${clashes.length > 5 ? ', …' : ''}; nothing was written. Use --overwrite to replace them` +
        (input.operation === 'copy' ? ', or `paved template update` for a project made from this template' : ''),
      { files: clashes },
    );
  }
  return { changes, writes };
}

/** Copying over a project that already has answers (Copier's "remember answers") starts from them. */
async function previousAnswers(dst: string, answersFile: string): Promise<Record<string, unknown>> {
  if (!existsSync(path.join(dst, answersFile))) return {};
  return (await readAnswersFile(dst, answersFile).catch(() => undefined))?.answers ?? {};
}

/** `_src_path` as recorded: URLs as given, local paths (`./t`, `~/t`, `file://…`) made absolute so the project can update from anywhere. */
export function recordedSource(src: string, cwd: string): string {
  const parsed = parseSource(src, cwd);
  return parsed.kind === 'remote' ? src : parsed.location;
}
