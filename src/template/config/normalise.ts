/**
 * Turns the merged raw mapping of `copier.yml` into the normalised `TemplateConfig`: splits
 * `_settings` from questions, expands shorthand questions, validates with the zod schema and
 * applies Copier's defaults.
 */
import { TemplateError } from '../../errors.ts';
import { configSchema, formatIssue, KNOWN_SETTINGS, QUESTION_TYPES, type RawConfig, type RawQuestion } from './schema.ts';
import type { MigrationSpec, QuestionSpec, QuestionType, TaskSpec, TemplateConfig, TemplateSettings } from './types.ts';

/** Copier's DEFAULT_EXCLUDE (copier/_template.py), used when the template root is the repository root. */
export const DEFAULT_EXCLUDE: readonly string[] = [
  'copier.yaml', 'copier.yml', '~*', '*.py[co]', '__pycache__', '.git', '.DS_Store', '.svn',
];
export const DEFAULT_TEMPLATES_SUFFIX = '.jinja';
export const DEFAULT_ANSWERS_FILE = '.copier-answers.yml';

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Copier's `filter_config`: `_keys` are settings; a non-mapping question value is its default. */
function split(merged: Map<string, unknown>): { settings: Record<string, unknown>; questions: Record<string, unknown> } {
  const settings: Record<string, unknown> = {};
  const questions: Record<string, unknown> = {};
  for (const [key, value] of merged) {
    if (key.startsWith('_')) settings[key] = value;
    else questions[key] = isMapping(value) ? value : { default: value };
  }
  return { settings, questions };
}

export function normaliseConfig(file: string, merged: Map<string, unknown>): TemplateConfig {
  const split_ = split(merged);
  const parsed = configSchema.safeParse(split_, { reportInput: true });
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => formatIssue(file, issue));
    throw new TemplateError(messages.join('\n'), { file, issues: messages });
  }
  const raw: RawConfig = parsed.data;
  const warnings = Object.keys(split_.settings)
    .filter((key) => !(KNOWN_SETTINGS as readonly string[]).includes(key))
    .map((key) => `${file}: unknown setting '${key}' is ignored`);
  const settings = normaliseSettings(raw, file, warnings);
  const questions = Object.entries(raw.questions).map(([name, q]) => normaliseQuestion(file, name, q, settings.secretQuestions));
  return { file, settings, questions, warnings };
}

/** Copier infers the type from the default's Python type name, falling back to `yaml`. */
export function inferType(value: unknown): QuestionType {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return 'yaml';
}

function normaliseQuestion(file: string, name: string, q: RawQuestion, secretNames: string[]): QuestionSpec {
  const declared = q.type;
  const isStatic = declared !== undefined && (QUESTION_TYPES as readonly string[]).includes(declared);
  const secret = q.secret === true || secretNames.includes(name);
  const hasDefault = 'default' in q && q.default !== undefined;
  if (secret && !hasDefault) {
    throw new TemplateError(`${file}: question '${name}': a secret question needs a default; add 'default:'`, { file, question: name });
  }
  const spec: QuestionSpec = {
    name,
    type: isStatic ? (declared as QuestionType) : inferType(q.default),
    secret,
    multiselect: q.multiselect === true,
    multiline: q.multiline ?? false,
  };
  if (declared !== undefined && !isStatic) spec.typeTemplate = declared;
  if (hasDefault) spec.default = q.default;
  if (q.help !== undefined) spec.help = q.help;
  if (q.choices !== undefined) spec.choices = q.choices;
  if (q.when !== undefined) spec.when = q.when;
  if (q.validator !== undefined) spec.validator = q.validator;
  if (q.placeholder !== undefined) spec.placeholder = q.placeholder;
  if (q.qmark !== undefined) spec.qmark = q.qmark;
  return spec;
}

