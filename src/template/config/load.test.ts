import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../errors.ts';
import { loadTemplateConfig } from './load.ts';
import { memoryFiles } from './memory-files.ts';
import { DEFAULT_EXCLUDE } from './normalise.ts';

const load = (files: Record<string, string>) => loadTemplateConfig(memoryFiles(files));
const errorOf = (files: Record<string, string>): TemplateError => {
  try {
    load(files);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error('expected a TemplateError');
};

describe('finding the config file', () => {
  it('gives Copier defaults and no questions without copier.yml', () => {
    const config = load({ 'README.md': 'hi' });
    expect(config.file).toBeUndefined();
    expect(config.questions).toEqual([]);
    expect(config.settings).toMatchObject({
      subdirectory: '',
      exclude: DEFAULT_EXCLUDE,
      skipIfExists: [],
      templatesSuffix: '.jinja',
      answersFile: '.copier-answers.yml',
      tasks: [],
      migrations: [],
      envops: { keep_trailing_newline: true },
      jinjaExtensions: [],
      preserveSymlinks: false,
      externalData: {},
      secretQuestions: [],
    });
    expect(config.settings.minCopierVersion).toBeUndefined();
  });

  it('reads copier.yaml too', () => {
    expect(load({ 'copier.yaml': 'name: x\n' }).file).toBe('copier.yaml');
  });

  it('refuses both copier.yml and copier.yaml, as Copier does', () => {
    expect(errorOf({ 'copier.yml': 'a: 1', 'copier.yaml': 'b: 2' }).message).toMatch(/both copier\.yaml and copier\.yml/);
  });

  it('ignores copier.yml in a subfolder', () => {
    expect(load({ 'sub/copier.yml': 'a: 1' }).file).toBeUndefined();
  });
});

describe('questions', () => {
  it('expands shorthand questions and infers their type from the default (docs example)', () => {
    const config = load({ 'copier.yml': 'name_of_the_project: My awesome project\nnumber_of_eels: 1234\nyour_email: ""\n' });
    expect(config.questions.map((q) => [q.name, q.type, q.default])).toEqual([
      ['name_of_the_project', 'str', 'My awesome project'],
      ['number_of_eels', 'int', 1234],
      ['your_email', 'str', ''],
    ]);
  });

  it('infers bool, float and yaml (lists, mappings-as-values, null, no default)', () => {
    const config = load({
      'copier.yml': 'a: yes\nb: 1.5\nc: [1, 2]\nd:\ne:\n  help: no default\nf:\n  default: {x: 1}\n',
    });
    expect(config.questions.map((q) => q.type)).toEqual(['bool', 'float', 'yaml', 'yaml', 'yaml', 'yaml']);
    expect(config.questions[3]).toMatchObject({ name: 'd', default: null });
    expect('default' in config.questions[4]!).toBe(false);
  });

  it('accepts Copier\'s path type', () => {
    const config = load({ 'copier.yml': 'where:\n  type: path\n  default: ""\n' });
    expect(config.questions[0]).toMatchObject({ name: 'where', type: 'path', default: '' });
  });

  it('reads the full form', () => {
    const config = load({
      'copier.yml': [
        'project_license:',
        '  type: str',
        '  help: Which license?',
        '  choices: {MIT: mit, Apache2: apache}',
        '  default: mit',
        '  when: "{{ public }}"',
        '  validator: "{% if not project_license %}required{% endif %}"',
        '  multiselect: false',
        '  placeholder: mit',
        '  qmark: "?"',
        '  multiline: true',
      ].join('\n'),
    });
    expect(config.questions[0]).toEqual({
      name: 'project_license',
      type: 'str',
      help: 'Which license?',
      choices: { MIT: 'mit', Apache2: 'apache' },
      default: 'mit',
      when: '{{ public }}',
      validator: '{% if not project_license %}required{% endif %}',
      secret: false,
      multiselect: false,
      placeholder: 'mit',
      qmark: '?',
      multiline: true,
    });
  });

  it('keeps a templated type for the resolver', () => {
    const q = load({ 'copier.yml': 'cfg:\n  type: "{% if t %}yaml{% else %}json{% endif %}"\n' }).questions[0]!;
    expect(q.typeTemplate).toBe('{% if t %}yaml{% else %}json{% endif %}');
  });

  it('reads YAML like PyYAML: y/n stay strings, yes/no are booleans', () => {
    const config = load({ 'copier.yml': 'y: n\nok: no\n' });
    expect(config.questions.map((q) => [q.name, q.default])).toEqual([
      ['y', 'n'],
      ['ok', false],
    ]);
  });

  it('marks _secret_questions as secret', () => {
    const config = load({ 'copier.yml': '_secret_questions: [password]\nuser: johndoe\npassword: s3cr3t\n' });
    expect(config.questions.map((q) => q.secret)).toEqual([false, true]);
  });

  it('requires a default for secret questions, as Copier does', () => {
    expect(errorOf({ 'copier.yml': 'token:\n  secret: true\n' }).message).toBe(
      "copier.yml: question 'token': a secret question needs a default; add 'default:'",
    );
  });

  it('keeps YAML anchors (docs: default: *mit_text)', () => {
    const config = load({ 'copier.yml': 'lic:\n  choices:\n    MIT: &mit "MIT text"\n    Other: other\n  default: *mit\n' });
    expect(config.questions[0]!.default).toBe('MIT text');
  });
});

describe('validation errors name the file, the key and the fix', () => {
  it('unknown type', () => {
    expect(errorOf({ 'copier.yml': 'age:\n  type: integer\n' }).message).toBe(
      "copier.yml: question 'age': type 'integer' is not one of str, int, float, bool, json, yaml, path",
    );
  });

  it('unknown question key', () => {
    expect(errorOf({ 'copier.yml': 'age:\n  type: int\n  defualt: 3\n' }).message).toBe(
      "copier.yml: question 'age': unknown key 'defualt'; expected one of type, help, choices, default, when, validator, secret, multiselect, placeholder, multiline, qmark",
    );
  });

  it('wrong value type of a question key', () => {
    expect(errorOf({ 'copier.yaml': 'age:\n  secret: maybe\n  default: 1\n' }).message).toBe(
      "copier.yaml: question 'age': secret: must be true or false",
    );
  });

  it('wrong setting shape, with the path inside it', () => {
    expect(errorOf({ 'copier.yml': '_exclude: "*.txt"\n' }).message).toBe("copier.yml: setting '_exclude': must be a list of strings");
    expect(errorOf({ 'copier.yml': '_tasks:\n  - {cmd: ls}\n' }).message).toBe(
      "copier.yml: setting '_tasks[0]': must be a string, a list of arguments, or a mapping {command, when, working_directory}",
    );
  });

  it('invalid YAML', () => {
    expect(errorOf({ 'copier.yml': 'a: [\n' }).message).toMatch(/^copier\.yml: invalid YAML: /);
  });

  it('a document that is not a mapping', () => {
    expect(errorOf({ 'copier.yml': '- a\n- b\n' }).message).toMatch(/document 1 is a list; each document must be a mapping/);
  });
});

describe('settings', () => {
  it('a user _exclude replaces the defaults', () => {
    expect(load({ 'copier.yml': '_exclude: ["*.bar", .git]\n' }).settings.exclude).toEqual(['*.bar', '.git']);
  });

  it('excludes nothing by default when _subdirectory is a real subfolder', () => {
    expect(load({ 'copier.yml': '_subdirectory: template\n' }).settings.exclude).toEqual([]);
    expect(load({ 'copier.yml': '_subdirectory: .\n' }).settings.exclude).toEqual(DEFAULT_EXCLUDE);
  });

  it('reads every setting', () => {
    const config = load({
      'copier.yml': [
        '_subdirectory: "{{ engine }}"',
        '_skip_if_exists: [.secret]',
        '_templates_suffix: ""',
        '_answers_file: .answers.yml',
        '_envops: {keep_trailing_newline: false, trim_blocks: true}',
        '_jinja_extensions: [jinja2_time.TimeExtension]',
        '_min_copier_version: "9.1.0"',
        '_message_before_copy: before {{ x }}',
        '_message_after_copy: after',
        '_message_before_update: bu',
        '_message_after_update: au',
        '_preserve_symlinks: true',
        '_external_data: {parent: "{{ parent_file }}"}',
      ].join('\n'),
    });
    expect(config.settings).toMatchObject({
      subdirectory: '{{ engine }}',
      skipIfExists: ['.secret'],
      templatesSuffix: '',
      answersFile: '.answers.yml',
      envops: { keep_trailing_newline: false, trim_blocks: true },
      jinjaExtensions: ['jinja2_time.TimeExtension'],
      minCopierVersion: '9.1.0',
      messageBeforeCopy: 'before {{ x }}',
      messageAfterCopy: 'after',
      messageBeforeUpdate: 'bu',
      messageAfterUpdate: 'au',
      preserveSymlinks: true,
      externalData: { parent: '{{ parent_file }}' },
    });
  });

  it('stringifies a numeric _min_copier_version and defaults a null suffix', () => {
    const config = load({ 'copier.yml': '_min_copier_version: 9\n_templates_suffix:\n' });
    expect(config.settings.minCopierVersion).toBe('9');
    expect(config.settings.templatesSuffix).toBe('.jinja');
  });

  it('reads tasks in their three forms (docs example)', () => {
    const config = load({
      'copier.yml': [
        '_tasks:',
        '  - "git init"',
        '  - [invoke, "--search-root={{ _copier_conf.src_path }}", after-copy, 3]',
        '  - command: ["{{ _copier_python }}", task.py]',
        '    when: "{{ _copier_operation == \'copy\' }}"',
        '    working_directory: sub',
      ].join('\n'),
    });
    expect(config.settings.tasks).toEqual([
      { command: 'git init' },
      { command: ['invoke', '--search-root={{ _copier_conf.src_path }}', 'after-copy', '3'] },
      { command: ['{{ _copier_python }}', 'task.py'], when: "{{ _copier_operation == 'copy' }}", workingDirectory: 'sub' },
    ]);
  });

  it('reads Copier 9 migrations, defaulting to the after stage with the template delimiters', () => {
    const config = load({
      'copier.yml': [
        '_envops: {variable_start_string: "[[", variable_end_string: "]]"}',
        '_migrations:',
        '  - invoke migrate $STAGE',
        '  - version: v1.0.0',
        '    command: rm ./old-folder',
        '    when: "{{ _stage == \'before\' }}"',
        '  - command: [echo, hi]',
        '    working_directory: sub',
      ].join('\n'),
    });
    expect(config.settings.migrations).toEqual([
      { command: 'invoke migrate $STAGE', when: '[[ _stage == "after" ]]' },
      { command: 'rm ./old-folder', version: 'v1.0.0', when: "{{ _stage == 'before' }}" },
      { command: ['echo', 'hi'], when: '[[ _stage == "after" ]]', workingDirectory: 'sub' },
    ]);
    expect(config.warnings).toEqual([]);
  });

  it('expands legacy {version, before, after} migrations with a fixed stage and a warning', () => {
    const config = load({ 'copier.yml': '_migrations:\n  - version: 1.0.0\n    before: [a, [b, c]]\n    after: [d]\n' });
    expect(config.settings.migrations).toEqual([
      { command: 'a', version: '1.0.0', stage: 'before' },
      { command: ['b', 'c'], version: '1.0.0', stage: 'before' },
      { command: 'd', version: '1.0.0', stage: 'after' },
    ]);
    expect(config.warnings[0]).toMatch(/_migrations\[0\]'.*deprecated/);
  });

  it('warns about unknown settings instead of failing, as Copier ignores them', () => {
    const config = load({ 'copier.yml': '_skip_tasks: true\n_whatever: 1\nname: x\n' });
    expect(config.warnings).toEqual([
      "copier.yml: unknown setting '_skip_tasks' is ignored",
      "copier.yml: unknown setting '_whatever' is ignored",
    ]);
    expect(config.questions.map((q) => q.name)).toEqual(['name']);
  });
});

describe('multiple documents and !include (docs: "Include other YAML files")', () => {
  const files = {
    'copier.yml': [
      '---',
      '!include shared-conf/common.*.yml',
      '---',
      '!include common-questions/web-app.yml',
      '---',
      '!include common-questions/python-project.yml',
      '---',
      '_skip_if_exists:',
      '  - .password.txt',
      'custom_question: default answer',
      '',
    ].join('\n'),
    'shared-conf/common.a.yml': '_exclude: [a]\nshared_a: 1\n',
    'shared-conf/common.b.yml': '_exclude: [b]\n---\nshared_b: 2\n',
    'shared-conf/other.yml': 'not_included: 1\n',
    'common-questions/web-app.yml': 'port:\n  type: int\n  default: 80\n',
    'common-questions/python-project.yml':
      'version:\n  type: str\n  help: What is the version of your Python project?\n_skip_if_exists:\n  - pyproject.toml\n',
  };

  it('merges documents of all included files in order and concatenates list settings', () => {
    const config = load(files);
    expect(config.questions.map((q) => q.name)).toEqual(['shared_a', 'shared_b', 'port', 'version', 'custom_question']);
    expect(config.settings.exclude).toEqual(['a', 'b']);
    expect(config.settings.skipIfExists).toEqual(['pyproject.toml', '.password.txt']);
  });

  it('a later document replaces a question and non-list settings, keeping its position', () => {
    const config = load({
      'copier.yml': 'a: 1\nb: 2\n_tasks: [one]\n---\na:\n  type: str\n  default: x\n_tasks: [two]\n---\n',
    });
    expect(config.questions.map((q) => [q.name, q.type, q.default])).toEqual([
      ['a', 'str', 'x'],
      ['b', 'int', 2],
    ]);
    expect(config.settings.tasks).toEqual([{ command: 'two' }]);
  });

  it('supports ** and nested includes, relative to the template root', () => {
    const config = load({
      'copier.yml': '--- !include inc/**/*.yml\n',
      'inc/a.yml': '--- !include other/x.yml\n---\na: 1\n',
      'inc/deep/b.yml': 'b: 2\n',
      'other/x.yml': 'x: 0\n',
    });
    expect(config.questions.map((q) => q.name)).toEqual(['x', 'a', 'b']);
  });

  it('an include matching nothing adds nothing', () => {
    expect(load({ 'copier.yml': '--- !include nothing/*.yml\n---\na: 1\n' }).questions).toHaveLength(1);
  });

  it('refuses absolute include paths, cycles and includes inside values', () => {
    expect(errorOf({ 'copier.yml': '--- !include /etc/*.yml\n' }).message).toMatch(/must be relative to the template root/);
    expect(errorOf({ 'copier.yml': '--- !include copier.yml\n' }).message).toMatch(/cycle: copier\.yml -> copier\.yml/);
    expect(errorOf({ 'copier.yml': 'a: !include x.yml\n' }).message).toMatch(/must be a whole document/);
  });

  it('names the included file in errors', () => {
    expect(errorOf({ 'copier.yml': '--- !include bad.yml\n', 'bad.yml': 'a: [\n' }).message).toMatch(/^bad\.yml: invalid YAML/);
  });
});
