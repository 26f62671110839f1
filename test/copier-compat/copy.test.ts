/** Cases ported from copier-org/copier tests/test_copy.py. */
import { statSync, utimesSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { git, tempDir, writeFiles } from '../support/fixtures.js';
import { ANSWERS_NICE, answersOf, copy, exists, folder, gitSave, newDst, read, templateRepo } from './helpers.js';

describe('copier test_copy', () => {
  it('fails for a template that does not exist or is a file', async () => {
    await expect(copy(path.join(tempDir(), 'foobar'), newDst())).rejects.toThrow();
    const file = path.join(tempDir(), 'file.txt');
    writeFileSync(file, 'x');
    await expect(copy(file, newDst())).rejects.toThrow();
  });

  it('copies HEAD of a repo whose only tag is not a version', async () => {
    const src = templateRepo({ ...ANSWERS_NICE, 'copier.yaml': '_tasks:\n  - cat v1.txt\n', 'v1.txt': 'file only in v1' }, 'test_tag.post23+deadbeef');
    const dst = newDst();
    await copy(src, dst, { trust: true, vcsRef: 'HEAD' });
    expect(read(dst, 'v1.txt')).toBe('file only in v1');
  });

  it('copies a non-version tag given as vcsRef', async () => {
    const src = templateRepo({ ...ANSWERS_NICE, 'copier.yaml': '_tasks:\n  - cat v1.txt\n', 'v1.txt': 'file only in v1' }, 'test_tag.post23+deadbeef');
    const dst = newDst();
    await copy(src, dst, { trust: true, vcsRef: 'test_tag.post23+deadbeef' });
    expect(answersOf(dst)._commit).toBe('test_tag.post23+deadbeef');
  });

  describe.each(['', 'v'])('tag auto-detection with prefix %j', (prefix) => {
    it.each([
      ['1.2.3.post1', true, '2'],
      ['1.2.4.dev1', true, '2'],
      ['1.2.3.post1', false, '2'],
      ['1.2.4.dev1', false, '1'],
    ])('second tag %s with prereleases=%s copies version %s', async (tag2, prereleases, expected) => {
      const src = folder({ 'version.txt': '1', '{{_copier_conf.answers_file}}.jinja': '{{ _copier_answers|to_nice_yaml -}}' });
      gitSave(src, `${prefix}1.2.3`);
      writeFiles(src, { 'version.txt': '2' });
      gitSave(src, `${prefix}${tag2}`);
      writeFiles(src, { 'version.txt': '3' });
      gitSave(src);
      const dst = newDst();
      await copy(src, dst, { prereleases });
      expect(read(dst, 'version.txt')).toBe(expected);
    });
  });

  it('copies from a branch given as vcsRef', async () => {
    const src = folder({ 'a.txt': 'main' });
    gitSave(src);
    git(src, 'checkout', '-q', '-b', 'branch');
    writeFiles(src, { 'a.txt': 'branch' });
    gitSave(src);
    git(src, 'checkout', '-q', 'main');
    const dst = newDst();
    await copy(src, dst, { vcsRef: 'branch' });
    expect(read(dst, 'a.txt')).toBe('branch');
  });

  it('exclude option extends the default exclusions (.git stays out)', async () => {
    const src = templateRepo({ 'test.txt': 'Test text', 'test.json': '"test json"' });
    const dst = newDst();
    await copy(src, dst, { exclude: ['*.txt'] });
    expect(read(dst, 'test.json')).toBe('"test json"');
    expect(exists(dst, 'test.txt')).toBe(false);
    expect(exists(dst, '.git')).toBe(false);
  });

  it('_exclude in copier.yml replaces the default exclusions', async () => {
    const src = folder({
      'test.txt': 'Test text',
      'test.json': '"test json"',
      'test.yaml': '"test yaml"',
      'copier.yaml.jinja': 'purpose: template inception',
      'copier.yml': "_exclude: ['*.json']",
    });
    const dst = newDst();
    await copy(src, dst, { exclude: ['*.txt'] });
    expect(exists(dst, 'test.yaml')).toBe(true);
    expect(exists(dst, 'test.txt')).toBe(false);
    expect(exists(dst, 'test.json')).toBe(false);
    expect(exists(dst, 'copier.yml')).toBe(true);
    expect(read(dst, 'copier.yaml')).toBe('purpose: template inception');
  });

  const skipDst = { 'a.noeof.txt': 'SKIPPED', 'b.noeof.txt': 'SKIPPED', 'meh/c.noeof.txt': 'SKIPPED' };
  const skipSrc = { 'copier.yml': '_skip_if_exists:\n  - "a.noeof.txt"\n', 'a.noeof.txt': 'OVERWRITTEN', 'b.noeof.txt': 'OVERWRITTEN', 'meh/c.noeof.txt': 'OVERWRITTEN' };

  it('skip_if_exists from the template and the option both keep existing files, even with overwrite', async () => {
    const dst = tempDir();
    await copy(folder(skipDst), dst);
    await copy(folder(skipSrc), dst, { skipIfExists: ['b.noeof.txt', 'meh/c.noeof.txt'], overwrite: true });
    expect(read(dst, 'a.noeof.txt')).toBe('SKIPPED');
    expect(read(dst, 'b.noeof.txt')).toBe('SKIPPED');
    expect(read(dst, 'meh/c.noeof.txt')).toBe('SKIPPED');
  });

  it('skip_if_exists patterns are rendered with the answers', async () => {
    const dst = tempDir();
    await copy(folder(skipDst), dst);
    await copy(folder({ ...skipSrc, 'copier.yml': '_skip_if_exists:\n  - "a.noeof.txt"\nname: x\n' }), dst, {
      data: { name: 'meh' },
      skipIfExists: ['{{ name }}/c.noeof.txt'],
      overwrite: true,
    });
    expect(read(dst, 'a.noeof.txt')).toBe('SKIPPED');
    expect(read(dst, 'b.noeof.txt')).toBe('OVERWRITTEN');
    expect(read(dst, 'meh/c.noeof.txt')).toBe('SKIPPED');
  });

  it('does not touch an identical file (mtime unchanged)', async () => {
    const src = folder(skipDst);
    const dst = tempDir();
    await copy(src, dst);
    const file = path.join(dst, 'a.noeof.txt');
    utimesSync(file, new Date(1_000_000_000_000), new Date(1_000_000_000_000));
    const before = statSync(file).mtimeMs;
    await copy(src, dst);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('skip_if_exists ** keeps an edited file', async () => {
    const src = folder({ 'copier.yml': 'name: x\n', 'pyproject.toml.jinja': 'name = "{{ name }}"\n' });
    const dst = tempDir();
    await copy(src, dst);
    writeFiles(dst, { 'pyproject.toml': 'lorem ipsum' });
    await copy(src, dst, { skipIfExists: ['**'] });
    expect(read(dst, 'pyproject.toml')).toBe('lorem ipsum');
  });

  it('overwrite replaces an edited file', async () => {
    const src = folder({ 'copier.yml': 'name: x\n', 'pyproject.toml.jinja': 'name = "{{ name }}"\n' });
    const dst = tempDir();
    await copy(src, dst);
    writeFiles(dst, { 'pyproject.toml': 'lorem ipsum' });
    await copy(src, dst, { overwrite: true });
    expect(read(dst, 'pyproject.toml')).toBe('name = "x"\n');
  });

  it('pretend writes nothing', async () => {
    const src = folder({ 'config.py': 'x', 'doc/a.txt': 'y', 'pyproject.toml': 'z' });
    const dst = tempDir();
    await copy(src, dst, { pretend: true });
    expect(exists(dst, 'doc')).toBe(false);
    expect(exists(dst, 'config.py')).toBe(false);
    expect(exists(dst, 'pyproject.toml')).toBe(false);
  });

  it.each([true, false])('empty dirs and conditional names with do_it=%s (symlinked template followed)', async (generate) => {
    const src = folder(
      {
        'copier.yaml':
          '_subdirectory: tpl\n_templates_suffix: .jinja\n_envops: {"block_start_string": "[%", "block_end_string": "%]", "variable_start_string": "[[", "variable_end_string": "]]", "comment_start_string": "[#", "comment_end_string": "#]"}\ndo_it:\n    type: bool\n',
        'tpl/[% if do_it %]one_dir[% endif %]/one.txt.jinja': '[[ do_it ]]',
        'tpl/two.txt': '[[ do_it ]]',
        'tpl/[% if do_it %]three.txt[% endif %].jinja': '[[ do_it ]]',
        'tpl/five/[% if do_it %]six.txt[% endif %].jinja': '[[ do_it ]]',
      },
      { 'tpl/[% if do_it %]four.txt[% endif %].jinja': '[% if do_it %]three.txt[% endif %].jinja' },
    );
    const dst = newDst();
    await copy(src, dst, { data: { do_it: generate }, overwrite: true });
    expect(statSync(path.join(dst, 'five')).isDirectory()).toBe(true);
    expect(read(dst, 'two.txt')).toBe('[[ do_it ]]');
    expect(exists(dst, 'one_dir')).toBe(generate);
    expect(exists(dst, 'three.txt')).toBe(generate);
    expect(exists(dst, 'four.txt')).toBe(generate);
    if (generate) {
      expect(read(dst, 'one_dir/one.txt')).toBe('True');
      expect(read(dst, 'three.txt')).toBe('True');
      expect(read(dst, 'four.txt')).toBe('True');
      expect(read(dst, 'five/six.txt')).toBe('True');
    }
  });

  it.each([0o400, 0o700, 0o770, 0o707, 0o777])('preserves file permissions %o from a plain folder', async (mode) => {
    const src = folder({ the_file: 'content' });
    chmodSync(path.join(src, 'the_file'), mode);
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    expect(statSync(path.join(dst, 'the_file')).mode & mode).toBe(mode);
  });

  it('exposes _copier_conf.vcs_ref_hash and _copier_answers._commit', async () => {
    const src = templateRepo({ 'commit.jinja': '{{_copier_conf.vcs_ref_hash}}', 'tag.jinja': '{{_copier_answers._commit}}' }, '1.0');
    const commit = git(src, 'rev-parse', 'HEAD');
    const dst = newDst();
    await copy(src, dst);
    expect(read(dst, 'tag')).toBe('1.0');
    expect(read(dst, 'commit')).toBe(commit);
  });

  it('a value rendered with _copier_conf.sep makes nested folders', async () => {
    const src = folder({ "{{ filename.replace('.', _copier_conf.sep) }}.txt": 'This is template.', 'copier.yml': 'filename: x\n' });
    const dst = newDst();
    await copy(src, dst, { data: { filename: 'a.b.c' } });
    expect(read(dst, 'a/b/c.txt')).toBe('This is template.');
  });

  const bracket = '_envops: {"block_start_string": "[%", "block_end_string": "%]", "variable_start_string": "[[", "variable_end_string": "]]"}\n_templates_suffix: .jinja\n';
  it.each<[string, string, unknown, RegExp | null]>([
    ['int rejects a non-number', 'q:\n  type: int\n', 'no-int', /./],
    ['int accepts "0"', 'q:\n  type: int\n', '0', null],
    ['int validator rejects 0', 'q:\n  type: int\n  validator: "[% if q <= 0 %]must be positive[% endif %]"\n', '0', /must be positive/],
    ['int validator accepts 1', 'q:\n  type: int\n  validator: "[% if q <= 0 %]must be positive[% endif %]"\n', '1', null],
    ['str accepts a number', 'q:\n  type: str\n', 1, null],
    ['str accepts a bool', 'q:\n  type: str\n', true, null],
    ['str rejects a mapping', 'q:\n  type: str\n', {}, /./],
    ['str rejects a list', 'q:\n  type: str\n', [], /./],
    ['str validator rejects a short value', 'q:\n  type: str\n  validator: "[% if q|length < 3 %]too short[% endif %]"\n', 'ab', /too short/],
    ['secret validator rejects an empty answer', 'q:\n  type: str\n  secret: true\n  default: ""\n  validator: "[% if q|length < 3 %]too short[% endif %]"\n', '', /too short/],
    ['bool accepts "false"', 'q:\n  type: bool\n', 'false', null],
    ['int choices accept a listed value', 'q:\n  type: int\n  choices: [1, 2, 3]\n', '1', null],
    ['int choices reject an unlisted value', 'q:\n  type: int\n  choices: [1, 2, 3]\n', '4', /./],
    ['a disabled choice is rejected', 'q:\n  type: int\n  choices: {one: 1, two: {value: 2, validator: disabled}, three: 3}\n', '2', /disabled/],
    ['a choice with an empty validator is accepted', 'q:\n  type: int\n  choices: {one: 1, two: {value: 2, validator: ""}, three: 3}\n', '2', null],
    ['str choice map of nulls accepts a key', 'q:\n  type: str\n  choices: {one: null, two: null, three: null}\n', 'one', null],
    ['str choice map of nulls rejects another', 'q:\n  type: str\n  choices: {one: null, two: null, three: null}\n', 'four', /./],
    ['same value enabled by one label is accepted', 'q:\n  type: str\n  choices: {banana: {value: yellow, validator: invalid}, tshirt: {value: yellow, validator: ""}}\n', 'yellow', null],
    ['path validator rejects a relative path', `q:\n  type: path\n  validator: "[% if q | length < 1 or q[0] != '/' %]must be absolute path[% endif %]"\n`, './local/path', /absolute/],
    ['yaml choices accept null by label value', 'q:\n  type: yaml\n  choices: {one: null, two: 2, three: "null"}\n', 'null', null],
    ['yaml choices reject a label', 'q:\n  type: yaml\n  choices: {one: null, two: 2, three: "null"}\n', 'two', /./],
    ['yaml complex choice accepts its value', 'q:\n  type: yaml\n  choices: {complex: {value: {key: value}}}\n', 'key: value', null],
    ['multiselect validator rejects an empty selection', 'q:\n  type: str\n  choices: [one, two, three]\n  multiselect: true\n  validator: "[% if not q %]At least one choice required[% endif %]"\n', [], /At least one choice required/],
  ])('validates --data: %s', async (_name, spec, value, error) => {
    const src = folder({ 'copier.yml': bracket + spec });
    const run = copy(src, newDst(), { data: { q: value }, defaults: false });
    if (error) await expect(run).rejects.toThrow(error);
    else await expect(run).resolves.toBeDefined();
  });

  it.each([false, true])('validates --data with a question skipped by when (defaults=%s)', async (defaults) => {
    const src = folder({
      'copier.yml':
        '_envops: {"block_start_string": "[%", "block_end_string": "%]", "variable_start_string": "[[", "variable_end_string": "]]"}\n' +
        "kind:\n    type: str\n    help: What kind do you need?\n    choices:\n        foo: foo\n        bar: bar\n" +
        "testbar:\n    when: \"[[ kind == 'bar' ]]\"\n    type: str\n    help: any string bar?\n" +
        "testfoo:\n    when: \"[[ kind == 'foo' ]]\"\n    type: str\n    help: any string foo?\n",
      'result.jinja': '[[ kind ]]\n[[ testbar ]]\n[[ testfoo ]]\n',
    });
    const dst = newDst();
    await copy(src, dst, { defaults, data: { kind: 'foo', testfoo: 'helloworld' } });
    expect(read(dst, 'result')).toBe('foo\n\nhelloworld\n');
  });

  it.each(['str', 'int', 'float', 'bool', 'json', 'yaml'])('a %s question without default or data is required', async (type) => {
    const src = folder({ 'copier.yml': `question:\n  type: ${type}\n` });
    await expect(copy(src, newDst())).rejects.toThrow(/'question'/);
  });

  it.each([
    ['str', '[one, two, three]'],
    ['int', '[1, 2, 3]'],
    ['float', '[1.0, 2.0, 3.0]'],
    ['json', '["[1]", "[2]", "[3]"]'],
    ['yaml', '["- 1", "- 2", "- 3"]'],
  ])('a %s choice question without default or data is required', async (type, choices) => {
    const src = folder({ 'copier.yml': `question:\n  type: ${type}\n  choices: ${choices}\n` });
    await expect(copy(src, newDst())).rejects.toThrow(/'question'/);
  });

  it.each<[string, boolean]>([
    ['{type: str, default: string}', true],
    ['{type: str, default: 1.0}', true],
    ['{type: str, default: null}', false],
    ['{type: str, default: "", validator: "{% if q|length < 3 %}too short{% endif %}"}', false],
    ['{type: int, default: 1.0}', true],
    ['{type: int, default: "1"}', true],
    ['{type: int, default: "1.0"}', false],
    ['{type: int, default: no-int}', false],
    ['{type: int, default: null}', false],
    ['{type: int, default: []}', false],
    ['{type: float, default: "1.1"}', true],
    ['{type: float, default: no-float}', false],
    ['{type: bool, default: y}', true],
    ['{type: bool, default: null}', false],
    ['{type: json, default: "null"}', true],
    ['{type: json, default: null}', true],
    ['{type: json, default: {}}', true],
    ['{type: path, default: null}', false],
    ['{type: path, default: ""}', true],
    ['{type: yaml, default: string}', true],
    ['{type: yaml, default: null}', true],
  ])('validates the default of q: %s (ok=%s)', async (spec, ok) => {
    const src = folder({ 'copier.yml': `q: ${spec}\n` });
    const run = copy(src, newDst());
    if (ok) await expect(run).resolves.toBeDefined();
    else await expect(run).rejects.toThrow();
  });

  it('multiselect answers keep the order of the choices', async () => {
    const src = folder({ 'copier.yml': 'q:\n  type: str\n  choices: [one, two, three]\n  multiselect: true\n', 'q.yml.jinja': '{{ q | to_nice_yaml }}' });
    const dst = newDst();
    await copy(src, dst, { data: { q: ['three', 'one', 'two'] } });
    expect(parse(read(dst, 'q.yml'))).toEqual(['one', 'two', 'three']);
  });

  it.each([
    `choices: '["one", "two", "three"]'`,
    `choices: '[{% for c in ["one", "two", "three"] %}{{ c }}{% if not loop.last %},{% endif %}{% endfor %}]'`,
    "choices: |\n    {%- for c in ['one', 'two', 'three'] %}\n    - {{ c }}\n    {%- endfor %}",
    "choices: |\n    {%- for c in ['one', 'two', 'three'] %}\n    {{ c }}: null\n    {%- endfor %}",
    "choices: |\n    {%- for c in ['one', 'two', 'three'] %}\n    {{ c|upper }}: {{ c }}\n    {%- endfor %}",
    "choices: |\n    {%- for c in ['one', 'two', 'three'] %}\n    - [{{ c|upper }}, {{ c }}]\n    {%- endfor %}",
    "choices: |\n    {%- for c in ['one', 'two', 'three'] %}\n    {{ c|upper }}:\n        value: {{ c }}\n    {%- endfor %}",
    'choices: |\n    {%- for c in [\'one\', \'two\', \'three\'] %}\n    {{ c|upper }}:\n        value: {{ c }}\n        validator: "{% raw %}{% if false %}Validation error{% endif %}{% endraw %}"\n    {%- endfor %}',
  ])('templated choices: %s', async (spec) => {
    const src = folder({ 'copier.yml': `q:\n    type: str\n${spec.split('\n').map((l) => `    ${l}`).join('\n')}\n`, 'q.txt.jinja': '{{ q }}' });
    const dst = newDst();
    await copy(src, dst, { data: { q: 'two' } });
    expect(read(dst, 'q.txt')).toBe('two');
  });

  it.each<[string, unknown]>([
    [`type: str\nchoices: ["one", "two", "three"]\nmultiselect: true\ndefault: "{{ '[one, three]' }}"`, ['one', 'three']],
    [`type: str\nchoices:\n    one: '[1]'\n    two: '[2]'\n    three: '[3]'\nmultiselect: true\ndefault: "{{ '[[1], [3]]' }}"`, ['[1]', '[3]']],
    [`type: int\nchoices: [1, 2, 3]\nmultiselect: true\ndefault: "{{ '[1, 3]' }}"`, [1, 3]],
    [`type: float\nchoices: [1.0, 2.0, 3.0]\nmultiselect: true\ndefault: "{{ '[1.0, 3.0]' }}"`, [1.0, 3.0]],
    [
      `type: json\nchoices:\n    one: '{"value": 1}'\n    two: '{"value": 2}'\n    three: '{"value": 3}'\nmultiselect: true\ndefault: |\n    {%- if true %}\n    - '{"value": 1}'\n    - '{"value": 3}'\n    {%- endif %}`,
      [{ value: 1 }, { value: 3 }],
    ],
    [
      `type: yaml\nchoices:\n    one: '{value: [1, null]}'\n    two: '{value: [2, null]}'\n    three: '{value: [3, null]}'\nmultiselect: true\ndefault: |\n    {%- if true %}\n    - {value: [1, null]}\n    - {value: [3, null]}\n    {%- endif %}`,
      [{ value: [1, null] }, { value: [3, null] }],
    ],
  ])('multiselect with a templated default: %s', async (spec, expected) => {
    const src = folder({ 'copier.yml': `q:\n${spec.split('\n').map((l) => `    ${l}`).join('\n')}\n`, 'q.yml.jinja': '{{ q | to_nice_yaml }}' });
    const dst = newDst();
    await copy(src, dst);
    expect(parse(read(dst, 'q.yml'))).toEqual(expected);
  });

  it('_copier_phase is "render" while rendering files', async () => {
    const src = folder({ '{{ _copier_phase }}.jinja': '{{ _copier_phase }}' });
    const dst = newDst();
    await copy(src, dst);
    expect(read(dst, 'render')).toBe('render');
  });

  it('refuses a rendered path outside the destination', async () => {
    const root = tempDir();
    writeFiles(root, { 'forbidden.txt': 'foo', "src/{{ pathjoin('..', 'forbidden.txt') }}": 'bar' });
    const dst = path.join(root, 'dst');
    await expect(copy(path.join(root, 'src'), dst, { overwrite: true })).rejects.toThrow(/forbidden|outside|escape/i);
    expect(exists(dst, 'forbidden.txt')).toBe(false);
    expect(read(root, 'forbidden.txt')).toBe('foo');
  });
});
