import { describe, expect, it } from 'vitest';
import { createJinja } from './index.js';

const jinja = createJinja({});
const r = (source: string, ctx: Record<string, unknown> = {}) => jinja.render(source, ctx, 'filters');

// Expected values come from CPython 3.11 (json, shlex, uuid, re, % and str.format).
describe('jinja2-ansible-filters', () => {
  it('serialises like Python json', () => {
    const d = { b: [1, 'é'], a: null };
    expect(r('{{ d|to_json }}', { d })).toBe('{"a": null, "b": [1, "\\u00e9"]}');
    expect(r('{{ d|to_nice_json }}', { d })).toBe('{\n    "a": null,\n    "b": [\n        1,\n        "\\u00e9"\n    ]\n}');
    expect(r('{{ (s|from_json).a }} {{ (y|from_yaml).k }}', { s: '{"a": 1}', y: 'k: [1]' })).toBe('1 [1]');
  });

  it('dumps YAML like PyYAML', () => {
    expect(r('{{ d|to_nice_yaml(indent=2) }}', { d: { a: [{ b: 'on' }] } })).toBe("a:\n- b: 'on'\n");
    expect(r('{{ d|to_yaml }}', { d: { a: ['x', 1] } })).toBe('a: [x, 1]\n');
  });

  it('quotes, hashes and encodes', () => {
    expect(r(`{{ "it's here"|quote }}`)).toBe(`'it'"'"'s here'`);
    expect(r('{{ "test"|to_uuid }}')).toBe('f4fb6740-9e00-5ac4-9581-f24b6ecfe71e');
    expect(r('{{ "x"|sha1 }} {{ "x"|md5 }} {{ "x"|hash("sha256")|length }}')).toBe('11f6ad8ec52a2984abaafd7c3b516503785c2072 9dd4e461268c8034f5c8564e155c67a6 64');
    expect(r('{{ "héllo"|b64encode }} {{ "aMOpbGxv"|b64decode }}')).toBe('aMOpbGxv héllo');
  });

  it('translates Python regular expressions', () => {
    expect(r(String.raw`{{ "3.11.4"|regex_replace("^(?P<maj>\\d+)\\.(\\d+)", "\\g<maj>-\\2") }}`)).toBe('3-11.4');
    expect(r(String.raw`{{ "a1 b2"|regex_findall("(\\w)(\\d)") }}`)).toBe("[['a', '1'], ['b', '2']]");
    expect(r(String.raw`{{ "v1.2"|regex_search("v(\\d+)", "\\1") }} {{ "x"|regex_search("y") }}`)).toBe("['1'] None");
    expect(r('{{ "a.b c"|regex_escape }}')).toBe('a\\.b\\ c');
    expect(r('{{ "ABC"|regex_replace("b", "x", ignorecase=true) }}')).toBe('AxC');
  });

  it('shapes data', () => {
    expect(r('{{ {"a": {"x": 1}}|combine({"a": {"y": 2}}, recursive=true) }}')).toBe("{'a': {'x': 1, 'y': 2}}");
    expect(r('{{ {"a": 1}|dict2items }}')).toBe("[{'key': 'a', 'value': 1}]");
    expect(r('{{ [{"key": "a", "value": 1}]|items2dict }}')).toBe("{'a': 1}");
    expect(r('{{ [1, [2, [3, none]]]|flatten }} {{ [1, [2, [3]]]|flatten(levels=1) }}')).toBe('[1, 2, 3] [1, 2, [3]]');
    expect(r('{{ "yes"|bool }} {{ "0"|bool }} {{ flag|ternary("on", "off") }}', { flag: false })).toBe('True False off');
    expect(r('{{ 1|type_debug }} {{ "s"|type_debug }} {{ [1]|type_debug }}')).toBe('int str list');
    expect(r('{{ "/a/b/c.tar.gz"|basename }} {{ "/a/b/c.txt"|dirname }} {{ "c.tar.gz"|splitext }}')).toBe("c.tar.gz /a/b ['c.tar', '.gz']");
    expect(r('{{ "a\nb"|comment }}')).toBe('#\n# a\n# b\n#');
  });
});

describe('Python string formatting', () => {
  it('supports % with tuples, single values and mappings', () => {
    expect(r("{{ '%-6s|%+d|%x|%5.1f%%' % ('ab', 5, 255, 99.44) }}")).toBe('ab    |+5|ff| 99.4%');
    expect(r("{{ 'v%s' % version }} {{ '%(a)s/%(b)s' % {'a': 1, 'b': 2} }}", { version: '1.0' })).toBe('v1.0 1/2');
    expect(r("{% set x = 'n=%d' % n %}{{ x }}", { n: 4 })).toBe('n=4');
  });

  it('supports str.format', () => {
    expect(r("{{ '{:08.3f}|{:+d}|{!r}'.format(3.14159, 7, 'q') }}")).toBe("0003.142|+7|'q'");
    expect(r("{{ 'Hi {name}, {0}'.format('x', name=who) }}", { who: 'Ann' })).toBe('Hi Ann, x');
    expect(r("{{ tpl.format(1) }}", { tpl: '[{}]' })).toBe('[1]');
  });

  it('fails clearly on a formatting mistake', () => {
    expect(() => r("{{ '%s %s' % ('a',) }}")).toThrow(/not enough arguments/);
  });
});
