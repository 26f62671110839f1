import { describe, expect, it } from 'vitest';
import { InputError, TemplateError } from '../../errors.ts';
import { loadTemplateConfig } from '../config/load.ts';
import { memoryFiles } from '../config/memory-files.ts';
import { createScriptedPrompter, resolveAnswers } from './index.ts';
import { createTestRenderer } from './test-renderer.ts';
import type { Prompter, ResolveAnswersInput } from './types.ts';

const renderer = createTestRenderer();

function run(copierYml: string, options: Partial<Omit<ResolveAnswersInput, 'config' | 'renderer'>> = {}) {
  return resolveAnswers({
    config: loadTemplateConfig(memoryFiles({ 'copier.yml': copierYml })),
    renderer,
    baseContext: {},
    data: {},
    last: {},
    defaults: true,
    skipAnswered: false,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: Error) => error,
  );
}

describe('defaults and shorthand questions', () => {
  it('answers the docs example with its defaults', async () => {
    const result = await run('name_of_the_project: My awesome project\nnumber_of_eels: 1234\nyour_email: ""\n');
    expect(result.values).toEqual({ name_of_the_project: 'My awesome project', number_of_eels: 1234, your_email: '' });
    expect(result.recorded).toEqual(result.values);
    expect(result.hidden).toEqual([]);
  });

  it('renders defaults with earlier answers (docs: prompt templating)', async () => {
    const yml = 'username: {type: str}\norganization: {type: str}\nemail:\n  type: str\n  default: "{{ username }}@{{ organization }}.com"\nyour_age: {type: int}\ndouble_it:\n  type: int\n  default: "{{ your_age * 2 }}"\n';
    const result = await run(yml, { data: { username: 'ana', organization: 'acme', your_age: '21' } });
    expect(result.values).toMatchObject({ email: 'ana@acme.com', your_age: 21, double_it: 42 });
  });

  it('sees the base context (e.g. _folder_name) when rendering', async () => {
    const result = await run('name:\n  default: "{{ _folder_name }}"\n  type: str\n', { baseContext: { _folder_name: 'proj' } });
    expect(result.values.name).toBe('proj');
  });

  it('fails with --defaults on a required question, naming --data', async () => {
    const error = await failure(run('project_name:\n  type: str\n'));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe("question 'project_name' has no default and was not answered; pass --data project_name=<value>");
  });
});

describe('precedence: data > prompt > last > default', () => {
  const yml = 'color:\n  type: str\n  default: red\n';

  it('--data beats the last answer and the default, and is not prompted for', async () => {
    const prompter = createScriptedPrompter({ color: 'green' });
    const result = await run(yml, { data: { color: 'blue' }, last: { color: 'pink' }, defaults: false, prompter });
    expect(result.values.color).toBe('blue');
    expect(prompter.asked).toEqual([]);
  });

  it('a prompt answer beats the last answer; the last answer is the default offered', async () => {
    const prompter = createScriptedPrompter({ color: 'green' });
    const result = await run(yml, { last: { color: 'pink' }, defaults: false, prompter });
    expect(result.values.color).toBe('green');
    expect(prompter.asked[0]!.default).toBe('pink');
  });

  it('with --defaults the last answer still beats the template default', async () => {
    expect((await run(yml, { last: { color: 'pink' } })).values.color).toBe('pink');
  });

  it('user defaults sit between last answers and template defaults', async () => {
    expect((await run(yml, { userDefaults: { color: 'teal' } })).values.color).toBe('teal');
    expect((await run(yml, { userDefaults: { color: 'teal' }, last: { color: 'pink' } })).values.color).toBe('pink');
  });

  it('--skip-answered keeps last answers without prompting and asks the rest', async () => {
    const prompter = createScriptedPrompter({ size: 3 });
    const result = await run(`${yml}size: {type: int}\n`, { last: { color: 'pink' }, defaults: false, skipAnswered: true, prompter });
    expect(result.values).toMatchObject({ color: 'pink', size: 3 });
    expect(prompter.asked.map((q) => q.name)).toEqual(['size']);
  });

  it('drops a last answer that no longer fits (now a choice that disappeared) and uses the default', async () => {
    const result = await run('color:\n  choices: [red, blue]\n  default: red\n', { last: { color: 'pink' } });
    expect(result.values.color).toBe('red');
  });

  it('keeps data for keys that are not questions in rendering, but does not record it', async () => {
    const result = await run('name: x\nslug:\n  default: "{{ name }}-{{ extra }}"\n', { data: { extra: '1' } });
    expect(result.values).toEqual({ name: 'x', slug: 'x-1', extra: '1' });
    expect(result.recorded).toEqual({ name: 'x', slug: 'x-1' });
  });

  it('keeps last answers of removed questions in rendering but not in the answers file', async () => {
    const result = await run('name: x\n', { last: { gone: 1 } });
    expect(result.values).toEqual({ gone: 1, name: 'x' });
    expect(result.recorded).toEqual({ name: 'x' });
  });
});

