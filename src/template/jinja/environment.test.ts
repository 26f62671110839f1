import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../errors.js';
import { createJinja } from './index.js';

const render = (source: string, ctx: Record<string, unknown> = {}, opts = {}) => createJinja(opts).render(source, ctx, 'tpl/file.txt.jinja');

describe('errors', () => {
  it('names the template, line and problem for syntax errors', () => {
    const error = (() => {
      try {
        render('ok\n{{ x ) }}\n');
      } catch (e) {
        return e;
      }
    })() as TemplateError;
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toMatch(/^tpl\/file\.txt\.jinja:2: syntax error/);
    expect(error.message).toContain('{{ x ) }}');
    expect(error.details).toMatchObject({ template: 'tpl/file.txt.jinja', line: 2 });
  });

  it('reports unknown filters', () => {
    expect(() => render('{{ x|nope }}')).toThrow(/file\.txt\.jinja:1: unknown filter/);
  });

  it('reports filter failures without breaking the environment', () => {
    const jinja = createJinja({});
    expect(() => jinja.render('{{ "x"|hash("nope") }}', {}, 'a')).toThrow(/a: filter 'hash': unsupported hash type 'nope'/);
    expect(() => jinja.render('{{ p|realpath }}', {}, 'a')).toThrow(/realpath' is not supported/);
    expect(jinja.render('{{ 1 + 1 }}', {}, 'b')).toBe('2');
  });

  it('never lets one context see the values of the one rendered before it', () => {
    // One environment serves many runs in a process (prepare.ts keeps them), with contexts
    // installed as globals: a key the next context lacks must be undefined again.
    const jinja = createJinja();
    expect(jinja.render('{{ a }}|{{ b }}', { a: 1, b: 'secret' })).toBe('1|secret');
    expect(jinja.render('{{ a }}|{{ b }}|{{ b is defined }}', { a: 2 })).toBe('2||False');
    expect(jinja.render('{{ b is defined }}', { range: 'shadows a global', a: 3 })).toBe('False');
    expect(jinja.evalExpr('b is defined', { a: 4 })).toBe(false);
  });

  it('renders undefined as empty but fails on attributes of undefined, like Jinja2', () => {
    expect(render('[{{ missing }}]{% if missing %}x{% endif %}')).toBe('[]');
    expect(() => render('{{ missing.attr }}')).toThrow(TemplateError);
  });

  it('hints at in-place list mutation', () => {
    expect(() => render('{% set l = [] %}{% do l.append(1) %}', {}, { extensions: ['jinja2.ext.do'] })).toThrow(/cannot be changed in place/);
  });

  it('stops endless loops with a clear error', () => {
    expect(() => render('{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}')).toThrow(/out of fuel/);
    expect(() => render('{% for i in range(999999999) %}{% endfor %}')).toThrow(TemplateError);
  });
});

describe('envops', () => {
  it('keeps the trailing newline by default, like Copier', () => {
    expect(render('a\n')).toBe('a\n');
    expect(render('a\n', {}, { envops: { keep_trailing_newline: false } })).toBe('a');
  });

  it('rejects unsupported and unknown envops by name', () => {
    expect(() => createJinja({ envops: { undefined: 'jinja2.StrictUndefined' } })).toThrow(/_envops.undefined is not supported/);
    expect(() => createJinja({ envops: { autoescape: true } })).toThrow(/_envops.autoescape/);
    expect(() => createJinja({ envops: { line_statement_prefix: '#' } })).toThrow(/line_statement_prefix/);
    expect(() => createJinja({ envops: { frobnicate: 1 } })).toThrow(/unknown or unsupported _envops key 'frobnicate'/);
    expect(() => createJinja({ envops: { autoescape: false, newline_sequence: '\n' } })).not.toThrow();
  });

  it('translates custom delimiters and keeps standard ones literal', () => {
    const envops = { block_start_string: '[%', block_end_string: '%]', variable_start_string: '[[', variable_end_string: ']]' };
    // The comment delimiters were not changed, so `{#c#}` is still a comment.
    expect(render('{{ raw }} {%x%} {#c#} [[ a ]][% if a %]!{[% endif %]', { a: 1 }, { envops })).toBe('{{ raw }} {%x%}  1!{');
  });
});

describe('extensions', () => {
  it('rejects unsupported extensions, listing supported ones', () => {
    expect(() => createJinja({ extensions: ['copier_templates_extensions.TemplateExtensionLoader'] })).toThrow(
      /template uses Jinja extension 'copier_templates_extensions.TemplateExtensionLoader', which Paved does not support; remove it from _jinja_extensions.*jinja2_time.TimeExtension/,
    );
    expect(() => createJinja({ extensions: ['jinja2.ext.i18n'] })).toThrow(/jinja2.ext.i18n/);
  });

  it('supports jinja2_time {% now %} as a block tag', () => {
    const year = String(new Date().getUTCFullYear());
    const opts = { extensions: ['jinja2_time.TimeExtension'] };
    expect(render("{% now 'utc', '%Y' %}", {}, opts)).toBe(year);
    expect(render("© {% now 'utc' + 'days=0', '%Y' %}\n", {}, opts)).toBe(`© ${year}\n`);
    expect(render("{% now 'utc' %}", {}, opts)).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it('rejects loop controls at use with an explanation', () => {
    expect(() => render('{% for i in [1] %}{% break %}{% endfor %}', {}, { extensions: ['jinja2.ext.loopcontrols'] })).toThrow(/file\.txt\.jinja:1: \{% break %\}/);
  });

  it('provides cookiecutter helpers', () => {
    const opts = { extensions: ['cookiecutter.extensions.SlugifyExtension', 'cookiecutter.extensions.JsonifyExtension', 'cookiecutter.extensions.RandomStringExtension'] };
    expect(render('{{ "Héllo, World!"|slugify }} {{ {"b": 1, "a": 2}|jsonify }}', {}, opts)).toBe('hello-world {\n    "a": 2,\n    "b": 1\n}');
    expect(render('{{ random_ascii_string(12) }}', {}, opts)).toMatch(/^[A-Za-z]{12}$/);
  });
});

describe('loader files', () => {
  const loaderFiles = new Map([
    ['macros.jinja', '{% macro hi(n) %}hi {{ n }}{% endmacro %}'],
    ['part.jinja', 'part {{ x }}\n'],
    ['base.jinja', 'head\n{% block body %}{% endblock %}\nfoot\n'],
    ['page.html', '<{{ x }}>'],
    ['broken.jinja', '{% if %}'],
  ]);

  it('makes include, import and extends work', () => {
    const jinja = createJinja({ loaderFiles });
    expect(jinja.render('{% import "macros.jinja" as m %}{{ m.hi(1) }}|{% include "part.jinja" %}', { x: 2 }, 't')).toBe('hi 1|part 2\n');
    expect(jinja.render('{% extends "base.jinja" %}{% block body %}B{% endblock %}', {}, 't')).toBe('head\nB\nfoot\n');
  });

  it('never HTML-escapes, whatever the included file is called', () => {
    expect(createJinja({ loaderFiles }).render('{% include "page.html" %}', { x: '<&>' }, 't')).toBe('<<&>>');
  });

  it('reports a broken included file by its name', () => {
    expect(() => createJinja({ loaderFiles }).render('{% include "broken.jinja" %}', {}, 't')).toThrow(/broken\.jinja/);
  });
});

describe('renderPath and {% yield %}', () => {
  const jinja = createJinja({});

  it('renders a plain path once', () => {
    expect(jinja.renderPath('src/{{ pkg }}/__init__.py', { pkg: 'app' })).toEqual([{ path: 'src/app/__init__.py', extra: {} }]);
    expect(jinja.renderPath('README.md', {})).toEqual([{ path: 'README.md', extra: {} }]);
  });

  it('renders one path per yielded item with the item bound', () => {
    const ctx = { services: [{ name: 'api' }, { name: 'web' }] };
    expect(jinja.renderPath('{% yield svc from services %}{{ svc.name }}{% endyield %}.yaml', ctx)).toEqual([
      { path: 'api.yaml', extra: { svc: { name: 'api' } } },
      { path: 'web.yaml', extra: { svc: { name: 'web' } } },
    ]);
  });

  it('yields nothing for an empty or undefined iterable', () => {
    expect(jinja.renderPath('{% yield x from [] %}{{ x }}{% endyield %}', {})).toEqual([]);
    expect(jinja.renderPath('{% yield x from nope %}{{ x }}{% endyield %}', {})).toEqual([]);
  });

  it('lets a child name use the parent yield variable', () => {
    expect(jinja.renderPath('{{ svc.name }}.txt', { svc: { name: 'api' } })).toEqual([{ path: 'api.txt', extra: {} }]);
  });

  it('rejects two yields in one name', () => {
    expect(() => jinja.renderPath('{% yield a from xs %}{{ a }}{% endyield %}-{% yield b from xs %}{{ b }}{% endyield %}', { xs: [1] }, 'd')).toThrow(
      /only one \{% yield %\} tag is allowed per path name/,
    );
  });

  it('renders the yield body in file contents only when a yielded folder bound the variable, else refuses it', () => {
    expect(() => jinja.render('[{% yield x from xs %}{{ x }}{% endyield %}]', { xs: [1] })).toThrow(/only be used in file and folder names/);
    expect(jinja.render('[{% yield x from xs %}{{ x }}{% endyield %}]', { xs: [1], x: 5 })).toBe('[5]');
  });
});

describe('evalExpr', () => {
  it('evaluates expressions to plain values', () => {
    const jinja = createJinja({});
    expect(jinja.evalExpr('x + 1', { x: 1 })).toBe(2);
    expect(jinja.evalExpr('"%s!" % x', { x: 'a' })).toBe('a!');
    expect(jinja.evalExpr('{"a": [1, flag]}', { flag: true })).toEqual({ a: [1, true] });
  });
});

// Speed is measured in bench/, never asserted here: these machines are shared and noisy.
describe('large templates', () => {
  it('renders a big file well within the fuel limit', () => {
    const source = '{% for i in range(20000) %}line {{ i }} {{ name|upper }}\n{% endfor %}';
    expect(render(source, { name: 'x' }).split('\n')).toHaveLength(20001);
  });
});

describe('lexing', () => {
  it('keeps dict literals whose braces look like an end delimiter', () => {
    expect(render('{{ {"a": {"b": 1}} }}|{{ "}}" }}')).toBe("{'a': {'b': 1}}|}}");
  });
});
