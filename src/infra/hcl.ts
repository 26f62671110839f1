/**
 * A small HCL writer for the root modules `paved infra render` writes: values and blocks in, text
 * out, laid out the way `terraform fmt` would (two-space indent, `=` aligned within a run of
 * one-line attributes), so rendering again gives the same bytes and `terraform fmt` no diff.
 */
/** A Terraform expression written as is: `module.network.vpc_id`, `aws.dev`. */
export interface Expression {
  readonly expression: string;
}

export type HclValue = string | number | boolean | Expression | HclValue[] | { [key: string]: HclValue };

export interface Attribute {
  kind: 'attribute';
  name: string;
  value: HclValue;
}

export interface Block {
  kind: 'block';
  type: string;
  labels: string[];
  body: BodyItem[];
}

/** A blank line, or a `#` comment (one item per line). */
export type BodyItem = Attribute | Block | { kind: 'blank' } | { kind: 'comment'; text: string };

export const expr = (expression: string): Expression => ({ expression });
export const attr = (name: string, value: HclValue): Attribute => ({ kind: 'attribute', name, value });
export const block = (type: string, labels: string[], body: BodyItem[]): Block => ({ kind: 'block', type, labels, body });
export const blank: BodyItem = { kind: 'blank' };
export const comment = (text: string): BodyItem => ({ kind: 'comment', text });

function isExpression(value: HclValue): value is Expression {
  return typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as Expression).expression === 'string';
}

/**
 * An HCL quoted string: escapes, and `${`/`%{` doubled so nothing is read as a template.
 * (A function replacer: in a replacement string, `$$` would collapse back to one `$`.)
 */
export function hclString(value: string): string {
  const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  const escaped = [...value].map((c) => named[c] ?? (c.charCodeAt(0) < 0x20 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
  return `"${escaped.replace(/([$%])\{/g, (_m, sigil: string) => `${sigil}${sigil}{`)}"`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const key = (name: string) => (IDENTIFIER.test(name) ? name : hclString(name));

function isScalar(value: HclValue): boolean {
  return typeof value !== 'object' || isExpression(value);
}

function scalar(value: HclValue): string {
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return (value as Expression).expression;
}

/** Lists longer than this go one item per line, so a diff of the file shows which item changed. */
const MAX_INLINE_LIST = 100;

/** One line when it fits the simple cases: scalars, short lists of scalars, empty collections. */
function inline(value: HclValue): string | undefined {
  if (isScalar(value)) return scalar(value);
  if (Array.isArray(value)) {
    const text = `[${value.map((v) => (isScalar(v) ? scalar(v) : '')).join(', ')}]`;
    return value.every(isScalar) && text.length <= MAX_INLINE_LIST ? text : undefined;
  }
  return Object.keys(value).length === 0 ? '{}' : undefined;
}

function valueText(value: HclValue, indent: string): string {
  const one = inline(value);
  if (one !== undefined) return one;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => `${inner}${valueText(v, inner)},`).join('\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, HclValue>).map(([k, v]) => attr(k, v));
  return `{\n${bodyText(entries, inner)}\n${indent}}`;
}

function bodyText(items: BodyItem[], indent: string): string {
  const lines: string[] = [];
  // terraform fmt aligns the `=` of consecutive one-line attributes; anything else ends the run.
  let run: Array<{ name: string; text: string }> = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((r) => r.name.length));
    for (const r of run) lines.push(`${indent}${r.name.padEnd(width)} = ${r.text}`);
    run = [];
  };
  for (const item of items) {
    if (item.kind === 'attribute') {
      const text = valueText(item.value, indent);
      if (text.includes('\n')) {
        flush();
        lines.push(`${indent}${key(item.name)} = ${text}`);
      } else run.push({ name: key(item.name), text });
      continue;
    }
    flush();
    if (item.kind === 'blank') lines.push('');
    else if (item.kind === 'comment') lines.push(item.text ? `${indent}# ${item.text}` : `${indent}#`);
    else lines.push(blockText(item, indent));
  }
  flush();
  return lines.join('\n');
}

function blockText(b: Block, indent: string): string {
  const head = [b.type, ...b.labels.map((l) => hclString(l))].join(' ');
  if (b.body.length === 0) return `${indent}${head} {}`;
  return `${indent}${head} {\n${bodyText(b.body, `${indent}  `)}\n${indent}}`;
}

/** A whole file: top-level items separated as given, ending in one newline. */
export function hclFile(items: BodyItem[]): string {
  return `${bodyText(items, '')}\n`;
}
