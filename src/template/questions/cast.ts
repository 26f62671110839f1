/**
 * Casting answers to a question's type exactly as Copier's CAST_STR_TO_NATIVE does (Python's
 * `int`, `float`, `str`, `json.loads`, `yaml.safe_load`, plain `str()` for `path`), except `bool`,
 * which rejects words it does not know instead of treating any non-empty string as true.
 */
import { parseDocument, isScalar, isSeq, Scalar } from 'yaml';
import { InputError, TemplateError } from '../../errors.ts';
import type { QuestionType } from '../config/types.ts';
import { parseYaml11, yaml11Options } from '../config/yaml11.ts';
import { pyStr } from '../jinja/py-str.ts';
import type { AnswerSource, Choice } from './types.ts';

const TRUE_WORDS = new Set(['y', 'yes', 't', 'true', 'on']);
const FALSE_WORDS = new Set(['n', 'no', 'f', 'false', 'off', '~', 'null', 'none']);

class CastFailure extends Error {}

/** Python's `float(str)`: decimal, exponent, inf/nan, underscores between digits. */
function parsePyFloat(text: string): number | undefined {
  const t = text.trim();
  if (/^[-+]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[-+]?nan$/i.test(t)) return NaN;
  if (!/^[-+]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][-+]?\d(_?\d)*)?$/.test(t)) return undefined;
  return Number(t.replace(/_/g, ''));
}

/** Copier's lenient `cast_to_bool`, used for `when` and `multiline`: any other non-empty value is true. */
export function castToBool(value: unknown): boolean {
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const number = parsePyFloat(value);
    if (number !== undefined) return number !== 0;
    const lower = value.toLowerCase();
    if (TRUE_WORDS.has(lower)) return true;
    if (FALSE_WORDS.has(lower)) return false;
    return value !== '';
  }
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
}

function castScalar(type: QuestionType, value: unknown): unknown {
  if (value === null && type !== 'json' && type !== 'yaml') throw new CastFailure(`has no value; a ${type} is needed`);
  switch (type) {
    case 'str':
      if (typeof value === 'string') return value;
      // Python's str(): bools are ints there, so True becomes 'True'.
      if (typeof value === 'boolean') return value ? 'True' : 'False';
      if (typeof value === 'number') return String(value);
      throw new CastFailure('is not a string');
    case 'int':
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
      if (typeof value === 'string' && /^\s*[-+]?\d(_?\d)*\s*$/.test(value)) return Number(value.trim().replace(/_/g, ''));
      throw new CastFailure('is not an integer');
    case 'float': {
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'number') return value;
      const number = typeof value === 'string' ? parsePyFloat(value) : undefined;
      if (number === undefined) throw new CastFailure('is not a number');
      return number;
    }
    case 'bool': {
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      if (typeof value === 'string') {
        const number = parsePyFloat(value);
        if (number !== undefined) return number !== 0;
        if (TRUE_WORDS.has(value.trim().toLowerCase())) return true;
        if (FALSE_WORDS.has(value.trim().toLowerCase())) return false;
      }
      throw new CastFailure('is not a bool; use yes/no, true/false, on/off, y/n or 1/0');
    }
    case 'json':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value) as unknown;
      } catch (error) {
        throw new CastFailure(`is not valid JSON (${(error as Error).message})`);
      }
    case 'yaml':
      if (typeof value !== 'string') return value;
      try {
        return parseYaml11(value);
      } catch (error) {
        throw new CastFailure(`is not valid YAML (${(error as Error).message.split('\n')[0]})`);
      }
    case 'path':
      // Copier casts a path answer with Python's plain `str()` (not `cast_to_str`), so it stays a
      // string in the render context and the answers file, and any non-null value is accepted.
      return pyStr(value);
  }
}

/**
 * Copier's `parse_yaml_list`: a multiselect answer given as text is a YAML list whose items stay
 * raw text (so `[3.10, 3.11]` keeps `3.10` for a str question); quotes around strings are removed.
 */
export function parseYamlList(text: string): string[] {
  const doc = parseDocument(text, yaml11Options());
  if (doc.errors.length > 0 || !isSeq(doc.contents)) throw new CastFailure('is not a YAML list such as [a, b]');
  return doc.contents.items.map((item) => {
    const range = (item as { range?: [number, number, number] }).range;
    const raw = range ? text.slice(range[0], range[1]).trim() : String(item);
    const quoted = isScalar(item) && (item.type === Scalar.QUOTE_DOUBLE || item.type === Scalar.QUOTE_SINGLE);
    return quoted ? raw.slice(1, -1) : raw;
  });
}

/** Casts one value, putting it in front of the failure reason. */
function castItem(type: QuestionType, raw: unknown): unknown {
  try {
    return castScalar(type, raw);
  } catch (error) {
    if (error instanceof CastFailure) throw new CastFailure(`${show(raw)} ${error.message}`);
    throw error;
  }
}

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

export interface CastTarget {
  name: string;
  type: QuestionType;
  multiselect?: boolean;
  choices?: Choice[];
}

const SOURCE_TEXT: Record<AnswerSource, string> = {
  data: ' (from --data)',
  prompt: '',
  last: ' (from the answers file)',
  default: ' (the default in copier.yml)',
  choice: ' (a choice in copier.yml)',
};

export function answerError(question: CastTarget, source: AnswerSource, message: string): InputError | TemplateError {
  const text = `question '${question.name}': ${message}`;
  const details = { question: question.name, source };
  // A default or choice that does not fit its type is a broken template, not a bad answer.
  return source === 'default' || source === 'choice' ? new TemplateError(text, details) : new InputError(text, details);
}

function pickChoice(question: CastTarget, choices: Choice[], answer: unknown, raw: unknown): unknown {
  const match = choices.filter((c) => same(castScalar(question.type, c.value), answer));
  if (match.some((c) => !c.disabled)) return answer;
  if (match[0]?.disabled) throw new CastFailure(`${show(raw)} cannot be chosen: ${match[0].disabled}`);
  const valid = choices.filter((c) => !c.disabled).map((c) => show(c.value));
  throw new CastFailure(`${show(raw)} is not one of the choices: ${valid.join(', ')}`);
}

/** Casts `raw` to the question's type and checks it against its choices (all of them for multiselect). */
export function castAnswer(question: CastTarget, raw: unknown, source: AnswerSource): unknown {
  try {
    const choices = question.choices ?? [];
    if (question.multiselect) {
      const items = typeof raw === 'string' ? parseYamlList(raw) : raw;
      if (!Array.isArray(items)) throw new CastFailure(`${show(raw)} is not a list`);
      const values = items.map((item: unknown) => castItem(question.type, item));
      if (choices.length === 0) return values;
      values.forEach((value, i) => pickChoice(question, choices, value, items[i]));
      // Copier returns the picked values in the order of the choices, each once.
      const ordered = choices.map((c) => castScalar(question.type, c.value));
      return ordered.filter((v, i) => values.some((a) => same(a, v)) && ordered.findIndex((w) => same(w, v)) === i);
    }
    const value = castItem(question.type, raw);
    return choices.length > 0 ? pickChoice(question, choices, value, raw) : value;
  } catch (error) {
    if (error instanceof CastFailure) throw answerError(question, source, `${error.message}${SOURCE_TEXT[source]}`);
    throw error;
  }
}
