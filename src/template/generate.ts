import type { JinjaContext } from './jinja/types.js';
import type { PreparedVersion } from './prepare.js';
import { externalData } from './external-data.js';
import { resolveAnswers, type Prompter } from './questions/index.js';
import { renderProject, type RenderedProject } from './render/index.js';

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
  const project = renderProject({
    files: prepared.snapshot.files,
    settings: prepared.config.settings,
    renderer: prepared.renderer,
    context,
    exclude: input.exclude,
  });
  return { project, values: answers.values, recorded, context };
}