function normaliseSettings(raw: RawConfig, file: string, warnings: string[]): TemplateSettings {
  const s = raw.settings;
  const subdirectory = s._subdirectory ?? '';
  // Copier: with a real subdirectory the template files live apart from copier.yml, so nothing is excluded by default.
  const atRoot = ['', '.', './'].includes(subdirectory);
  // Copier sets keep_trailing_newline unless the template says otherwise (copier issue #464).
  const envops = { keep_trailing_newline: true, ...(s._envops ?? {}) };
  const settings: TemplateSettings = {
    subdirectory,
    exclude: s._exclude ?? (atRoot ? [...DEFAULT_EXCLUDE] : []),
    skipIfExists: s._skip_if_exists ?? [],
    templatesSuffix: s._templates_suffix ?? DEFAULT_TEMPLATES_SUFFIX,
    answersFile: s._answers_file ?? DEFAULT_ANSWERS_FILE,
    tasks: (s._tasks ?? []).map(normaliseTask),
    migrations: normaliseMigrations(s._migrations ?? [], envops, file, warnings),
    envops,
    jinjaExtensions: s._jinja_extensions ?? [],
    preserveSymlinks: s._preserve_symlinks ?? false,
    externalData: s._external_data ?? {},
    secretQuestions: s._secret_questions ?? [],
  };
  if (s._min_copier_version !== undefined) settings.minCopierVersion = String(s._min_copier_version);
  if (s._message_before_copy !== undefined) settings.messageBeforeCopy = s._message_before_copy;
  if (s._message_after_copy !== undefined) settings.messageAfterCopy = s._message_after_copy;
  if (s._message_before_update !== undefined) settings.messageBeforeUpdate = s._message_before_update;
  if (s._message_after_update !== undefined) settings.messageAfterUpdate = s._message_after_update;
  return settings;
}

type RawCommand = string | Array<string | number>;
const toCommand = (c: RawCommand): string | string[] => (typeof c === 'string' ? c : c.map(String));

function normaliseTask(task: RawCommand | { command: RawCommand; when?: unknown; working_directory?: string }): TaskSpec {
  if (typeof task === 'string' || Array.isArray(task)) return { command: toCommand(task) };
  const spec: TaskSpec = { command: toCommand(task.command) };
  if (task.when !== undefined) spec.when = task.when;
  if (task.working_directory !== undefined) spec.workingDirectory = task.working_directory;
  return spec;
}

type RawMigration = NonNullable<RawConfig['settings']['_migrations']>[number];

function normaliseMigrations(
  migrations: RawMigration[],
  envops: Record<string, unknown>,
  file: string,
  warnings: string[],
): MigrationSpec[] {
  const start = typeof envops.variable_start_string === 'string' ? envops.variable_start_string : '{{';
  const end = typeof envops.variable_end_string === 'string' ? envops.variable_end_string : '}}';
  // Copier 9: without `when`, a migration runs in the "after" stage.
  const afterStage = `${start} _stage == "after" ${end}`;
  return migrations.flatMap((m, index): MigrationSpec[] => {
    if (typeof m === 'string' || Array.isArray(m)) return [{ command: toCommand(m), when: afterStage }];
    if (!('command' in m)) {
      warnings.push(
        `${file}: setting '_migrations[${index}]': the {version, before, after} form is deprecated; ` +
          `write one {version, command, when: "${start} _stage == 'before' ${end}"} item per command`,
      );
      const version = String(m.version);
      return [
        ...(m.before ?? []).map((c): MigrationSpec => ({ command: toCommand(c), version, stage: 'before' })),
        ...(m.after ?? []).map((c): MigrationSpec => ({ command: toCommand(c), version, stage: 'after' })),
      ];
    }
    const spec: MigrationSpec = { command: toCommand(m.command), when: m.when ?? afterStage };
    if (m.version !== undefined) spec.version = String(m.version);
    if (m.working_directory !== undefined) spec.workingDirectory = m.working_directory;
    return [spec];
  });
}
