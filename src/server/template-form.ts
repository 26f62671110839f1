/**
 * A template's questions as a form, rendered against the answers so far: the portal's create
 * form asks for this on every change, so a default computed from earlier answers, a `when` and
 * a validator behave in the browser exactly as `paved new` will apply them (the same engine code;
 * a browser has no Jinja). Unlike the engine, a bad answer does not stop the walk: every question
 * comes back, each with its own error.
 */
import type { OfferedTemplate } from '../platform/templates.js';
import type { QuestionSpec, TemplateSettings } from '../template/config/types.js';
import { createJinja } from '../template/jinja/index.js';
import { QuestionRenderer } from '../template/questions/render-question.js';
import type { Choice } from '../template/questions/types.js';

export interface FormQuestion {
  name: string;
  type: string;
  help?: string;
  placeholder?: string;
  choices?: Choice[];
  default?: unknown;
  /** What `paved new` would use: the answer given, else the default. */
  value?: unknown;
  multiline: boolean;
  secret: boolean;
  multiselect: boolean;
  /** False when `when` hides it: not asked, not recorded. */
  visible: boolean;
  /** Set by the platform from the form's name and team (and the organisation): not asked. */
  fixed: boolean;
  /** Why the answer (or the default) is refused; the message `paved new` would give. */
  error?: string;
}

export interface FormInput {
  name: string;
  team: string;
  organisation: string;
  data: Record<string, unknown>;
}

const has = (record: Record<string, unknown>, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

export function renderForm(template: Pick<OfferedTemplate, 'name' | 'url' | 'latest'>, config: { questions: QuestionSpec[]; settings?: Pick<TemplateSettings, 'envops' | 'jinjaExtensions'> }, input: FormInput): FormQuestion[] {
  const renderer = createJinja({ envops: config.settings?.envops, extensions: config.settings?.jinjaExtensions });
  const fixed = { component_name: input.name, team: input.team, organisation: input.organisation };
  const data: Record<string, unknown> = { ...input.data, ...fixed };
  const base = {
    _copier_conf: { src_path: template.url, vcs_ref: template.latest ?? null, data, defaults: false, sep: '/', os: 'linux' },
    _folder_name: input.name,
    _copier_operation: 'copy',
    _copier_phase: 'prompt',
  };
  const answered: Record<string, unknown> = {};
  return config.questions.map((spec) => {
    const q = new QuestionRenderer(spec, renderer, { ...base, ...data, ...answered }, 'copier.yml');
    const out: FormQuestion = { name: spec.name, type: spec.type, multiline: false, secret: spec.secret, multiselect: spec.multiselect, visible: true, fixed: has(fixed, spec.name) };
    try {
      const type = q.type();
      out.type = type;
      const choices = q.choices(type);
      out.visible = q.when();
      const rendered = q.templateDefault();
      const fallback = rendered === undefined ? undefined : q.parse(type, choices, rendered, 'default');
      const built = q.build(type, choices, fallback);
      Object.assign(out, pick(built, ['help', 'placeholder', 'choices', 'default']), { multiline: built.multiline });
      if (has(data, spec.name)) out.value = q.accept(type, choices, data[spec.name], 'data');
      else if (fallback !== undefined) out.value = out.visible ? q.check(type, fallback) : fallback;
      else if (out.visible) out.error = 'an answer is required';
    } catch (error) {
      out.error = (error as Error).message.replace(/^question '[^']*': /, '');
    }
    if (out.value !== undefined) answered[spec.name] = out.value;
    return out;
  });
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]])) as Partial<Pick<T, K>>;
}
