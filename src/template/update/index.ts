import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConflictError, ExternalServiceError, InputError, NotFoundError } from '../../errors.js';
import { dirtyPaths } from '../../git/repo.js';
import { baseContext, flagsOf } from '../context.js';
import type { JinjaContext } from '../jinja/types.js';
import { generate, type Generated } from '../generate.js';
import type { CommonOptions, OperationResult } from '../options.js';
import { assertTrusted, prepareVersion, type PreparedVersion } from '../prepare.js';
import { DEFAULT_ANSWERS_FILE, parseAnswersFile, readAnswersFile, requireSource, type RecordedAnswers } from '../project/answers-file.js';
import { openTemplate, type TemplateRepo, type TemplateSnapshot } from '../source/index.js';
import { showMessage } from '../messages.js';
import { runTasks, runTemplateTasks } from '../tasks.js';
import { compareVersions, refOfDescribe } from '../version.js';
import { applyUpdatePlan, planUpdate, type UpdatePlan } from './plan.js';
import type { Side } from './decide.js';
import { applicableMigrations, migrationTasks, type Stage } from './migrations.js';

export interface UpdateOptions extends CommonOptions {
  dst: string;
  conflict?: 'inline' | 'rej';
  /** Do not ask again questions that have a recorded answer (`--skip-answered`). */
  skipAnswered?: boolean;
  /**
   * Where to read a recorded `_src_path` from, when this machine has a faster copy (the fleet
   * reads the local forge's bare repositories instead of fetching their URLs). What the answers
   * file records does not change.
   */
  sourceFor?: (src: string) => string;
}

/**
 * `paved template update`: brings a project to a newer template version, keeping its own edits.
 * Both versions are rendered in memory; each file is merged 3-way (old render = base, project =
 * ours, new render = theirs); conflicts are left as markers (or .rej files) and reported.
 */
export async function updateProject(options: UpdateOptions): Promise<OperationResult> {
  const dst = path.resolve(options.cwd ?? process.cwd(), options.dst);
  const output = options.output ?? process.stderr;
  // The clean-tree check and reading the template are independent: run them side by side, and
  // report the project's state first, before anything is asked.
  const clean = assertClean(dst);
  clean.catch(() => undefined);
  const read = (async () => {
    const recorded = await readAnswersFile(dst, options.answersFile);
    const srcPath = requireSource(recorded);
    assertVersioned(recorded);
    const repo = await openTemplate(options.sourceFor?.(srcPath) ?? srcPath, dst, output);
    return { recorded, srcPath, ...(await readVersions(repo, recorded.commit!, options)) };
  })();
  read.catch(() => undefined);
  // On a dirty project, let the template read finish before reporting: git may still be refreshing
  // the template's index, and a caller that cleans up at once would race it.
  await clean.catch(async (error: unknown) => {
    await read.catch(() => undefined);
    throw error;
  });
  const outcome = await runUpdate(options, { dst, workTree: true, ...(await read) });
  if (!('plan' in outcome)) throw new Error('unreachable: a work tree update always plans');
  return outcome.result;
}

/** A project held somewhere other than a folder (the fleet reads it from a git tree). */
export interface ProjectFiles {
  /** Where the project is, for messages. */
  label: string;
  /**
   * What the project holds at a path relative to it. A side may carry its git blob id and load its
   * bytes only when `load` was called for its path: the update compares by id, and asks for the
   * bytes of the few files it must merge or move.
   */
  read(rel: string): Side | undefined;
  load?(paths: string[]): Promise<void>;
}

export interface InMemoryUpdateOptions extends Omit<UpdateOptions, 'dst' | 'cwd' | 'sourceFor' | 'pretend'> {
  project: ProjectFiles;
  /** The template versions, read by the caller (the fleet reads each version once for all its components). */
  versions(srcPath: string, recordedCommit: string, newRef: string | undefined): Promise<{ oldSnapshot: TemplateSnapshot; newSnapshot: TemplateSnapshot }>;
}

export type InMemoryUpdate =
  | { result: OperationResult; plan: UpdatePlan }
  /** The update needs a real work tree (tasks, migrations, external data): run `updateProject` on a checkout. */
  | { needsWorkTree: string };

/**
 * The same update as `updateProject`, on a project read from memory; returns what to write and
 * delete instead of touching any disk, so a caller can commit the result straight into git.
 */
