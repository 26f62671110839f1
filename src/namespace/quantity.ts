/** Kubernetes quantities as numbers, only to compare them (`128Mi` < `1Gi`, `100m` < `1`). */
import { InputError } from '../errors.js';

const FACTOR: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
};

export function quantityValue(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?|\.\d+)(m|k|Ki|Mi|Gi|Ti|Pi|M|G|T|P)?$/.exec(quantity);
  if (!match) throw new InputError(`'${quantity}' is not a Kubernetes quantity; write one such as '500m', '2', '256Mi' or '1Gi'`, { quantity });
  return Number(match[1]) * FACTOR[match[2] ?? '']!;
}

export function smaller(a: string, b: string): string {
  return quantityValue(b) < quantityValue(a) ? b : a;
}

export function larger(a: string, b: string): string {
  return quantityValue(b) > quantityValue(a) ? b : a;
}
