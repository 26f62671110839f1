import { describe, expect, it } from 'vitest';
import { InputError, TemplateError } from '../../errors.ts';
import type { QuestionType } from '../config/types.ts';
import { castAnswer, castToBool, parseDataArgument, parseYamlList } from './index.ts';

const cast = (type: QuestionType, raw: unknown) => castAnswer({ name: 'q', type }, raw, 'data');
const castError = (type: QuestionType, raw: unknown): Error => {
  try {
    cast(type, raw);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
};

describe('castAnswer (Python casts, as Copier)', () => {
  it('str', () => {
    expect(cast('str', 'x')).toBe('x');
    expect(cast('str', 5)).toBe('5');
    expect(cast('str', true)).toBe('True');
    expect(castError('str', ['a']).message).toBe("question 'q': [\"a\"] is not a string (from --data)");
    expect(castError('str', null).message).toMatch(/has no value/);
  });

  it('int rejects 1.5 as text but truncates numbers like int()', () => {
    expect(cast('int', '42')).toBe(42);
    expect(cast('int', ' -7 ')).toBe(-7);
    expect(cast('int', '1_000')).toBe(1000);
    expect(cast('int', 2.9)).toBe(2);
    expect(cast('int', true)).toBe(1);
    expect(castError('int', '1.5').message).toBe("question 'q': '1.5' is not an integer (from --data)");
    expect(castError('int', 'ten')).toBeInstanceOf(InputError);
    expect(castError('int', '')).toBeInstanceOf(InputError);
  });

  it('float', () => {
    expect(cast('float', '1.5')).toBe(1.5);
    expect(cast('float', '1e3')).toBe(1000);
    expect(cast('float', '-inf')).toBe(-Infinity);
    expect(cast('float', 2)).toBe(2);
    expect(castError('float', '1.2.3').message).toBe("question 'q': '1.2.3' is not a number (from --data)");
    expect(castError('float', '0x10')).toBeInstanceOf(InputError);
  });

  it.each(['y', 'YES', 'true', 'On', '1', 't', '2.5'])('bool %s is true', (raw) => expect(cast('bool', raw)).toBe(true));
  it.each(['n', 'No', 'FALSE', 'off', '0', 'f', 'null', '~', 'none', '0.0'])('bool %s is false', (raw) => expect(cast('bool', raw)).toBe(false));

  it('bool rejects other words instead of calling them true', () => {
    expect(castError('bool', 'maybe').message).toBe(
      "question 'q': 'maybe' is not a bool; use yes/no, true/false, on/off, y/n or 1/0 (from --data)",
    );
    expect(cast('bool', 0)).toBe(false);
  });

  it('json parses text and keeps structured values', () => {
    expect(cast('json', '{"a": [1, null]}')).toEqual({ a: [1, null] });
    expect(cast('json', 'null')).toBeNull();
    expect(cast('json', { a: 1 })).toEqual({ a: 1 });
    expect(castError('json', '{a: 1}').message).toMatch(/^question 'q': '\{a: 1\}' is not valid JSON/);
  });

  it('yaml parses text like PyYAML and keeps structured values', () => {
    expect(cast('yaml', 'a: [1, yes]')).toEqual({ a: [1, true] });
    expect(cast('yaml', 'hello')).toBe('hello');
    expect(cast('yaml', '')).toBeNull();
    expect(cast('yaml', [1])).toEqual([1]);
    expect(castError('yaml', 'a: [')).toBeInstanceOf(InputError);
  });

  it('path is cast with Python str(), like Copier (a string, any value but null)', () => {
    expect(cast('path', './local/path')).toBe('./local/path');
    expect(cast('path', '')).toBe('');
    expect(cast('path', 3)).toBe('3');
    expect(cast('path', false)).toBe('False');
    expect(cast('path', ['a'])).toBe("['a']");
    expect(castError('path', null).message).toBe("question 'q': null has no value; a path is needed (from --data)");
  });

  it('a bad default is the template author\'s error', () => {
    expect(() => castAnswer({ name: 'q', type: 'int' }, 'x', 'default')).toThrow(TemplateError);
    expect(() => castAnswer({ name: 'q', type: 'int' }, 'x', 'default')).toThrow("question 'q': 'x' is not an integer (the default in copier.yml)");
  });

  it('checks choices, and every item of a multiselect answer', () => {
    const choices = [{ label: 'One', value: 1 }, { label: 'Two', value: 2 }, { label: 'Three', value: 3, disabled: 'not yet' }];
    expect(castAnswer({ name: 'n', type: 'int', choices }, '2', 'data')).toBe(2);
    expect(() => castAnswer({ name: 'n', type: 'int', choices }, '3', 'data')).toThrow("question 'n': '3' cannot be chosen: not yet (from --data)");
    expect(() => castAnswer({ name: 'n', type: 'int', choices }, '4', 'data')).toThrow("question 'n': '4' is not one of the choices: 1, 2 (from --data)");
    expect(castAnswer({ name: 'n', type: 'int', choices, multiselect: true }, '[2, 1, 2]', 'data')).toEqual([1, 2]);
    expect(() => castAnswer({ name: 'n', type: 'int', choices, multiselect: true }, 'x: 1', 'data')).toThrow(/not a YAML list/);
    expect(() => castAnswer({ name: 'n', type: 'int', multiselect: true }, '[x]', 'data')).toThrow("question 'n': 'x' is not an integer (from --data)");
  });
});

describe('castToBool (Copier cast_to_bool, for when/multiline)', () => {
  it.each([
    [true, true], [false, false], [0, false], [1, true], ['', false], ['False', false], ['none', false], ['yes', true], ['whatever', true], [null, false], [[], false], [{ a: 1 }, true],
  ])('%j -> %s', (value, expected) => expect(castToBool(value)).toBe(expected));
});

describe('parseYamlList (Copier parse_yaml_list)', () => {
  it('keeps items as raw text and strips quotes', () => {
    expect(parseYamlList('[3.10, 3.11, "3.12", \'a, b\']')).toEqual(['3.10', '3.11', '3.12', 'a, b']);
    expect(parseYamlList('- x\n- "[y]"\n')).toEqual(['x', '[y]']);
  });
});

describe('parseDataArgument', () => {
  it('splits at the first =', () => {
    expect(parseDataArgument('user_name=Manuel Calavera')).toEqual(['user_name', 'Manuel Calavera']);
    expect(parseDataArgument('expr=a=b')).toEqual(['expr', 'a=b']);
    expect(parseDataArgument('empty=')).toEqual(['empty', '']);
  });

  it('rejects arguments without a name', () => {
    expect(() => parseDataArgument('novalue')).toThrow("--data expects name=value, got 'novalue'");
    expect(() => parseDataArgument('=x')).toThrow(InputError);
  });
});
