/**
 * A template's `copier.yml`, normalised: what the engine reads. The raw YAML shape is validated
 * by the loader (src/template/config/load.ts); these are the defaulted, typed results.
 */
export type QuestionType = 'str' | 'int' | 'float' | 'bool' | 'json' | 'yaml' | 'path';

/** One question as written; templated fields stay strings until rendered with the answers so far. */
export interface QuestionSpec {
  name: string;
  /**
   * Declared type; when absent Copier infers it from the default's YAML type (str, int, float,
   * bool), else `yaml` (no default, null, lists and mappings).
   */
  type: QuestionType;
  /** A templated `type` (e.g. `"{% if x %}yaml{% else %}json{% endif %}"`), rendered when asked. */
  typeTemplate?: string;
  help?: string;
  /** A list of values, a list of [label, value] pairs, or a mapping label → value (Copier's three forms). */
  choices?: unknown;
  default?: unknown;
  /** `true`/`false` or a Jinja string rendered to a bool. */
  when?: unknown;
  /** A Jinja string; a non-empty render is the error message. */
  validator?: string;
  secret: boolean;
  multiselect: boolean;
  placeholder?: string;
  multiline: unknown;
  qmark?: string;
}

export interface TaskSpec {
  /** A string runs through the shell; a list runs without one. Both are rendered with Jinja. */
  command: string | string[];
  when?: unknown;
  workingDirectory?: string;
}

export interface MigrationSpec extends TaskSpec {
  /** Runs when updating across this version: from < version <= to. Absent: runs on every update (Copier 9). */
  version?: string;
  /** Copier 9 form: `when` decides the stage via `_stage`; the legacy form fixes it. */
  stage?: 'before' | 'after';
}

export interface TemplateSettings {
  subdirectory: string;
  exclude: string[];
  skipIfExists: string[];
  templatesSuffix: string;
  answersFile: string;
  tasks: TaskSpec[];
  migrations: MigrationSpec[];
  envops: Record<string, unknown>;
  jinjaExtensions: string[];
  minCopierVersion?: string;
  messageBeforeCopy?: string;
  messageAfterCopy?: string;
  messageBeforeUpdate?: string;
  messageAfterUpdate?: string;
  preserveSymlinks: boolean;
  /** name → templated path of a YAML file in the project, loaded lazily as `_external_data.name`. */
  externalData: Record<string, string>;
  /** Legacy `_secret_questions`: names treated as `secret: true`. */
  secretQuestions: string[];
}

export interface TemplateConfig {
  /** The config file's path relative to the template root (`copier.yml` or `copier.yaml`), or undefined if none. */
  file?: string;
  settings: TemplateSettings;
  questions: QuestionSpec[];
  /** Things Copier ignores or deprecates (unknown `_settings`, legacy migrations), for the CLI to show. */
  warnings: string[];
}

/** Read access to a template's files at one version (relative POSIX paths). */
export interface TemplateFiles {
  read(path: string): string | undefined;
  list(): string[];
}
