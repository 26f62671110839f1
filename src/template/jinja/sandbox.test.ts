import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJinja } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'paved-sandbox-'));
const P = join(dir, 'pwned');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const payloads = [
  `{{ range.constructor("return process")().mainModule.require("fs").writeFileSync("${P}", "1") }}`,
  `{{ "".constructor.constructor("return process")() }}`,
  `{{ "".constructor.constructor("return process")().version }}`,
  `{{ cycler.constructor("return process")().version }}`,
  `{{ joiner.constructor("return process")().version }}`,
  `{{ namespace.constructor("return process")().version }}`,
  `{{ name.constructor.constructor("return global.process")().version }}`,
  `{{ ''.__class__.__mro__[1].__subclasses__() }}`,
  `{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch ${P}') }}`,
  `{{ lipsum.__globals__['os'].popen('touch ${P}').read() }}`,
  `{{ (x|to_yaml).constructor.constructor("return process")().version }}`,
  `{{ ({}|combine({})).constructor.constructor("return process")().version }}`,
  `{{ ("a"|regex_findall("a")).constructor.constructor("return process")().version }}`,
  `{{ __paved_yield.constructor("return process")().version }}`,
  `{{ __paved_yield("x", range.constructor, true) }}{{ x }}`,
  `{{ (1|__py_mod).constructor }}{{ ("%s"|__py_mod(range)).constructor }}`,
  `{% set f = "".constructor %}{{ f("return process")() }}`,
  `{{ x.__proto__.constructor.constructor("return process")() }}`,
  `{{ x["__proto__"]["constructor"]["constructor"]("return process")().version }}`,
  `{{ x.toString.call.apply }}{{ x.valueOf() }}`,
];

describe('hostile templates can neither run host code nor read it', () => {
  const jinja = createJinja({ extensions: ['cookiecutter.extensions.RandomStringExtension'] });
  for (const payload of payloads) {
    it(payload.slice(0, 70), () => {
      let output = '';
      try {
        output = jinja.render(payload, { x: { a: 1 }, name: 'n' }, 'evil');
      } catch {
        // Refusing is fine; executing is not.
      }
      expect(existsSync(P)).toBe(false);
      expect(output).not.toContain(process.version);
      expect(output).not.toMatch(/function|=>|\[native code\]|process/);
    });
  }

  it('keeps JS functions and class instances in the context away from templates', () => {
    const ctx = { f: () => process.version, d: new (class Secret { v = process.version })(), m: new Map([['a', 'data']]) };
    const output = jinja.render('{{ f }}|{{ d }}|{{ d.v }}|{{ m }}', ctx, 'ctx');
    expect(output).not.toContain(process.version);
    // A Map is plain data and is passed on as a dict.
    expect(output).toContain("{'a': 'data'}");
    // Functions are dropped before rendering, so calling one is an error, not a call.
    expect(() => jinja.render('{{ f() }}', ctx, 'ctx')).toThrow(/not callable/);
  });

  it('still works after a refused payload', () => {
    expect(jinja.render('{{ 1 + 1 }}', {}, 'after')).toBe('2');
  });
});