describe('when', () => {
  const yml = [
    'project_license:',
    '  type: str',
    '  choices: [GPLv3, Public domain]',
    '  default: GPLv3',
    'copyright_holder:',
    '  type: str',
    '  default: "{% if project_license == \'Public domain\' %}nobody{% else %}me{% endif %}"',
    '  when: "{{ project_license != \'Public domain\' }}"',
  ].join('\n');

  it('a skipped question is not asked or recorded, but its default renders (docs)', async () => {
    const prompter = createScriptedPrompter({ project_license: 'Public domain' });
    const result = await run(yml, { defaults: false, prompter, last: { copyright_holder: 'stale' } });
    expect(prompter.asked.map((q) => q.name)).toEqual(['project_license']);
    expect(result.values.copyright_holder).toBe('nobody');
    expect(result.recorded).toEqual({ project_license: 'Public domain' });
    expect(result.hidden).toEqual(['copyright_holder']);
  });

  it('when: false makes computed values (FAQ: copyright_year + 1)', async () => {
    const result = await run('copyright_year:\n  type: int\n  default: 2024\nnext_year:\n  type: int\n  default: "{{ copyright_year + 1 }}"\n  when: false\n');
    expect(result.values).toEqual({ copyright_year: 2024, next_year: 2025 });
    expect(result.recorded).toEqual({ copyright_year: 2024 });
  });

  it('--data still sets a skipped question that has a default (validated), without recording it', async () => {
    const result = await run('n:\n  type: int\n  default: 1\n  when: false\n', { data: { n: '7' } });
    expect(result.values.n).toBe(7);
    expect(result.recorded).toEqual({});
  });

  it('a skipped question without a default is undefined (data stays raw, unrecorded)', async () => {
    expect((await run('n:\n  type: int\n  when: false\n')).values).toEqual({});
    expect((await run('n:\n  type: int\n  when: false\n', { data: { n: '7' } })).values).toEqual({ n: '7' });
  });

  it('{{ UNSET }} as a default leaves a skipped question undefined', async () => {
    const result = await run('engine: none\nurl:\n  type: str\n  default: "{% if engine == \'none\' %}{{ UNSET }}{% else %}x://{% endif %}"\n  when: "{{ engine != \'none\' }}"\n');
    expect(result.values).toEqual({ engine: 'none' });
  });

  it.each([
    ['"false"', false], ['"no"', false], ['"0"', false], ['""', false], ['"{{ 1 == 2 }}"', false],
    ['"true"', true], ['"yes"', true], ['"anything"', true], ['"{% if 1 %}true{% endif %}"', true],
  ])('when: %s is %s (Copier cast_to_bool)', async (when, asked) => {
    const result = await run(`q:\n  default: 1\n  when: ${when}\n`);
    expect(result.hidden.includes('q')).toBe(!asked);
  });
});

describe('secret questions', () => {
  it('are usable in rendering but never recorded', async () => {
    const result = await run('user: johndoe\npassword:\n  type: str\n  secret: true\n  default: s3cr3t\nurl:\n  default: "{{ user }}:{{ password }}"\n');
    expect(result.values).toMatchObject({ password: 's3cr3t', url: 'johndoe:s3cr3t' });
    expect(result.recorded).toEqual({ user: 'johndoe', url: 'johndoe:s3cr3t' });
  });

  it('_secret_questions works with shorthand questions', async () => {
    const result = await run('_secret_questions: [password]\nuser: johndoe\npassword: s3cr3t\n');
    expect(result.recorded).toEqual({ user: 'johndoe' });
  });
});

