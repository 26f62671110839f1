/** Cases ported from copier-org/copier tests/test_answersfile.py. */
import { describe, expect, it } from 'vitest';
import { answersOf, copy, folder, gitSave, newDst, read } from './helpers.js';

const BRACKETS = '{"block_start_string": "[%", "block_end_string": "%]", "variable_start_string": "[[", "variable_end_string": "]]", "comment_start_string": "[#", "comment_end_string": "#]"}';

function roundTemplate() {
  return folder({
    '[[ _copier_conf.answers_file ]].tmpl': '# Changes here will be overwritten by Copier\n[[ _copier_answers|to_nice_yaml ]]\n',
    'copier.yml':
      `_answers_file: .answers-file-changed-in-template.yml\n_templates_suffix: .tmpl\n_envops: ${BRACKETS}\n\nround: 1st\n\n` +
      '# password_1 and password_2 must not appear in answers file\n_secret_questions:\n    - password_1\n\npassword_1: password one\npassword_2:\n    secret: yes\n    default: password two\n',
    'round.txt.tmpl': "It's the [[round]] round.\npassword_1=[[password_1]]\npassword_2=[[password_2]]\n",
  });
}

describe('copier test_answersfile', () => {
  it.each([undefined, '.changed-by-user.yaml'])('remembers answers across rounds and never records secrets (answersFile=%s)', async (answersFile) => {
    const src = roundTemplate();
    const dst = newDst();
    await copy(src, dst, { answersFile, overwrite: true });
    const file = answersFile ?? '.answers-file-changed-in-template.yml';
    expect(read(dst, 'round.txt')).toBe("It's the 1st round.\npassword_1=password one\npassword_2=password two\n");
    let log = answersOf(dst, file);
    expect(log.round).toBe('1st');
    expect(log).not.toHaveProperty('password_1');
    expect(log).not.toHaveProperty('password_2');
    await copy(src, dst, { answersFile, overwrite: true, data: { round: '2nd' } });
    expect(read(dst, 'round.txt')).toBe("It's the 2nd round.\npassword_1=password one\npassword_2=password two\n");
    log = answersOf(dst, file);
    expect(log.round).toBe('2nd');
    expect(log).not.toHaveProperty('password_1');
    expect(log).not.toHaveProperty('password_2');
    // A third copy without data reuses the recorded answer, as Copier does.
    await copy(src, dst, { answersFile, overwrite: true });
    expect(read(dst, 'round.txt')).toBe("It's the 2nd round.\npassword_1=password one\npassword_2=password two\n");
    expect(answersOf(dst, file).round).toBe('2nd');
  });

  it('reads _external_data from other answers files of the same project', async () => {
    const answers = { '{{ _copier_conf.answers_file }}.jinja': '{{ _copier_answers|to_nice_yaml -}}' };
    const parent1 = folder({ 'copier.yaml': '{name: P1, child: C1}', 'parent1.txt.jinja': '{{ name }}', ...answers });
    const parent2 = folder({ 'copier.yaml': 'name: P2', 'parent2.txt.jinja': '{{ name }}', ...answers });
    const child = folder({
      'copier.yml':
        '_external_data:\n    parent1: .copier-answers.yml\n    parent2: "{{ parent2_answers }}"\nparent2_answers: .parent2-answers.yml\nname: "{{ _external_data.parent2.child | d(_external_data.parent1.child) }}"\n',
      'combined.json.jinja': '{\n    "parent1": {{ _external_data.parent1.name | tojson }},\n    "parent2": {{ _external_data.parent2.name | tojson }},\n    "child": {{ name | tojson }}\n}\n',
      ...answers,
    });
    gitSave(parent1, 'v1.0+parent1');
    gitSave(parent2, 'v1.0+parent2');
    gitSave(child, 'v1.0+child');
    const dst = newDst();
    await copy(parent1, dst, { overwrite: true });
    gitSave(dst);
    expect(read(dst, 'parent1.txt')).toBe('P1');
    expect(answersOf(dst)).toEqual({ _src_path: parent1, _commit: 'v1.0+parent1', name: 'P1', child: 'C1' });
    await copy(parent2, dst, { overwrite: true, answersFile: '.parent2-answers.yml' });
    gitSave(dst);
    expect(read(dst, 'parent2.txt')).toBe('P2');
    expect(answersOf(dst, '.parent2-answers.yml')).toEqual({ _commit: 'v1.0+parent2', _src_path: parent2, name: 'P2' });
    await copy(child, dst, { overwrite: true, answersFile: '.child-answers.yml' });
    expect(answersOf(dst, '.child-answers.yml')).toEqual({ _commit: 'v1.0+child', _src_path: child, name: 'C1', parent2_answers: '.parent2-answers.yml' });
    expect(JSON.parse(read(dst, 'combined.json'))).toEqual({ parent1: 'P1', parent2: 'P2', child: 'C1' });
  });

  it('reads non-ASCII _external_data', async () => {
    const src = folder({
      'copier.yml': '_external_data:\n    data: data.yml\next_umlaut: "{{ _external_data.data.umlaut }}"\n',
      '{{ _copier_conf.answers_file }}.jinja': '{{ _copier_answers|to_nice_yaml }}',
    });
    gitSave(src, 'v1');
    const dst = folder({ 'data.yml': 'umlaut: äöü' });
    await copy(src, dst, { overwrite: true });
    expect(answersOf(dst).ext_umlaut).toBe('äöü');
  });

  it('renders an _external_data path that uses _copier_phase while it is still undefined', async () => {
    const src = folder({
      'copier.yml': "_external_data:\n    data: '{{ _copier_phase }}.yml'\nkey: \"{{ _external_data.data.key }}\"\n",
      '{{ _copier_conf.answers_file }}.jinja': '{{ _copier_answers|to_nice_yaml }}',
    });
    gitSave(src, 'v1');
    const dst = folder({ 'undefined.yml': 'key: value' });
    await copy(src, dst, { overwrite: true });
    expect(answersOf(dst).key).toBe('value');
  });

  it('writes the answers file byte for byte with to_nice_yaml (indent 4), sorted, secrets left out', async () => {
    const src = folder({
      '{{ _copier_conf.answers_file }}.jinja': '# Changes here will be overwritten by Copier\n{{ _copier_answers|to_nice_yaml -}}\n',
      'copier.yml': 'zeta: last\nalpha:\n  type: int\n  default: 1\nlist:\n  type: yaml\n  default: [a, b]\nmulti:\n  type: str\n  default: "one\\ntwo"\npw:\n  secret: true\n  default: s3cret\n',
    });
    gitSave(src, 'v1');
    const dst = newDst();
    await copy(src, dst);
    expect(read(dst, '.copier-answers.yml')).toBe(
      `# Changes here will be overwritten by Copier\n_commit: v1\n_src_path: ${src}\nalpha: 1\nlist:\n- a\n- b\nmulti: 'one\n\n    two'\nzeta: last\n`,
    );
  });
});
