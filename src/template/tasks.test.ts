import { describe, expect, it } from 'vitest';
import { createJinja } from './jinja/index.js';
import { renderedTruthy } from './tasks.js';

describe("a rendered task condition (Copier reads it as YAML, with PyYAML's booleans)", () => {
  const jinja = createJinja();
  it.each([
    ['{{ flag }}', { flag: true }, true],
    ['{{ flag }}', { flag: false }, false],
    ['no', {}, false],
    ['off', {}, false],
    ['0', {}, false],
    ['', {}, false],
    ['yes', {}, true],
    ['n', {}, true],
    ['anything', {}, true],
  ])('%j with %j is %s', (when, context, expected) => {
    expect(renderedTruthy(when, jinja, context, 'when')).toBe(expected);
  });
});
