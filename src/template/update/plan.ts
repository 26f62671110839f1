import path from 'node:path';
import type { FileChange } from '../options.js';
import { readProjectFile } from '../project/disk.js';
import { writeProject } from '../project/write.js';
import type { FileMode, PlannedFile, RenderedProject } from '../render/index.js';
import { pathMatcher } from '../render/matcher.js';
import { decide, same, type Decision, type Side } from './decide.js';
import { realpath } from 'node:fs/promises';
import { workTreeRoot } from '../../git/repo.js';
import { defaultAnswersFile } from '../project/answers-file.js';
import { withSignalsDeferred } from '../project/signals.js';
import { markUnmerged, type ConflictStages } from './index-marks.js';
import { mergeInlineAll, mergeRej, type MergeResult } from './merge-file.js';
import { detectRenames } from './renames.js';

export interface UpdatePlanInput {
  dst: string;
  base: RenderedProject;
  theirs: RenderedProject;
  answersFile: string;
  /** What the new answers file records, for when the new version no longer renders one. */
  answers: Record<string, unknown>;
  skipIfExists: string[];
  conflict: 'inline' | 'rej';
  /** A private temporary folder for merge inputs. */
  scratch: string;
  /** What the project holds at a path; by default read from `dst` on disk (the fleet reads a git tree). */
  read?: (rel: string) => Side | undefined;
  /** Loads the bytes of these project paths before the plan reads them (sides read lazily from git). */
  load?: (paths: string[]) => Promise<void>;
}

export interface UpdatePlan {
  writes: PlannedFile[];
  deletes: string[];
  changes: FileChange[];
  /** Paths relative to the project, with their three sides for the git index. */
  conflicts: Array<{ path: string; base?: Side; ours?: Side; theirs?: Side }>;
}

interface Item {
  /** Where the file ends up. */
  rel: string;
  /** Where the project holds it now (differs from `rel` when the template moved the file). */
  from: string;
  base?: Side;
  ours?: Side;
  theirs?: Side;
}

/** Works out, file by file, what an update does to the project; writes nothing. */
export async function planUpdate(input: UpdatePlanInput): Promise<UpdatePlan> {
  const base = sides(input.base);
  const theirs = sides(input.theirs);
  const skip = pathMatcher(input.skipIfExists);
  const plan: UpdatePlan = { writes: [], deletes: [], changes: [], conflicts: [] };
  const read = input.read ?? ((rel: string) => readSide(input.dst, rel));
  const all = items(read, base, theirs, input.answersFile);
  const decisions = all.map((item) => decide(item.base, item.ours, item.theirs, skip(item.rel)));
  // Decisions compare blob ids where the project has them; only files merged or moved need bytes.
  await input.load?.(all.filter((item, i) => item.ours && (decisions[i]!.kind === 'merge' || item.from !== item.rel)).map((item) => item.from));
  // Merges are the only slow step (git processes): start them all before assembling the plan in order.
  const merges = startMerges(all, decisions, input);
  // A failure surfaces when its turn comes below; until then it must not count as unhandled.
  for (const merge of merges) merge?.catch(() => undefined);
  for (const [index, item] of all.entries()) {
    const { rel, from, ours } = item;
    const moved = from !== rel;
    const decision = decisions[index]!;
    const move = (side: Side, action: FileChange['action']) => {
      plan.writes.push(planned(rel, side, from));
      if (moved) plan.deletes.push(from);
      plan.changes.push(moved ? { path: rel, action: action === 'conflict' ? 'conflict' : 'rename', note: moved ? from : undefined } : { path: rel, action });
    };
    switch (decision.kind) {
      case 'keep':
        // A file the template only moved keeps the project's content at its new place.
        if (moved && ours && (decision.reason === 'template-unchanged' || decision.reason === 'already-current')) move(ours, 'rename');
        break;
      case 'take':
        move(item.theirs!, decision.action);
        break;
      case 'delete':
        plan.deletes.push(rel);
        plan.changes.push({ path: rel, action: 'delete' });
        break;
      case 'conflict-removed-upstream':
        plan.changes.push({ path: rel, action: 'conflict', note: "removed from the template but changed in the project; kept the project's file" });
        plan.conflicts.push({ path: rel, base: item.base, ours });
        break;
      case 'conflict-symlink':
        plan.changes.push({ path: rel, action: 'conflict', note: "a symlink on one side, changed on both; kept the project's" });
        plan.conflicts.push({ path: rel, base: item.base, ours, theirs: item.theirs });
        break;
      case 'merge': {
        const merged = await merges[index]!;
        const mode = ours!.mode === item.base?.mode ? item.theirs!.mode : ours!.mode;
        move({ data: merged.data, mode }, merged.conflicted ? 'conflict' : 'merge');
        if (merged.rejects) plan.writes.push(planned(`${rel}.rej`, { data: merged.rejects, mode: '100644' }, rel));
        if (merged.conflicted) {
          plan.changes[plan.changes.length - 1]!.note = merged.rejects ? `rejected hunks in ${rel}.rej` : 'conflict markers';
          plan.conflicts.push({ path: rel, base: decision.base, ours, theirs: item.theirs });
        }
        break;
      }
    }
  }
  // The answers file always moves to the new version, even if the new version stopped rendering it.
  const answers = theirs.get(input.answersFile) ?? { data: Buffer.from(defaultAnswersFile(input.answers)), mode: '100644' };
  if (!same(answers, read(input.answersFile))) {
    plan.writes.push(planned(input.answersFile, answers, input.answersFile));
    plan.changes.push({ path: input.answersFile, action: 'update' });
  }
  return plan;
}

