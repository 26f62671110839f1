/**
 * Copier's `_envops` → the settings Paved applies. Copier passes them to Jinja2's
 * `SandboxedEnvironment` on top of its default `keep_trailing_newline: true`.
 */
import { TemplateError } from '../../errors.js';
import { STANDARD_DELIMITERS, type Delimiters } from './lexer.js';

export interface EnvSettings {
  keepTrailingNewline: boolean;
  trimBlocks: boolean;
  lstripBlocks: boolean;
  delimiters: Delimiters;
}

const DELIMITER_KEYS: Record<string, keyof Delimiters> = {
  block_start_string: 'blockStart',
  block_end_string: 'blockEnd',
  variable_start_string: 'variableStart',
  variable_end_string: 'variableEnd',
  comment_start_string: 'commentStart',
  comment_end_string: 'commentEnd',
};

const BOOL_KEYS: Record<string, 'keepTrailingNewline' | 'trimBlocks' | 'lstripBlocks'> = {
  keep_trailing_newline: 'keepTrailingNewline',
  trim_blocks: 'trimBlocks',
  lstrip_blocks: 'lstripBlocks',
};

/** Accepted only with Jinja2's default value, which is what Paved does anyway. */
const DEFAULT_ONLY: Record<string, unknown> = {
  autoescape: false,
  newline_sequence: '\n',
  line_statement_prefix: null,
  line_comment_prefix: null,
  optimized: true,
  cache_size: undefined,
  auto_reload: undefined,
  enable_async: false,
};

const SUPPORTED = [...Object.keys(BOOL_KEYS), ...Object.keys(DELIMITER_KEYS), 'autoescape (false)', 'newline_sequence ("\\n")'];

function fail(message: string): never {
  throw new TemplateError(`${message}. Supported _envops: ${SUPPORTED.join(', ')}.`, { field: '_envops' });
}

export function parseEnvops(envops: Record<string, unknown> = {}): EnvSettings {
  const settings: EnvSettings = { keepTrailingNewline: true, trimBlocks: false, lstripBlocks: false, delimiters: STANDARD_DELIMITERS };
  const delimiters: Delimiters = { ...STANDARD_DELIMITERS };
  let customDelimiters = false;
  for (const [key, value] of Object.entries(envops)) {
    const boolKey = BOOL_KEYS[key];
    const delimKey = DELIMITER_KEYS[key];
    if (boolKey) {
      if (typeof value !== 'boolean') fail(`_envops.${key} must be true or false, got ${JSON.stringify(value)}`);
      settings[boolKey] = value;
    } else if (delimKey) {
      if (typeof value !== 'string' || value.length === 0 || /\s/.test(value)) fail(`_envops.${key} must be a non-empty string without spaces`);
      if (value !== delimiters[delimKey]) customDelimiters = true;
      delimiters[delimKey] = value;
    } else if (key === 'undefined') {
      fail("_envops.undefined is not supported: Paved always uses Jinja2's default Undefined (undefined variables render empty)");
    } else if (key in DEFAULT_ONLY) {
      const expected = DEFAULT_ONLY[key];
      if (value !== expected && !(value == null && expected == null)) {
        fail(`_envops.${key}: ${JSON.stringify(value)} is not supported by Paved (only ${JSON.stringify(expected ?? null)})`);
      }
    } else {
      fail(`unknown or unsupported _envops key '${key}'`);
    }
  }
  if (customDelimiters) {
    const starts = [delimiters.blockStart, delimiters.variableStart, delimiters.commentStart];
    if (new Set(starts).size !== 3) fail('_envops: block, variable and comment start strings must differ');
    settings.delimiters = delimiters;
  }
  return settings;
}
