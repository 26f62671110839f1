/**
 * Answers the questions in order, as Copier's QuestionNode does. For a question that is asked
 * (`when` true): --data > prompt answer > last answer > user default > template default; with
 * --defaults (or no prompter) the last answer still beats the template default. A `when: false`
 * question is not asked or recorded but its default (or --data) is still usable in rendering.
 */
import { InputError } from '../../errors.ts';
import type { QuestionSpec } from '../config/types.ts';
import { QuestionRenderer } from './render-question.ts';
import type { ResolveAnswersInput, ResolvedAnswers } from './types.ts';

const has = (record: Record<string, unknown>, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

export async function resolveAnswers(input: ResolveAnswersInput): Promise<ResolvedAnswers> {
  const file = input.config.file ?? 'copier.yml';
  const last = { ...input.last };
  const userDefaults = input.userDefaults ?? {};
  const answered: Record<string, unknown> = {};
  const hidden: string[] = [];
  // Copier's AnswersMap.combined: answers > data > last answers (data not yet cast is visible raw).
  const combined = (): Record<string, unknown> => ({ ...last, ...input.data, ...answered });

  for (const spec of input.config.questions) {
    const context = { ...input.baseContext, ...combined() };
    const q = new QuestionRenderer(spec, input.renderer, { ...context, ...input.extendContext?.(context) }, file);
    const type = q.type();
    const choices = q.choices(type);
    const name = spec.name;

    // A last answer that no longer parses or validates is dropped so a new one is asked for.
    if (has(last, name)) {
      try {
        last[name] = q.accept(type, choices, last[name], 'last');
      } catch {
        delete last[name];
      }
    }

    if (!q.when()) {
      hidden.push(name);
      // Recompute from the default rather than keeping a stale last answer.
      delete last[name];
      if (!hasDefault(spec)) continue;
      if (has(input.data, name)) answered[name] = q.accept(type, choices, input.data[name], 'data');
      else {
        const fallback = has(userDefaults, name) ? userDefaults[name] : q.templateDefault();
        // Computed values are deliberately not validated (copier issue #1779).
        if (fallback !== undefined) answered[name] = q.parse(type, choices, fallback, has(userDefaults, name) ? 'data' : 'default');
      }
      continue;
    }

    if (has(input.data, name)) {
      answered[name] = q.accept(type, choices, input.data[name], 'data');
      continue;
    }
    if (input.skipAnswered && has(last, name)) continue;

    const defaultValue = currentDefault(q, type, choices, name, last, userDefaults);
    if (input.defaults || !input.prompter) {
      if (defaultValue === undefined) {
        throw new InputError(
          `question '${name}' has no default and was not answered; pass --data ${name}=<value>` +
            (input.defaults ? '' : ' (or answer it interactively)'),
          { question: name },
        );
      }
      answered[name] = q.check(type, defaultValue);
      continue;
    }
    const rendered = q.build(type, choices, defaultValue ?? firstEnabledChoice(q, spec, type, choices));
    const answer = await input.prompter.ask(rendered);
    // The default is already cast; casting it again would re-parse json/yaml strings.
    answered[name] = answer === rendered.default && answer !== undefined ? q.check(type, answer) : q.accept(type, choices, answer, 'prompt');
  }

  const values = combined();
  return { values, recorded: recordable(input.config.questions, values, hidden), hidden };
}

function hasDefault(spec: QuestionSpec): boolean {
  return 'default' in spec && spec.default !== undefined;
}

/** Copier's `get_default`: last answer > user default > rendered template default, cast. */
function currentDefault(
  q: QuestionRenderer,
  type: ReturnType<QuestionRenderer['type']>,
  choices: ReturnType<QuestionRenderer['choices']>,
  name: string,
  last: Record<string, unknown>,
  userDefaults: Record<string, unknown>,
): unknown {
  if (has(last, name)) return last[name];
  if (has(userDefaults, name)) return q.parse(type, choices, userDefaults[name], 'data');
  const rendered = q.templateDefault();
  return rendered === undefined ? undefined : q.parse(type, choices, rendered, 'default');
}

/**
 * With no default (none given, or the last answer was dropped because its choice is now disabled),
 * Copier's select prompt (questionary) starts on the first enabled choice, so pressing Enter picks
 * it: offer that as the prompt's default. Not for multiselect (nothing is checked) nor --defaults
 * (Copier reports the question as required).
 */
function firstEnabledChoice(
  q: QuestionRenderer,
  spec: QuestionSpec,
  type: ReturnType<QuestionRenderer['type']>,
  choices: ReturnType<QuestionRenderer['choices']>,
): unknown {
  if (spec.multiselect || !choices) return undefined;
  const first = choices.find((c) => !c.disabled);
  return first === undefined ? undefined : q.parse(type, choices, first.value, 'choice');
}

/** Copier's `_answers_to_remember`: questions only, not secret, not skipped by `when`, JSON-serialisable. */
function recordable(questions: QuestionSpec[], values: Record<string, unknown>, hidden: string[]): Record<string, unknown> {
  const recorded: Record<string, unknown> = {};
  for (const q of questions) {
    if (q.secret || hidden.includes(q.name) || !has(values, q.name) || !isJsonSerialisable(values[q.name])) continue;
    recorded[q.name] = values[q.name];
  }
  return recorded;
}

function isJsonSerialisable(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonSerialisable);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every(isJsonSerialisable);
  }
  return false;
}