export async function updateInMemory(options: InMemoryUpdateOptions): Promise<InMemoryUpdate> {
  const file = options.answersFile ?? DEFAULT_ANSWERS_FILE;
  const answers = options.project.read(file);
  if (!answers) throw new NotFoundError(`no answers file '${file}' in ${options.project.label}`, { file });
  const recorded = parseAnswersFile(answers.data.toString('utf8'), file);
  const srcPath = requireSource(recorded);
  assertVersioned(recorded);
  const newRef = options.vcsRef === ':current:' ? refOfDescribe(recorded.commit!) : options.vcsRef;
  const versions = await options.versions(srcPath, recorded.commit!, newRef);
  const { project } = options;
  return runUpdate({ ...options, dst: project.label, pretend: true }, { dst: project.label, workTree: false, read: (rel) => project.read(rel), load: project.load?.bind(project), recorded, srcPath, ...versions });
}

function assertVersioned(recorded: RecordedAnswers): void {
  if (!recorded.commit) {
    throw new InputError(`${recorded.file} has no _commit: the project was made from an unversioned template, so there is no base to merge from; use 'paved template recopy'`, {});
  }
}

interface UpdateInput {
  dst: string;
  recorded: RecordedAnswers;
  srcPath: string;
  oldSnapshot: TemplateSnapshot;
  newSnapshot: TemplateSnapshot;
  /** False when the project is not a folder: nothing may run in it. */
  workTree: boolean;
  read?: (rel: string) => Side | undefined;
  load?: (paths: string[]) => Promise<void>;
}

async function runUpdate(options: UpdateOptions, input: UpdateInput): Promise<InMemoryUpdate> {
  const output = options.output ?? process.stderr;
  const { dst, recorded, srcPath, oldSnapshot, newSnapshot } = input;
  if (oldSnapshot.version && newSnapshot.version && compareVersions(newSnapshot.version, oldSnapshot.version) < 0) {
    throw new InputError(`cannot update from ${recorded.commit} to the older ${newSnapshot.describe}; downgrades are not supported (use recopy with --vcs-ref)`, {});
  }
  const oldPrepared = prepareVersion(oldSnapshot);
  const newPrepared = prepareVersion(newSnapshot, oldPrepared);
  const migrations = applicableMigrations(newPrepared.config.settings.migrations, oldSnapshot.version, newSnapshot.version);
  const features = [
    ...(newPrepared.config.settings.tasks.length > 0 && !options.skipTasks ? ['_tasks'] : []),
    ...(migrations.length > 0 ? ['_migrations'] : []),
  ];
  if (!input.workTree) {
    const external = [oldPrepared, newPrepared].some((p) => Object.keys(p.config.settings.externalData).length > 0) ? ['_external_data'] : [];
    if (features.length + external.length > 0) return { needsWorkTree: `the template uses ${[...features, ...external].join(' and ')}, which need the project checked out` };
  }
  assertTrusted(features, options.trust ?? false, srcPath);

  const answersFile = recorded.file;
  const common = { dst, srcPath, answersFile, options };
  // The base is the old version exactly as the project last received it: recorded answers, no prompts.
  const base = await render(oldPrepared, oldSnapshot, { ...common, data: {}, defaults: true, prompter: undefined, recorded });
  const messages: string[] = [];
  const sink = { messages, output };
  showMessage(newPrepared, 'messageBeforeUpdate', base.context, sink);
  const runStage = async (stage: Stage, context: JinjaContext) => {
    const tasks = migrationTasks(migrations, stage);
    if (tasks.length === 0 || options.pretend) return [];
    return runTasks(tasks, {
      renderer: newPrepared.renderer,
      context: {
        ...context,
        _stage: stage,
        _version_from: oldSnapshot.describe,
        _version_to: newSnapshot.describe,
        _version_pep440_from: oldSnapshot.version,
        _version_pep440_to: newSnapshot.version,
        _copier_phase: 'migrate',
      },
      cwd: dst,
      env: {
        STAGE: stage,
        VERSION_FROM: oldSnapshot.describe ?? '',
        VERSION_TO: newSnapshot.describe ?? '',
        VERSION_PEP440_FROM: oldSnapshot.version ?? '',
        VERSION_PEP440_TO: newSnapshot.version ?? '',
      },
      output,
      label: '_migrations',
    });
  };
  const ranBefore = await runStage('before', base.context);
  // A before-migration may rewrite the answers file (renamed questions…): answer from what it left.
  const current = ranBefore.length > 0 ? await readAnswersFile(dst, answersFile) : recorded;
  const theirs = await render(newPrepared, newSnapshot, { ...common, data: options.data ?? {}, defaults: options.defaults ?? false, prompter: options.prompter, recorded: current });
  const result: OperationResult = {
    operation: 'update',
    src: srcPath,
    dst,
    commit: newSnapshot.describe,
    version: newSnapshot.version,
    previousCommit: recorded.commit,
    pretend: options.pretend ?? false,
    files: [],
    conflicts: [],
    answers: theirs.recorded,
    warnings: [...newSnapshot.warnings, ...newPrepared.config.warnings],
    messages,
    tasks: ranBefore,
  };
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'paved-update-'));
  let plan: UpdatePlan;
  try {
    plan = await planUpdate({
      dst,
      base: base.project,
      theirs: theirs.project,
      answersFile,
      answers: theirs.recorded,
      skipIfExists: [...newPrepared.config.settings.skipIfExists, ...(options.skipIfExists ?? [])].map((p) =>
        newPrepared.renderer.render(p, theirs.context, 'copier.yml: _skip_if_exists'),
      ),
      conflict: options.conflict ?? 'inline',
      scratch,
      read: input.read,
      load: input.load,
    });
    result.files = plan.changes;
    result.conflicts = plan.conflicts.map((c) => c.path);
    if (options.pretend) return { result, plan };
    await applyUpdatePlan(dst, plan, answersFile);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  result.tasks.push(...(await runStage('after', theirs.context)));
  const run = { renderer: newPrepared.renderer, context: theirs.context, cwd: dst, output, skip: options.skipTasks ?? false };
  result.tasks.push(...(await runTemplateTasks(newPrepared.config.settings.tasks, run)));
  showMessage(newPrepared, 'messageAfterUpdate', theirs.context, sink);
  return { result, plan };
}

