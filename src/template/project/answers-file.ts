import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseYaml11 } from '../config/yaml11.js';
import { InputError, NotFoundError } from '../../errors.js';
import { toNiceYaml } from '../jinja/index.js';

export const DEFAULT_ANSWERS_FILE = '.copier-answers.yml';

export interface RecordedAnswers {
  /** Where the answers file is, relative to the project. */
  file: string;
  srcPath?: string;
  commit?: string;
  /** The answers themselves, without `_src_path` / `_commit`. */
  answers: Record<string, unknown>;
}

/** Reads a project's answers file: what template, which version and which answers made it. */
export async function readAnswersFile(projectDir: string, file = DEFAULT_ANSWERS_FILE): Promise<RecordedAnswers> {
  const abs = path.resolve(projectDir, file);
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch {
    throw new NotFoundError(
      `no answers file '${file}' in ${projectDir}: this project was not made from a template, or its answers file is elsewhere (pass --answers-file)`,
      { file },
    );
  }
  return parseAnswersFile(text, file);
}

/** An answers file's text as update reads it (the fleet reads it from git, not from a folder). */
export function parseAnswersFile(text: string, file = DEFAULT_ANSWERS_FILE): RecordedAnswers {
  let data: unknown;
  try {
    // Read as Copier reads it (PyYAML): `_commit: 0583121`, a commit id, must stay a string.
    data = parseYaml11(text) ?? {};
  } catch (error) {
    throw new InputError(`${file} is not valid YAML (${(error as Error).message.split('\n')[0]}); restore it from git`, { file });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InputError(`${file} must be a YAML mapping of answers; restore it from git`, { file });
  }
  const { _src_path: srcPath, _commit: commit, ...rest } = data as Record<string, unknown>;
  const answers = Object.fromEntries(Object.entries(rest).filter(([key]) => !key.startsWith('_')));
  return {
    file,
    srcPath: typeof srcPath === 'string' ? srcPath : undefined,
    commit: commit === undefined || commit === null ? undefined : String(commit),
    answers,
  };
}

/** The answers file as Copier's documented template writes it, for a template version that stopped rendering one. */
export function defaultAnswersFile(answers: Record<string, unknown>): string {
  return `# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY\n${toNiceYaml(answers)}`;
}

/** `_src_path` is what update, recopy and check start from. */
export function requireSource(recorded: RecordedAnswers): string {
  if (recorded.srcPath) return recorded.srcPath;
  throw new InputError(`${recorded.file} has no _src_path, so the template is unknown; add it (the template's path or URL)`, { file: recorded.file });
}
