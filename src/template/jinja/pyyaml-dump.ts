/**
 * A port of PyYAML's emitter for plain data, so `to_yaml`/`to_nice_yaml` and the answers file
 * are byte-identical to `yaml.dump(x, Dumper=SafeDumper, allow_unicode=True, sort_keys=True)`:
 * the same quoting decisions, 80-column folding, indentless sequences and `...` after a root
 * plain scalar. Anchors/aliases are never emitted (JS data has no shared Python objects).
 */
import { representNumber, resolvesToNonString, type ScalarNode } from './pyyaml-resolve.js';
import { analyzeScalar, type Analysis } from './pyyaml-scalar.js';
import { YamlWriter } from './pyyaml-writer.js';

export interface PyYamlDumpOptions {
  /** `indent=` (PyYAML accepts 2..9; default 2). */
  indent?: number;
  /** `width=` (default 80). */
  width?: number;
  /** `default_flow_style=`: `null` writes collections of scalars inline (PyYAML's default). */
  defaultFlowStyle?: boolean | null;
  sortKeys?: boolean;
  allowUnicode?: boolean;
  explicitStart?: boolean;
}

type Node = ScalarNode | { kind: 'seq'; items: Node[]; flow: boolean } | { kind: 'map'; pairs: Array<[Node, Node]>; flow: boolean };

const codePointCompare = (a: string, b: string) => {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
};

function represent(v: unknown, o: Required<PyYamlDumpOptions>): Node {
  if (v === null || v === undefined) return { kind: 'scalar', value: 'null', plainImplicit: true };
  if (typeof v === 'boolean') return { kind: 'scalar', value: v ? 'true' : 'false', plainImplicit: true };
  if (typeof v === 'number') return { kind: 'scalar', value: representNumber(v), plainImplicit: true };
  if (typeof v === 'bigint') return { kind: 'scalar', value: v.toString(), plainImplicit: true };
  if (typeof v === 'string') return { kind: 'scalar', value: v, plainImplicit: !resolvesToNonString(v) };
  if (v instanceof Date) return { kind: 'scalar', value: v.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, ''), plainImplicit: true };
  const flowFor = (children: Node[]) => (o.defaultFlowStyle === null ? children.every((c) => c.kind === 'scalar') : o.defaultFlowStyle);
  if (Array.isArray(v) || v instanceof Set) {
    const items = [...v].map((x) => represent(x, o));
    return { kind: 'seq', items, flow: flowFor(items) };
  }
  if (typeof v === 'object') {
    let entries = v instanceof Map ? [...v.entries()] : Object.entries(v as object);
    if (o.sortKeys) entries = entries.sort(([a], [b]) => codePointCompare(String(a), String(b)));
    const pairs = entries.map(([k, x]) => [represent(k, o), represent(x, o)] as [Node, Node]);
    return { kind: 'map', pairs, flow: flowFor(pairs.flat()) };
  }
  throw new TypeError(`cannot represent an object: ${typeof v}`);
}

interface Ctx {
  root?: boolean;
  sequence?: boolean;
  mapping?: boolean;
  simpleKey?: boolean;
}

const isEmpty = (n: Node) => (n.kind === 'seq' && n.items.length === 0) || (n.kind === 'map' && n.pairs.length === 0);

class Emitter extends YamlWriter {
  private analysis(n: ScalarNode): Analysis {
    return analyzeScalar(n.value, this.allowUnicode);
  }

  private checkSimpleKey(n: Node): boolean {
    if (n.kind !== 'scalar') return isEmpty(n);
    const a = this.analysis(n);
    return Array.from(n.value).length < 128 && !a.empty && !a.multiline;
  }

  node(n: Node, ctx: Ctx): void {
    if (n.kind === 'scalar') {
      this.increaseIndent(true);
      this.scalar(n, ctx);
      this.indent = this.indents.pop() ?? null;
    } else if (n.kind === 'seq') {
      if (this.flowLevel || n.flow || isEmpty(n)) this.flowSequence(n.items);
      else this.blockSequence(n.items, ctx);
    } else if (this.flowLevel || n.flow || isEmpty(n)) this.flowMapping(n.pairs);
    else this.blockMapping(n.pairs);
  }

  private scalar(n: ScalarNode, ctx: Ctx): void {
    const a = this.analysis(n);
    const split = !ctx.simpleKey;
    if (n.plainImplicit && !(ctx.simpleKey && (a.empty || a.multiline)) && (this.flowLevel ? a.allowFlowPlain : a.allowBlockPlain)) {
      this.writePlain(n.value, split, !!ctx.root);
    } else if (a.allowSingleQuoted && !(ctx.simpleKey && a.multiline)) this.writeSingleQuoted(n.value, split);
    else this.writeDoubleQuoted(n.value, split);
  }

  private flowSequence(items: Node[]): void {
    this.writeIndicator('[', true, true);
    this.flowLevel++;
    this.increaseIndent(true);
    items.forEach((item, i) => {
      if (i > 0) this.writeIndicator(',', false);
      if (this.column > this.bestWidth) this.writeIndent();
      this.node(item, { sequence: true });
    });
    this.indent = this.indents.pop() ?? null;
    this.flowLevel--;
    this.writeIndicator(']', false);
  }

  private flowMapping(pairs: Array<[Node, Node]>): void {
    this.writeIndicator('{', true, true);
    this.flowLevel++;
    this.increaseIndent(true);
    pairs.forEach(([k, v], i) => {
      if (i > 0) this.writeIndicator(',', false);
      if (this.column > this.bestWidth) this.writeIndent();
      if (this.checkSimpleKey(k)) {
        this.node(k, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false);
      } else {
        this.writeIndicator('?', true);
        this.node(k, { mapping: true });
        if (this.column > this.bestWidth) this.writeIndent();
        this.writeIndicator(':', true);
      }
      this.node(v, { mapping: true });
    });
    this.indent = this.indents.pop() ?? null;
    this.flowLevel--;
    this.writeIndicator('}', false);
  }

  private blockSequence(items: Node[], ctx: Ctx): void {
    this.increaseIndent(false, !!ctx.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, { sequence: true });
    }
    this.indent = this.indents.pop() ?? null;
  }

  private blockMapping(pairs: Array<[Node, Node]>): void {
    this.increaseIndent(false);
    for (const [k, v] of pairs) {
      this.writeIndent();
      if (this.checkSimpleKey(k)) {
        this.node(k, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.node(k, { mapping: true });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(v, { mapping: true });
    }
    this.indent = this.indents.pop() ?? null;
  }
}

/** `yaml.dump(value, Dumper=SafeDumper, allow_unicode=True, …)`; defaults are `to_yaml`'s. */
export function pyyamlDump(value: unknown, options: PyYamlDumpOptions = {}): string {
  const o: Required<PyYamlDumpOptions> = {
    indent: 2,
    width: 80,
    defaultFlowStyle: null,
    sortKeys: true,
    allowUnicode: true,
    explicitStart: false,
    ...options,
  };
  const root = represent(value, o);
  const e = new Emitter(o.indent, o.width, o.allowUnicode);
  if (o.explicitStart) e.writeIndicator('---', true);
  e.node(root, { root: true });
  e.writeIndent();
  if (e.openEnded) {
    e.writeIndicator('...', true);
    e.writeIndent();
  }
  return e.out;
}

/** Ansible's `to_nice_yaml`: block style, indent 4. */
export function toNiceYaml(value: unknown, options: PyYamlDumpOptions = {}): string {
  return pyyamlDump(value, { indent: 4, defaultFlowStyle: false, ...options });
}