interface RenderInput {
  dst: string;
  srcPath: string;
  answersFile: string;
  options: UpdateOptions;
  data: Record<string, unknown>;
  defaults: boolean;
  prompter: UpdateOptions['prompter'];
  recorded?: RecordedAnswers;
}

function render(prepared: PreparedVersion, snapshot: TemplateSnapshot, input: RenderInput): Promise<Generated> {
  return generate({
    prepared,
    base: baseContext({
      operation: 'update',
      src: input.srcPath,
      dst: input.dst,
      answersFile: input.answersFile,
      vcsRef: input.options.vcsRef,
      commit: snapshot.commit,
      data: input.data,
      flags: flagsOf(input.options),
    }),
    dst: input.dst,
    srcPath: input.srcPath,
    data: input.data,
    last: input.recorded?.answers ?? {},
    defaults: input.defaults,
    skipAnswered: input.options.skipAnswered ?? false,
    prompter: input.prompter,
    exclude: input.options.exclude,
  });
}

/** The version the project was made from and the one to update to, read through one git process. */
async function readVersions(repo: TemplateRepo, recordedCommit: string, options: UpdateOptions) {
  try {
    const oldSnapshot = await repo.snapshot(refOfDescribe(recordedCommit)).catch((error: unknown) => {
      if (error instanceof NotFoundError) {
        throw new NotFoundError(`the template version this project was made from (${recordedCommit}) is not in ${repo.src} any more; use 'paved template recopy'`, { commit: recordedCommit });
      }
      throw error;
    });
    // Copier's `--vcs-ref :current:` re-renders the version the project is on (e.g. to change answers).
    const newRef = options.vcsRef === ':current:' ? refOfDescribe(recordedCommit) : options.vcsRef;
    const newSnapshot = await repo.snapshot(newRef, { prereleases: options.prereleases });
    return { oldSnapshot, newSnapshot };
  } finally {
    repo.close();
  }
}

/** An update only runs on a committed work tree: every change it makes can be reviewed and undone with git. */
async function assertClean(dst: string): Promise<void> {
  const dirty = await dirtyPaths(dst, ['.']).catch((error: unknown) => {
    if (!(error instanceof ExternalServiceError && error.details.code === 128)) throw error;
    throw new InputError(`${dst} is not in a git repository; update needs git to keep your edits safe. Run: git init && git add -A && git commit -m init`, { dst });
  });
  if (dirty.length > 0) {
    throw new ConflictError(
      `${dst} has uncommitted changes (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', …' : ''}); commit or stash them, then update again`,
      { files: dirty },
    );
  }
}
