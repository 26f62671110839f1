/**
 * The one zod schema for `copier.yml` as written (after documents are merged and shorthand
 * questions are expanded to `{ default }`). Messages say what to write instead; `formatIssue`
 * prefixes them with the file and the key path.
 */
import { z } from 'zod';

/** Copier's CAST_STR_TO_NATIVE keys; `path` is cast with Python's `str()` and answered with a path prompt. */
export const QUESTION_TYPES = ['str', 'int', 'float', 'bool', 'json', 'yaml', 'path'] as const;

/** Settings Paved reads; any other `_key` is ignored with a warning, as Copier ignores it. */
export const KNOWN_SETTINGS = [
  '_subdirectory', '_exclude', '_skip_if_exists', '_templates_suffix', '_answers_file', '_tasks', '_migrations',
  '_envops', '_jinja_extensions', '_min_copier_version', '_message_before_copy', '_message_after_copy',
  '_message_before_update', '_message_after_update', '_preserve_symlinks', '_external_data', '_secret_questions',
] as const;

export const QUESTION_KEYS = [
  'type', 'help', 'choices', 'default', 'when', 'validator', 'secret', 'multiselect', 'placeholder', 'multiline', 'qmark',
] as const;

/** Jinja in a value: `type` may be templated, so only untemplated unknown types are errors. */
export function looksTemplated(value: string): boolean {
  return /\{\{|\{%|\[\[|\[%/.test(value);
}

const str = (what: string) => z.string({ error: `must be ${what}` });
const stringList = z.array(z.string({ error: 'each item must be a string' }), { error: 'must be a list of strings' });
const condition = z.union([z.boolean(), z.string(), z.number()], { error: 'must be true, false or a Jinja string' });
const command = z.union([z.string(), z.array(z.union([z.string(), z.number()]))], {
  error: 'command must be a string (run by the shell) or a list of arguments',
});

const taskMapping = z.strictObject(
  { command, when: condition.optional(), working_directory: str('a path relative to the project').optional() },
  { error: 'must be a string, a list of arguments, or a mapping {command, when, working_directory}' },
);
const task = z.union([z.string(), z.array(z.union([z.string(), z.number()])), taskMapping], {
  error: 'must be a string, a list of arguments, or a mapping {command, when, working_directory}',
});

const version = z.union([z.string(), z.number()], { error: "must be a PEP 440 version string such as '1.2.0'" });
const legacyMigration = z.strictObject({
  version,
  before: z.array(command).optional(),
  after: z.array(command).optional(),
});
const migrationMapping = z.strictObject({
  version: version.optional(),
  command,
  when: condition.optional(),
  working_directory: str('a path relative to the project').optional(),
});
const migration = z.union([z.string(), z.array(z.union([z.string(), z.number()])), legacyMigration, migrationMapping], {
  error:
    'must be a command, or a mapping {version, command, when, working_directory} (or the legacy {version, before, after})',
});

export const settingsSchema = z.looseObject({
  _subdirectory: str('a path relative to the template root').optional(),
  _exclude: stringList.optional(),
  _skip_if_exists: stringList.optional(),
  _templates_suffix: z.union([z.string(), z.null()], { error: "must be a string such as '.jinja' (or '' for every file)" }).optional(),
  _answers_file: str('a path relative to the project, such as .copier-answers.yml').optional(),
  _tasks: z.array(task, { error: 'must be a list of tasks' }).optional(),
  _migrations: z.array(migration, { error: 'must be a list of migrations' }).optional(),
  _envops: z.record(z.string(), z.unknown(), { error: 'must be a mapping of Jinja environment options' }).optional(),
  _jinja_extensions: stringList.optional(),
  _min_copier_version: version.optional(),
  _message_before_copy: str('a string').optional(),
  _message_after_copy: str('a string').optional(),
  _message_before_update: str('a string').optional(),
  _message_after_update: str('a string').optional(),
  _preserve_symlinks: z.boolean({ error: 'must be true or false' }).optional(),
  _external_data: z
    .record(z.string(), z.string({ error: 'must be a (templated) path to a YAML file in the project' }), {
      error: 'must be a mapping of name to YAML file path',
    })
    .optional(),
  _secret_questions: stringList.optional(),
});

const questionType = z
  .string({ error: `must be one of ${QUESTION_TYPES.join(', ')}` })
  .refine((v) => (QUESTION_TYPES as readonly string[]).includes(v) || looksTemplated(v), {
    error: (issue) => `type '${String(issue.input)}' is not one of ${QUESTION_TYPES.join(', ')}`,
  });

export const questionSchema = z.strictObject(
  {
    type: questionType.optional(),
    help: str('a string').optional(),
    choices: z
      .union([z.array(z.unknown()), z.record(z.string(), z.unknown()), z.string()], {
        error: 'choices must be a list, a list of [label, value] pairs, a mapping label: value, or a Jinja string rendering one',
      })
      .optional(),
    default: z.unknown().optional(),
    when: condition.optional(),
    validator: str('a Jinja string that renders an error message, or nothing when the value is valid').optional(),
    secret: z.boolean({ error: 'must be true or false' }).optional(),
    multiselect: z.boolean({ error: 'must be true or false' }).optional(),
    placeholder: str('a string').optional(),
    multiline: z.union([z.boolean(), z.string()], { error: 'must be true, false or a Jinja string' }).optional(),
    qmark: str('a string').optional(),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'must be a mapping of question keys, or a default value' : undefined) },
);

export const configSchema = z.object({
  settings: settingsSchema,
  questions: z.record(z.string(), questionSchema),
});

export type RawSettings = z.infer<typeof settingsSchema>;
export type RawQuestion = z.infer<typeof questionSchema>;
export type RawConfig = z.infer<typeof configSchema>;

/** `copier.yml: question 'age': type 'integer' is not one of …` */
export function formatIssue(file: string, issue: z.core.$ZodIssue): string {
  const [section, key, ...rest] = issue.path;
  const restPath = rest.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  let where: string;
  if (section === 'questions' && key !== undefined) {
    where = `question '${String(key)}'`;
    // Field names read better outside the quotes: "question 'age': type 'x' is …".
    if (restPath && !(rest.length === 1 && issue.message.startsWith(`${String(rest[0])} `))) {
      where += `: ${restPath.slice(1)}`;
    }
  } else if (section === 'settings' && key !== undefined) {
    where = `setting '${String(key)}${restPath}'`;
  } else where = 'top level';
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const allowed = section === 'questions' ? QUESTION_KEYS.join(', ') : 'command, when, working_directory, version';
    message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}; expected one of ${allowed}`;
  }
  return `${file}: ${where}: ${message}`;
}
