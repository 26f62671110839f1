/**
 * A JinjaRenderer for tests, built on minijinja-js directly, until src/template/jinja provides
 * `createJinja`. Only `render` is used by the questions module.
 */
import { Environment } from 'minijinja-js';
import type { JinjaRenderer } from '../jinja/types.ts';

export function createTestRenderer(): JinjaRenderer {
  const env = new Environment();
  env.enablePyCompat();
  env.keepTrailingNewline = true;
  return {
    render: (source, context) => env.renderStr(source, context) as string,
    renderPath: (source, context) => [{ path: env.renderStr(source, context) as string, extra: {} }],
    evalExpr: (expression, context) => env.evalExpr(expression, context) as unknown,
  };
}
