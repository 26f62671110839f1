/**
 * PyYAML's YAML 1.1 implicit resolvers and scalar representation: which plain strings would
 * read back as something other than a string (and so must be quoted), and how Python writes
 * numbers, booleans and None.
 */
import { pyFloatRepr } from './py-str.js';

const IMPLICIT: RegExp[] = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:=)$/,
  /^(?:!|&|\*)$/,
];

/** True when a plain scalar with this text would resolve to a non-string tag. */
export function resolvesToNonString(value: string): boolean {
  // Python's `$` also matches before one trailing newline.
  const candidates = value.endsWith('\n') ? [value, value.slice(0, -1)] : [value];
  return candidates.some((v) => IMPLICIT.some((re) => re.test(v)));
}

export interface ScalarNode {
  kind: 'scalar';
  value: string;
  /** Whether the plain style reads back as the same type (PyYAML's `implicit[0]`). */
  plainImplicit: boolean;
}

export function representNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  // JS cannot tell 2.0 from 2, so integral numbers are written as Python ints.
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  const value = pyFloatRepr(n).toLowerCase();
  return !value.includes('.') && value.includes('e') ? value.replace('e', '.0e') : value;
}
