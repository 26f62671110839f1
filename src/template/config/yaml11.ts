/**
 * YAML parsing that reads scalars the way Copier's PyYAML does (YAML 1.1 with PyYAML's resolver),
 * so `default: yes` is `true` as in Copier, but a question named `y` or `n` stays a string key
 * (the `yaml` package's 1.1 schema would turn those into booleans, PyYAML does not).
 */
import { parse, parseAllDocuments, type DocumentOptions, type ParseOptions, type SchemaOptions, type Tags } from 'yaml';

const BOOL = 'tag:yaml.org,2002:bool';
const FLOAT = 'tag:yaml.org,2002:float';
const TIMESTAMP = 'tag:yaml.org,2002:timestamp';
const INT = 'tag:yaml.org,2002:int';

const pyTrue = { identify: (v: unknown) => v === true, default: true, tag: BOOL, test: /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/, resolve: () => true };
const pyFalse = { identify: (v: unknown) => v === false, default: true, tag: BOOL, test: /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/, resolve: () => false };
// PyYAML's float needs a digit and a dot (`1e3` and `.` are strings there, `1.0e+3` a float).
const pyFloat = {
  identify: (v: unknown) => typeof v === 'number',
  default: true,
  tag: FLOAT,
  test: /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)(?:[eE][-+][0-9]+)?$/,
  resolve: (s: string) => Number.parseFloat(s.replace(/_/g, '')),
};

// PyYAML's decimal int has no leading zero: `0583121` (a short commit id) stays a string there.
const pyInt = {
  identify: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
  default: true,
  tag: INT,
  test: /^[-+]?(?:0|[1-9][0-9_]*)$/,
  resolve: (s: string) => Number.parseInt(s.replace(/_/g, ''), 10),
};

/** Replaces the 1.1 schema's bool, decimal int, float and timestamp tags (dates stay strings, which render alike). */
function pyYamlTags(tags: Tags): Tags {
  const kept = tags.filter((t) => {
    if (typeof t === 'string' || !('tag' in t)) return true;
    if (t.tag === BOOL || t.tag === TIMESTAMP) return false;
    if (t.tag === INT && !t.format) return false;
    // Keep only the .inf/.nan and sexagesimal float tags; pyFloat replaces the others.
    if (t.tag === FLOAT && !(t.test && /inf|TIME/.test(String(t.test) + String(t.format)))) return false;
    return true;
  });
  return [...kept, pyTrue, pyFalse, pyInt, pyFloat];
}

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

export function yaml11Options(extraTags: Tags = []): YamlOptions {
  return {
    version: '1.1',
    customTags: (tags) => [...pyYamlTags(tags), ...extraTags],
  };
}

/** Parses one YAML value as PyYAML's `safe_load` would; throws the parser's error on bad YAML. */
export function parseYaml11(source: string): unknown {
  return parse(source, yaml11Options()) as unknown;
}

export { parseAllDocuments };
