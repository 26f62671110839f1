/** Cases ported from copier-org/copier tests/test_templated_prompt.py (TUI cases driven by a scripted prompter). */
import { describe, expect, it } from 'vitest';
import { createScriptedPrompter } from '../../src/template/questions/index.js';
import { commitProject } from '../support/fixtures.js';
import { ANSWERS_NICE, answersOf, copy, folder, gitSave, newDst, read, update } from './helpers.js';

const BRACKETS = '{"block_start_string": "[%", "block_end_string": "%]", "variable_start_string": "[[", "variable_end_string": "]]", "comment_start_string": "[#", "comment_end_string": "#]"}';
const CLOUD = 'cloud:\n    type: str\n    help: Which cloud provider do you use?\n    choices:\n        - Any\n        - AWS\n        - Azure\n        - GCP\n';
const IAC_VALIDATED =
  "iac:\n    type: str\n    help: Which IaC tool do you use?\n    choices:\n        Terraform: tf\n        Cloud Formation:\n            value: cf\n            validator: \"{% if cloud != 'AWS' %}Requires AWS{% endif %}\"\n" +
  "        Azure Resource Manager:\n            value: arm\n            validator: \"{% if cloud != 'Azure' %}Requires Azure{% endif %}\"\n        Deployment Manager:\n            value: dm\n            validator: \"{% if cloud != 'GCP' %}Requires GCP{% endif %}\"\n";