describe('validators', () => {
  const yml = 'age:\n  type: int\n  validator: "{% if age <= 0 %}Must be positive{% endif %}"\n';

  it('a non-empty render is the error, naming the question and the value', async () => {
    const error = await failure(run(yml, { data: { age: '-3' } }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe("question 'age': -3 is invalid: Must be positive");
  });

  it('a whitespace-only render passes', async () => {
    expect((await run(yml, { data: { age: '3' } })).values.age).toBe(3);
  });

  it('a prompt answer failing its validator is an InputError too', async () => {
    const error = await failure(run(yml, { defaults: false, prompter: createScriptedPrompter({ age: '0' }) }));
    expect(error.message).toMatch(/Must be positive/);
  });

  it('rendered checks are exposed to prompters so they can re-ask', async () => {
    let checked: unknown[] = [];
    const prompter: Prompter = {
      ask: (q) => {
        checked = [q.check('0'), q.check('x'), q.check('5')];
        return Promise.resolve('5');
      },
    };
    await run(yml, { defaults: false, prompter });
    expect(checked).toEqual([
      { ok: false, error: "question 'age': 0 is invalid: Must be positive" },
      { ok: false, error: "question 'age': 'x' is not an integer" },
      { ok: true, value: 5 },
    ]);
  });
});

describe('choices', () => {
  it('accepts a value from a list, a dict (label -> value) and pairs', async () => {
    const yml = [
      'book:\n  choices: [The Bible, Hitchhiker]\n  default: Hitchhiker',
      'license:\n  type: str\n  choices:\n    MIT: mit text\n    Apache2: apache text\n  default: mit text',
      'close_to_work:\n  choices:\n    - [at home, I work at home]\n    - [less than 10km, quite close]\n  default: quite close',
    ].join('\n');
    const result = await run(yml, { data: { license: 'apache text' } });
    expect(result.values).toEqual({ book: 'Hitchhiker', license: 'apache text', close_to_work: 'quite close' });
  });

  it('rejects an answer that is not a choice, listing the valid ones', async () => {
    const error = await failure(run('color:\n  type: str\n  choices: [red, blue]\n', { data: { color: 'pink' } }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe("question 'color': 'pink' is not one of the choices: 'red', 'blue' (from --data)");
  });

  it('renders templated choices and labels (docs: contact)', async () => {
    const prompter = createScriptedPrompter({});
    const yml = 'username: ana\ntitle: CTO\ncontact:\n  choices:\n    CEO: Alice Bob\n    "{{ title }}": "{{ username }}"\n  default: ana\n';
    const result = await run(yml, { defaults: false, prompter });
    expect(prompter.asked[2]!.choices).toEqual([
      { label: 'CEO', value: 'Alice Bob' },
      { label: 'CTO', value: 'ana' },
    ]);
    expect(result.values.contact).toBe('ana');
  });

  it('parses dynamic choices rendered as YAML (docs: dependency_manager)', async () => {
    const yml = 'language:\n  type: str\n  choices: [python, node]\n  default: node\ndependency_manager:\n  type: str\n  choices: |\n    {%- if language == "python" %}\n    - poetry\n    {%- else %}\n    - npm\n    - yarn\n    {%- endif %}\n';
    const error = await failure(run(yml, { data: { dependency_manager: 'poetry' } }));
    expect(error.message).toMatch(/not one of the choices: 'npm', 'yarn'/);
  });

  it('disables a choice whose validator renders a message (docs: iac)', async () => {
    const yml = [
      'cloud:\n  type: str\n  choices: [Any, AWS]\n  default: Any',
      'iac:\n  type: str\n  choices:\n    Terraform: tf\n    Cloud Formation:\n      value: cf\n      validator: "{% if cloud != \'AWS\' %}Requires AWS{% endif %}"',
    ].join('\n');
    const error = await failure(run(yml, { data: { iac: 'cf' } }));
    expect(error.message).toBe("question 'iac': 'cf' cannot be chosen: Requires AWS (from --data)");
    expect((await run(yml, { data: { iac: 'cf', cloud: 'AWS' } })).values.iac).toBe('cf');
  });

  describe('a prompt without a usable default starts on the first enabled choice (questionary)', () => {
    const yml = [
      'cloud:\n  type: str\n  choices: [Any, AWS, Azure]',
      'iac:\n  type: str\n  choices:\n    Cloud Formation:\n      value: cf\n      validator: "{% if cloud != \'AWS\' %}Requires AWS{% endif %}"\n    Terraform: tf\n    Bicep: bicep',
    ].join('\n');

    it('a last answer that became disabled is dropped and the first enabled choice is offered', async () => {
      const prompter = createScriptedPrompter({});
      const result = await run(yml, { defaults: false, prompter, data: { cloud: 'Azure' }, last: { cloud: 'AWS', iac: 'cf' } });
      expect(prompter.asked.find((q) => q.name === 'iac')?.default).toBe('tf');
      expect(result.recorded).toEqual({ cloud: 'Azure', iac: 'tf' });
    });

    it('also with no default at all, but never for multiselect or --defaults', async () => {
      const prompter = createScriptedPrompter({ iac: 'tf' });
      await run(yml, { defaults: false, prompter, data: { cloud: 'Any' } });
      expect(prompter.asked.find((q) => q.name === 'iac')?.default).toBe('tf');
      const multi = createScriptedPrompter({ tags: ['a'] });
      await run('tags:\n  type: str\n  multiselect: true\n  choices: [a, b]\n', { defaults: false, prompter: multi });
      expect(multi.asked[0]?.default).toBeUndefined();
      await expect(run(yml, { data: { cloud: 'Any' }, last: { iac: 'cf' } })).rejects.toThrow("question 'iac' has no default");
    });

    it('a template default that is a disabled choice is still an error (Copier get_default)', async () => {
      const error = await failure(run(`${yml}\n  default: cf\n`, { defaults: false, prompter: createScriptedPrompter({}), data: { cloud: 'Any' } }));
      expect(error.message).toMatch(/'cf' cannot be chosen: Requires AWS/);
    });
  });

  it('a null choice value becomes its label', async () => {
    expect((await run('x:\n  choices: {Value is key: null}\n  default: Value is key\n')).values.x).toBe('Value is key');
  });

  it('casts choices and --data by the type (int choices)', async () => {
    expect((await run('n:\n  type: int\n  choices: [1, 2, 3]\n', { data: { n: '2' } })).values.n).toBe(2);
  });

  it('a choice that does not fit the type is a template error', async () => {
    const error = await failure(run('n:\n  type: int\n  choices: [1, two]\n  default: 1\n'));
    expect(error).toBeInstanceOf(TemplateError);
  });

  it('multiselect takes a YAML list and returns values in choice order', async () => {
    const yml = 'py:\n  type: str\n  multiselect: true\n  choices: ["3.10", "3.11", "3.12"]\n  default: "[3.12, 3.10]"\n';
    expect((await run(yml)).values.py).toEqual(['3.10', '3.12']);
    expect((await run(yml, { data: { py: '[3.11]' } })).values.py).toEqual(['3.11']);
    expect((await run(yml, { data: { py: ['3.11', '3.10'] } })).values.py).toEqual(['3.10', '3.11']);
    const error = await failure(run(yml, { data: { py: '[3.9]' } }));
    expect(error.message).toMatch(/'3.9' is not one of the choices/);
  });

  it('multiselect brackets need quoting (docs)', async () => {
    const yml = 'brackets:\n  type: str\n  multiselect: true\n  choices: ["[", "]"]\n  default: \'["[", "]"]\'\n';
    expect((await run(yml)).values.brackets).toEqual(['[', ']']);
  });
});

describe('types', () => {
  it('a templated type is rendered with earlier answers (docs: user_config)', async () => {
    const yml = 'target:\n  type: str\n  choices: [humans, machines]\n  default: machines\nuser_config:\n  type: "{% if target == \'humans\' %}yaml{% else %}json{% endif %}"\n';
    expect((await run(yml, { data: { user_config: '{"a": 1}' } })).values.user_config).toEqual({ a: 1 });
    await expect(run(yml, { data: { user_config: 'a: 1' } })).rejects.toThrow(/not valid JSON/);
    expect((await run(yml, { data: { target: 'humans', user_config: 'a: 1' } })).values.user_config).toEqual({ a: 1 });
  });

  it('a default that does not fit its type is a template error', async () => {
    await expect(run('n:\n  type: int\n  default: many\n')).rejects.toBeInstanceOf(TemplateError);
  });

  it('path answers are strings, checked by the validator and recorded as given', async () => {
    const yml = "where:\n  type: path\n  validator: \"{% if where[:1] != '/' %}must be absolute{% endif %}\"\nempty:\n  type: path\n  default: ''\n";
    await expect(run(yml, { data: { where: './rel' } })).rejects.toThrow(/must be absolute/);
    const result = await run(yml, { data: { where: '/srv/app' } });
    expect(result.recorded).toEqual({ where: '/srv/app', empty: '' });
    await expect(run('p:\n  type: path\n  default: null\n')).rejects.toBeInstanceOf(TemplateError);
  });

  it('json defaults are not parsed twice when the prompter accepts them', async () => {
    const yml = 'cfg:\n  type: json\n  default: \'"1"\'\n';
    const result = await run(yml, { defaults: false, prompter: createScriptedPrompter({}) });
    expect(result.values.cfg).toBe('1');
  });
});
