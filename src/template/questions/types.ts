/** What the answering step takes and returns; the engine builds the context and writes the answers file. */
import type { QuestionType, TemplateConfig } from '../config/types.ts';
import type { JinjaRenderer } from '../jinja/types.ts';

/** Where an answer came from; it decides the error class (a bad default is the template's fault). */
export type AnswerSource = 'data' | 'prompt' | 'last' | 'default' | 'choice';

export interface Choice {
  label: string;
  value: unknown;
  /** A rendered choice validator's message: the choice is shown but cannot be picked. */
  disabled?: string;
}

/** A question with every templated field rendered against the answers so far. */
export interface RenderedQuestion {
  name: string;
  type: QuestionType;
  /** The rendered `help`, or the name followed by the type when it is not `str` (as Copier prints it). */
  message: string;
  help?: string;
  choices?: Choice[];
  /** The default, already cast; `undefined` when the question has none (the user must answer). */
  default?: unknown;
  placeholder?: string;
  multiline: boolean;
  secret: boolean;
  multiselect: boolean;
  qmark?: string;
  /** Casts and validates a raw answer; prompters call it to re-ask until it passes. */
  check(raw: unknown): { ok: true; value: unknown } | { ok: false; error: string };
}

export interface Prompter {
  /**
   * Returns the raw answer (typed text, a choice value or a list of them, a bool), or
   * `question.default` itself to accept the default. The resolver casts and validates it.
   */
  ask(question: RenderedQuestion): Promise<unknown>;
}

export interface ResolveAnswersInput {
  config: TemplateConfig;
  renderer: JinjaRenderer;
  /** `_copier_conf`, `_folder_name`, `_copier_operation`, `_external_data`…, provided by the engine. */
  baseContext: Record<string, unknown>;
  /**
   * Values that depend on the answers so far, recomputed before each question (Copier evaluates
   * `_external_data` lazily, so its paths may use earlier answers).
   */
  extendContext?: (context: Record<string, unknown>) => Record<string, unknown>;
  /** `--data` / `--data-file`: raw strings or YAML values, cast by each question's type. */
  data: Record<string, unknown>;
  /** Answers recorded in the project's answers file (update/recopy). */
  last: Record<string, unknown>;
  /** Copier's `user_defaults`: defaults from the user's settings, below last answers. */
  userDefaults?: Record<string, unknown>;
  /** `--defaults`: never prompt. */
  defaults: boolean;
  /** `update --skip-answered`: keep last answers without prompting. */
  skipAnswered: boolean;
  /** Interactive prompts; undefined = non-interactive (like `--defaults`). */
  prompter?: Prompter;
}

export interface ResolvedAnswers {
  /** Every answer usable in rendering: questions (secret and `when: false` ones too), data, last answers. */
  values: Record<string, unknown>;
  /** What goes into the answers file: questions only, without secrets or `when: false` questions. */
  recorded: Record<string, unknown>;
  /** Questions skipped by `when`: their value (the default) renders but is not recorded. */
  hidden: string[];
}