describe('copier test_templated_prompt', () => {
  it.each<[string, string, unknown, string[] | null]>([
    ['templated default', 'q: {default: "[[ main ]]default"}', 'copierdefault', null],
    ['templated type', `q: {type: "[% if main == 'copier' %]int[% endif %]", default: "0"}`, 0, null],
    ['templated choices dict, default from a label', 'q: {default: "[[ main ]]", choices: {"choice 1": "[[ main ]]", "[[ main ]]": "value 2"}}', 'copier', ['choice 1', 'copier']],
    ['templated choices dict, default value 2', 'q: {default: "value 2", choices: {"choice 1": "[[ main ]]", "[[ main ]]": "value 2"}}', 'value 2', ['choice 1', 'copier']],
    ['templated string list', 'q: {default: copier, choices: ["[[ main ]]", "choice 2"]}', 'copier', ['copier', 'choice 2']],
    ['templated tuple list', 'q: {default: "value 2", choices: [["name 1", "[[ main ]]"], ["[[ main ]]", "value 2"]]}', 'value 2', ['name 1', 'copier']],
    ['templated mixed list', 'q: {default: "value 2", choices: ["[[ main ]]", ["[[ main ]]", "value 2"]]}', 'value 2', ['copier', 'copier']],
  ])('%s renders against the earlier answer', async (_name, question, expected, labels) => {
    const src = folder({ 'copier.yml': `_envops: ${BRACKETS}\n_templates_suffix: .tmpl\nmain: {default: copier}\n${question}\n`, '[[ _copier_conf.answers_file ]].tmpl': '[[ _copier_answers|to_nice_yaml ]]' });
    const prompter = createScriptedPrompter({});
    const dst = newDst();
    await copy(src, dst, { defaults: false, prompter });
    expect(prompter.asked.map((q) => q.name)).toEqual(['main', 'q']);
    if (labels) expect(prompter.asked[1]?.choices?.map((c) => c.label)).toEqual(labels);
    expect(answersOf(dst).q).toEqual(expected);
  });

  it('templated help is shown rendered', async () => {
    const src = folder({ 'copier.yml': `_envops: ${BRACKETS}\nmain: {default: copier}\nq: {default: copier, help: "THIS [[ main ]] HELP IS TEMPLATED"}\n` });
    const prompter = createScriptedPrompter({});
    await copy(src, newDst(), { defaults: false, prompter });
    expect(prompter.asked[1]?.help).toBe('THIS copier HELP IS TEMPLATED');
  });

  it('templated defaults use custom envops', async () => {
    const src = folder({
      'copier.yml':
        '_envops:\n    block_start_string: "<%"\n    block_end_string: "%>"\n    comment_start_string: "<#"\n    comment_end_string: "#>"\n    variable_start_string: "<<"\n    variable_end_string: ">>"\n\npowerlevel:\n    type: int\n    default: 9000\n\n' +
        "sentence:\n    type: str\n    default: \"<% if powerlevel >= 9000 %>It's over 9000!<% else %>It's only << powerlevel >>...<% endif %>\"\n",
      'result.jinja': '<<sentence>>',
    });
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    expect(read(dst, 'result')).toBe("It's over 9000!");
    await copy(src, dst, { overwrite: true, data: { powerlevel: 1 } });
    expect(read(dst, 'result')).toBe("It's only 1...");
  });

  it.each<[string, string]>([
    ['question: {default: "{{ not_valid }}"}', ''],
    ['question: {help: "{{ not_valid }}"}', 'None'],
    ['question: {choices: ["{{ not_valid }}"]}', 'None'],
  ])('an undefined variable in %s renders empty', async (spec, returns) => {
    const src = folder({ 'copier.yml': `${spec}\n`, 'result.jinja': '{{question}}' });
    const dst = newDst();
    await copy(src, dst, { data: { question: '' }, overwrite: true, defaults: false });
    expect(read(dst, 'result')).toBe(returns);
  });

  it('an undefined variable in a templated type is an invalid type', async () => {
    const src = folder({ 'copier.yml': 'question: {type: "{{ not_valid }}"}\n', 'result.jinja': '{{question}}' });
    await expect(copy(src, newDst(), { data: { question: '' }, overwrite: true, defaults: false })).rejects.toThrow();
  });

  it.each([
    ['Any', ['Requires AWS', 'Requires Azure', 'Requires GCP']],
    ['AWS', [undefined, 'Requires Azure', 'Requires GCP']],
    ['Azure', ['Requires AWS', undefined, 'Requires GCP']],
    ['GCP', ['Requires AWS', 'Requires Azure', undefined]],
  ])('choice validators disable choices depending on an earlier answer (cloud=%s)', async (cloud, disabled) => {
    const src = folder({ 'copier.yml': CLOUD + IAC_VALIDATED });
    const prompter = createScriptedPrompter({ iac: 'tf' });
    await copy(src, newDst(), { defaults: false, prompter, data: { cloud } });
    const iac = prompter.asked.find((q) => q.name === 'iac');
    expect(iac?.choices?.map((c) => c.label)).toEqual(['Terraform', 'Cloud Formation', 'Azure Resource Manager', 'Deployment Manager']);
    expect(iac?.choices?.map((c) => c.disabled)).toEqual([undefined, ...disabled]);
  });

  it.each([
    ['Any', ['Terraform']],
    ['AWS', ['Terraform', 'Cloud Formation']],
    ['Azure', ['Terraform', 'Azure Resource Manager']],
    ['GCP', ['Terraform', 'Deployment Manager']],
  ])('templated choices depend on an earlier answer (cloud=%s)', async (cloud, labels) => {
    const src = folder({
      'copier.yml':
        CLOUD +
        "iac:\n    type: str\n    help: Which IaC tool do you use?\n    choices: |\n        Terraform: tf\n        {%- if cloud == 'AWS' %}\n        Cloud Formation: cf\n        {%- endif %}\n        {%- if cloud == 'Azure' %}\n        Azure Resource Manager: arm\n        {%- endif %}\n        {%- if cloud == 'GCP' %}\n        Deployment Manager: dm\n        {%- endif %}\n",
    });
    const prompter = createScriptedPrompter({ iac: 'tf' });
    await copy(src, newDst(), { defaults: false, prompter, data: { cloud } });
    expect(prompter.asked.find((q) => q.name === 'iac')?.choices?.map((c) => c.label)).toEqual(labels);
  });

  it('on update, a previous answer that became disabled falls back to the first enabled choice', async () => {
    const src = folder({ 'copier.yml': CLOUD + IAC_VALIDATED, ...ANSWERS_NICE });
    gitSave(src, 'v1');
    const dst = newDst();
    await copy(src, dst, { defaults: false, prompter: createScriptedPrompter({ cloud: 'AWS', iac: 'cf' }) });
    expect(answersOf(dst)).toEqual({ _src_path: src, _commit: 'v1', cloud: 'AWS', iac: 'cf' });
    commitProject(dst);
    const prompter = createScriptedPrompter({ cloud: 'Azure' });
    await update(dst, { defaults: false, prompter });
    expect(prompter.asked.find((q) => q.name === 'iac')?.default).toBe('tf');
    expect(answersOf(dst)).toEqual({ _src_path: src, _commit: 'v1', cloud: 'Azure', iac: 'tf' });
  });
});