/** Every path either version renders, paired across renames, with what the project holds for it. */
function items(read: (rel: string) => Side | undefined, base: Map<string, Side>, theirs: Map<string, Side>, answersFile: string): Item[] {
  const result: Item[] = [];
  const renames = detectRenames(base, theirs);
  const paired = new Set<string>();
  for (const [from, to] of renames) {
    // If the project already has something at the new path, the move is not clean: treat both paths on their own.
    if (read(to)) continue;
    result.push({ rel: to, from, base: base.get(from), ours: read(from), theirs: theirs.get(to) });
    paired.add(from).add(to);
  }
  const rest = [...new Set([...base.keys(), ...theirs.keys()])].filter((p) => p !== answersFile && !paired.has(p));
  const ours = rest.map((rel) => read(rel));
  rest.forEach((rel, i) => result.push({ rel, from: rel, base: base.get(rel), ours: ours[i], theirs: theirs.get(rel) }));
  return result.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

const MERGE_CONCURRENCY = 4;

/** Inline merges go through one shell together; `.rej` merges (rare) run a few at a time. */
function startMerges(all: Item[], decisions: Decision[], input: UpdatePlanInput): Array<Promise<MergeResult> | undefined> {
  const merging = decisions.flatMap((decision, index) => (decision.kind === 'merge' ? [{ index, base: decision.base, item: all[index]! }] : []));
  const merges: Array<Promise<MergeResult> | undefined> = decisions.map(() => undefined);
  if (input.conflict === 'inline') {
    const results = mergeInlineAll(input.scratch, merging.map(({ base, item }) => ({ base, ours: item.ours!, theirs: item.theirs! })));
    merging.forEach(({ index }, k) => (merges[index] = results.then((r) => r[k]!)));
  } else {
    const limit = limiter(MERGE_CONCURRENCY);
    for (const { index, base, item } of merging) merges[index] = limit(() => mergeRej(input.scratch, index, item.rel, base, item.ours!, item.theirs!));
  }
  return merges;
}

/** Runs at most `n` of the given tasks at once. */
function limiter(n: number) {
  let running = 0;
  const queue: Array<() => void> = [];
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        running++;
        task().then(resolve, reject).finally(() => {
          running--;
          queue.shift()?.();
        });
      };
      if (running < n) start();
      else queue.push(start);
    });
}

/** Writes the plan and records inline conflicts as unmerged in the git index. */
export function applyUpdatePlan(dst: string, plan: UpdatePlan, answersFile: string): Promise<void> {
  return withSignalsDeferred(async () => {
    await writeProject(dst, { files: plan.writes, deletes: plan.deletes, last: [answersFile] });
    if (plan.conflicts.length > 0) await markConflicts(dst, plan);
  });
}

async function markConflicts(dst: string, plan: UpdatePlan): Promise<void> {
  const repoTop = (await workTreeRoot(dst))!;
  // Both sides real: a project reached through a symlink must still be named as git names it.
  const prefix = path.relative(repoTop, await realpath(dst)).split(path.sep).join('/');
  const staged: ConflictStages[] = plan.conflicts
    .filter((conflict) => !plan.writes.some((w) => w.path === `${conflict.path}.rej`))
    .map((conflict) => ({ ...conflict, path: prefix ? `${prefix}/${conflict.path}` : conflict.path }));
  await markUnmerged(repoTop, staged);
}

function sides(project: RenderedProject): Map<string, Side> {
  return new Map([...project.files].map(([p, file]) => [p, { data: file.data, mode: file.mode }]));
}

function readSide(root: string, rel: string): Side | undefined {
  const found = readProjectFile(root, rel);
  return found && found.mode !== 'dir' ? found : undefined;
}

function planned(rel: string, side: Side, origin: string): PlannedFile {
  return { path: rel, mode: side.mode as FileMode, data: side.data, origin };
}
