import type { JinjaContext } from './jinja/types.js';
import type { PreparedVersion } from './prepare.js';
import { externalData } from './external-data.js';
import { resolveAnswers, type Prompter } from './questions/index.js';
import { renderFiles, renderProject, type PlannedFile, type RenderedProject } from './render/index.js';

export interface GenerateInput {
  prepared: PreparedVersion;
  base: JinjaContext;
  dst: string;
  /** `_src_path` as recorded in the answers file. */
  srcPath: string;
  data: Record<string, unknown>;
  last: Record<string, unknown>;
  defaults: boolean;
  skipAnswered: boolean;
  prompter?: Prompter;
  exclude?: string[];
  /** Receives each file as soon as it has rendered (copy streams them into a staging folder). */
  onFile?: (file: PlannedFile) => void;
}

export interface Generated {
  project: RenderedProject;
  /** Every answer, secrets included: what templates render with. */
  values: Record<string, unknown>;
  /** What the answers file records (`_commit`, `_src_path`, non-secret answers). */
  recorded: Record<string, unknown>;
  context: JinjaContext;
}

/** Answers a template version's questions and renders it in memory: the heart of copy, update and recopy. */
export async function generate(input: GenerateInput): Promise<Generated> {
  const { prepared } = input;
  const extend = externalData(prepared, input.dst);
  const answers = await resolveAnswers({
    config: prepared.config,
    renderer: prepared.renderer,
    baseContext: input.base,
    extendContext: extend,
    data: input.data,
    last: input.last,
    defaults: input.defaults,
    skipAnswered: input.skipAnswered,
    prompter: input.prompter,
  });
  const recorded: Record<string, unknown> = { ...answers.recorded };
  if (prepared.snapshot.describe) recorded._commit = prepared.snapshot.describe;
  recorded._src_path = input.srcPath;
  const answered = { ...input.base, ...answers.values };
  const context: JinjaContext = { ...answered, ...extend(answered), _copier_answers: recorded };
  const renderInput = { files: prepared.snapshot.files, settings: prepared.config.settings, renderer: prepared.renderer, context, exclude: input.exclude };
  const project = input.onFile ? await streamFiles(renderFiles(renderInput), input.onFile) : renderProject(renderInput);
  return { project, values: answers.values, recorded, context };
}

/** Drives the renderer file by file, pausing now and then so the files already handed on get written meanwhile. */
async function streamFiles(files: Generator<PlannedFile, RenderedProject>, onFile: (file: PlannedFile) => void): Promise<RenderedProject> {
  for (let count = 1; ; count++) {
    const step = files.next();
    if (step.done) return step.value;
    onFile(step.value);
    if (count % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
