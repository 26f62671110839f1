/** jinja2-ansible-filters for data: serialisation, booleans, dict/list shaping. */
import YAML from 'yaml';
import { pyyamlDump } from '../pyyaml-dump.js';
import { pyTruthy } from '../py-str.js';
import { arg, asString, filterError, splitArgs } from './args.js';
import { pyJsonDumps } from './json.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

const isMap = (v: unknown): v is Map<unknown, unknown> => v instanceof Map;
const entriesOf = (v: unknown): Array<[unknown, unknown]> =>
  isMap(v) ? [...v.entries()] : v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : [];

function yamlOptions(filter: string, rest: unknown[], indentDefault: number | undefined, flowDefault: boolean | null) {
  const a = splitArgs(rest, ['indent', 'width', 'default_flow_style', 'sort_keys', 'allow_unicode', 'explicit_start']);
  const unknown = [...a.kw.keys()].filter((k) => !['indent', 'width', 'default_flow_style', 'sort_keys', 'allow_unicode', 'explicit_start'].includes(k));
  if (unknown.length) throw filterError(filter, `unsupported arguments: ${unknown.join(', ')}`);
  return {
    indent: Number(arg(a, 0, 'indent', indentDefault ?? 2)),
    width: Number(a.kw.get('width') ?? 80),
    defaultFlowStyle: (a.kw.has('default_flow_style') ? (a.kw.get('default_flow_style') ?? null) : flowDefault) as boolean | null,
    sortKeys: a.kw.get('sort_keys') !== false,
    allowUnicode: a.kw.get('allow_unicode') !== false,
    explicitStart: a.kw.get('explicit_start') === true,
  };
}

function merge(a: unknown, b: unknown, recursive: boolean, listMerge: string): unknown {
  if (!(isMap(a) || (a && typeof a === 'object' && !Array.isArray(a))) || !(isMap(b) || (b && typeof b === 'object' && !Array.isArray(b)))) return b;
  const out = new Map(entriesOf(a));
  for (const [k, v] of entriesOf(b)) {
    const old = out.get(k);
    if (recursive && old !== undefined && entriesOf(old).length + entriesOf(v).length > 0 && !Array.isArray(v)) out.set(k, merge(old, v, true, listMerge));
    else if (Array.isArray(old) && Array.isArray(v) && listMerge !== 'replace') {
      if (listMerge === 'append') out.set(k, [...old, ...v]);
      else if (listMerge === 'prepend') out.set(k, [...v, ...old]);
      else if (listMerge === 'append_rp') out.set(k, [...old.filter((x) => !v.includes(x)), ...v]);
      else if (listMerge === 'prepend_rp') out.set(k, [...v, ...old.filter((x) => !v.includes(x))]);
      else out.set(k, v);
    } else out.set(k, v);
  }
  return out;
}

function flatten(list: unknown[], levels: number | undefined, skipNulls: boolean): unknown[] {
  const out: unknown[] = [];
  for (const el of list) {
    if (skipNulls && (el === undefined || el === null || el === 'None' || el === 'null')) continue;
    if (Array.isArray(el) && (levels === undefined || levels >= 1)) out.push(...flatten(el, levels === undefined ? undefined : levels - 1, skipNulls));
    else out.push(el);
  }
  return out;
}

function typeName(v: unknown): string {
  if (v === undefined || v === null) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (Array.isArray(v)) return 'list';
  return 'dict';
}

