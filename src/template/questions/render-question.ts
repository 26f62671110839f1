/**
 * Renders one question's templated fields (type, default, choices, help, placeholder, validator,
 * when, multiline) against the answers so far, as Copier's `Question` does.
 */
import { isPavedError, TemplateError } from '../../errors.ts';
import type { QuestionSpec, QuestionType } from '../config/types.ts';
import { QUESTION_TYPES } from '../config/schema.ts';
import { parseYaml11 } from '../config/yaml11.ts';
import type { JinjaRenderer } from '../jinja/types.ts';
import { answerError, castAnswer, castToBool } from './cast.ts';
import type { AnswerSource, Choice, RenderedQuestion } from './types.ts';

/** Rendering `{{ UNSET }}` as a default leaves the question without one (Copier 9.5+). */
export const UNSET = '\u0000paved:unset\u0000';

export class QuestionRenderer {
  constructor(
    private readonly spec: QuestionSpec,
    private readonly renderer: JinjaRenderer,
    private readonly context: Record<string, unknown>,
    private readonly file: string,
  ) {}

  /** Copier's `render_value`: strings are templates, lists have their items rendered, the rest is kept. */
  render(value: unknown, field: string, extra: Record<string, unknown> = {}): unknown {
    if (Array.isArray(value)) return value.map((item) => this.render(item, field, extra));
    if (typeof value !== 'string') return value;
    const name = `${this.file}: question '${this.spec.name}' ${field}`;
    try {
      return this.renderer.render(value, { ...this.context, UNSET, ...extra }, name);
    } catch (error) {
      if (isPavedError(error)) throw error;
      throw new TemplateError(`${name}: ${(error as Error).message}`, { question: this.spec.name }, { cause: error });
    }
  }

  when(): boolean {
    return this.spec.when === undefined ? true : castToBool(this.render(this.spec.when, 'when'));
  }

  type(): QuestionType {
    if (this.spec.typeTemplate === undefined) return this.spec.type;
    const rendered = String(this.render(this.spec.typeTemplate, 'type')).trim();
    if (!(QUESTION_TYPES as readonly string[]).includes(rendered)) {
      throw new TemplateError(
        `${this.file}: question '${this.spec.name}': type rendered to '${rendered}', which is not one of ${QUESTION_TYPES.join(', ')}`,
        { question: this.spec.name },
      );
    }
    return rendered as QuestionType;
  }

  /** Copier's `_formatted_choices`: list, [label, value] pairs, mapping, or a template rendering one in YAML. */
  choices(type: QuestionType): Choice[] | undefined {
    let raw = this.spec.choices;
    if (raw === undefined) return undefined;
    if (typeof raw === 'string') raw = parseYaml11(String(this.render(raw, 'choices')));
    if (raw === null || raw === undefined) return undefined;
    const entries: unknown[] = Array.isArray(raw) ? raw : typeof raw === 'object' ? Object.entries(raw) : [raw];
    const choices = entries.map((entry) => this.choice(entry));
    // Casting every choice now reports a choice that cannot match the type as a template error.
    for (const c of choices) castAnswer({ name: this.spec.name, type }, c.value, 'choice');
    return choices.length > 0 ? choices : undefined;
  }

  private choice(entry: unknown): Choice {
    let label: unknown = entry;
    let value: unknown = entry;
    let disabled = '';
    if (Array.isArray(entry)) {
      if (entry.length !== 2) {
        throw new TemplateError(`${this.file}: question '${this.spec.name}': a choice pair must be [label, value]`, { question: this.spec.name });
      }
      [label, value] = entry as [unknown, unknown];
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const extended = value as Record<string, unknown>;
        if (!('value' in extended)) {
          throw new TemplateError(`${this.file}: question '${this.spec.name}': choice '${String(label)}' needs a 'value' key`, { question: this.spec.name });
        }
        disabled = String(this.render(extended.validator ?? '', 'choices validator')).trim();
        value = extended.value;
      }
    }
    const labelText = pyStr(this.render(label, 'choices'));
    // questionary: a null value becomes the label.
    const choice: Choice = { label: labelText, value: value === null ? labelText : this.render(value, 'choices') };
    if (disabled) choice.disabled = disabled;
    return choice;
  }

  /** The rendered template default; undefined when there is none or it renders `{{ UNSET }}`. */
  templateDefault(): unknown {
    if (!('default' in this.spec) || this.spec.default === undefined) return undefined;
    const rendered = this.render(this.spec.default, 'default');
    return typeof rendered === 'string' && rendered.trim() === UNSET ? undefined : rendered;
  }

  /** Copier's validator: rendered with the candidate answer; any non-blank output is the error. */
  validate(value: unknown): string | undefined {
    if (!this.spec.validator) return undefined;
    let message: string;
    try {
      message = String(this.render(this.spec.validator, 'validator', { [this.spec.name]: value })).trim();
    } catch (error) {
      message = (error as Error).message;
    }
    return message || undefined;
  }

  /** Everything a prompter needs, with `check` casting and validating what the user typed. */
  build(type: QuestionType, choices: Choice[] | undefined, defaultValue: unknown): RenderedQuestion {
    const help = this.spec.help === undefined ? undefined : String(this.render(this.spec.help, 'help'));
    const question: RenderedQuestion = {
      name: this.spec.name,
      type,
      message: help ?? (type === 'str' ? this.spec.name : `${this.spec.name} (${type})`),
      multiline: castToBool(this.render(this.spec.multiline, 'multiline')),
      secret: this.spec.secret,
      multiselect: this.spec.multiselect,
      check: (raw) => {
        try {
          const value = raw === defaultValue && raw !== undefined ? this.check(type, raw) : this.accept(type, choices, raw, 'prompt');
          return { ok: true, value };
        } catch (error) {
          return { ok: false, error: (error as Error).message };
        }
      },
    };
    if (help !== undefined) question.help = help;
    if (choices) question.choices = choices;
    if (defaultValue !== undefined) question.default = defaultValue;
    if (this.spec.placeholder !== undefined) question.placeholder = String(this.render(this.spec.placeholder, 'placeholder'));
    if (this.spec.qmark !== undefined) question.qmark = this.spec.qmark;
    return question;
  }

  /** Casts, checks choices and runs the validator; throws InputError (TemplateError for defaults). */
  accept(type: QuestionType, choices: Choice[] | undefined, raw: unknown, source: AnswerSource): unknown {
    return this.check(type, this.parse(type, choices, raw, source));
  }

  /** Runs the validator on an already cast value. */
  check(type: QuestionType, value: unknown): unknown {
    const problem = this.validate(value);
    // A failing validator is about the answers (even for a default computed from them): InputError.
    if (problem) throw answerError({ name: this.spec.name, type }, 'prompt', `${pyStr(value)} is invalid: ${problem}`);
    return value;
  }

  parse(type: QuestionType, choices: Choice[] | undefined, raw: unknown, source: AnswerSource): unknown {
    const target = { name: this.spec.name, type, multiselect: this.spec.multiselect, ...(choices ? { choices } : {}) };
    return castAnswer(target, raw, source);
  }
}

function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return JSON.stringify(value) ?? String(value);
}