export const dataFilters: Record<string, Filter> = {
  to_yaml: (v, ...rest) => pyyamlDump(v, yamlOptions('to_yaml', rest, undefined, null)),
  to_nice_yaml: (v, ...rest) => pyyamlDump(v, yamlOptions('to_nice_yaml', rest, 4, false)),
  to_json(v, ...rest) {
    const a = splitArgs(rest, ['indent', 'sort_keys', 'ensure_ascii']);
    const indent = a.kw.get('indent');
    return pyJsonDumps(v, { indent: indent === undefined || indent === null ? undefined : Number(indent), sortKeys: a.kw.get('sort_keys') === true, ensureAscii: a.kw.get('ensure_ascii') !== false });
  },
  to_nice_json(v, ...rest) {
    const a = splitArgs(rest, ['indent', 'sort_keys', 'ensure_ascii']);
    return pyJsonDumps(v, { indent: Number(arg(a, 0, 'indent', 4)), sortKeys: arg<unknown>(a, 1, 'sort_keys', true) !== false, ensureAscii: a.kw.get('ensure_ascii') !== false });
  },
  from_json(v) {
    try {
      return JSON.parse(asString(v));
    } catch (error) {
      throw filterError('from_json', (error as Error).message);
    }
  },
  from_yaml(v) {
    if (typeof v !== 'string') return v;
    try {
      return YAML.parse(v, { version: '1.1' });
    } catch (error) {
      throw filterError('from_yaml', (error as Error).message);
    }
  },
  from_yaml_all: (v) => YAML.parseAllDocuments(asString(v), { version: '1.1' }).map((d) => d.toJS()),
  bool(v) {
    if (v === undefined || v === null || typeof v === 'boolean') return v;
    const s = typeof v === 'string' ? v.toLowerCase() : v;
    return ['yes', 'on', '1', 'true', 1].includes(s as string | number);
  },
  ternary(v, ...rest) {
    const a = splitArgs(rest, ['true_val', 'false_val', 'none_val']);
    const noneVal = arg<unknown>(a, 2, 'none_val', undefined);
    if ((v === undefined || v === null) && noneVal !== undefined) return noneVal;
    return pyTruthy(v) ? arg(a, 0, 'true_val', undefined) : arg(a, 1, 'false_val', undefined);
  },
  combine(v, ...rest) {
    const a = splitArgs(rest, ['recursive', 'list_merge']);
    const terms = [v, ...a.positional].flatMap((t) => (Array.isArray(t) ? t : [t]));
    const recursive = a.kw.get('recursive') === true;
    const listMerge = asString(a.kw.get('list_merge') ?? 'replace');
    return terms.reduce((acc, t) => merge(acc, t, recursive, listMerge), new Map());
  },
  dict2items(v, ...rest) {
    const a = splitArgs(rest, ['key_name', 'value_name']);
    if (!isMap(v)) throw filterError('dict2items', `requires a dictionary, got ${typeName(v)}`);
    const kn = asString(arg(a, 0, 'key_name', 'key'));
    const vn = asString(arg(a, 1, 'value_name', 'value'));
    return [...v.entries()].map(([k, x]) => new Map([[kn, k], [vn, x]]));
  },
  items2dict(v, ...rest) {
    const a = splitArgs(rest, ['key_name', 'value_name']);
    const kn = asString(arg(a, 0, 'key_name', 'key'));
    const vn = asString(arg(a, 1, 'value_name', 'value'));
    if (!Array.isArray(v)) throw filterError('items2dict', `requires a list, got ${typeName(v)}`);
    return new Map(v.map((item) => [(item as Map<string, unknown>).get?.(kn), (item as Map<string, unknown>).get?.(vn)]));
  },
  flatten(v, ...rest) {
    const a = splitArgs(rest, ['levels', 'skip_nulls']);
    const levels = arg<unknown>(a, 0, 'levels', undefined);
    return flatten(Array.isArray(v) ? v : [v], levels === undefined || levels === null ? undefined : Number(levels), arg<unknown>(a, 1, 'skip_nulls', true) !== false);
  },
  mandatory(v, ...rest) {
    if (v === undefined) throw filterError('mandatory', asString(rest[0]) || 'Mandatory variable not defined.');
    return v;
  },
  type_debug: (v) => typeName(v),
  extract(item, container, morekeys) {
    const get = (c: unknown, k: unknown) => (isMap(c) ? c.get(k) : Array.isArray(c) ? c[Number(k)] : undefined);
    let value = get(container, item);
    for (const k of morekeys === undefined ? [] : Array.isArray(morekeys) ? morekeys : [morekeys]) value = get(value, k);
    return value;
  },
  subelements(v, ...rest) {
    const a = splitArgs(rest, ['skip_missing']);
    const path = asString(a.positional[0]).split('.');
    const skipMissing = arg<unknown>(a, 1, 'skip_missing', false) === true;
    const out: unknown[] = [];
    for (const item of Array.isArray(v) ? v : isMap(v) ? [...v.values()] : []) {
      let sub: unknown = item;
      for (const key of path) sub = isMap(sub) ? sub.get(key) : undefined;
      if (sub === undefined) {
        if (skipMissing) continue;
        throw filterError('subelements', `could not find '${path.join('.')}' key in iterated item`);
      }
      if (!Array.isArray(sub)) throw filterError('subelements', `the key '${path.join('.')}' should point to a list`);
      for (const s of sub) out.push([item, s]);
    }
    return out;
  },
};
