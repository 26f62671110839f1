import { describe, expect, it } from 'vitest';
import { standIn } from './stand-in.js';

describe('standIn', () => {
  it('loads once, on first use, and then behaves as the module: properties, keys, calls and construction', () => {
    let loads = 0;
    class Thing {
      constructor(readonly n: number) {}
    }
    const real = Object.assign((x: number) => x * 2, { Thing, answer: 42 });
    const fn = standIn('function', () => (loads++, real)) as typeof real;
    expect(loads).toBe(0);
    expect(fn(21)).toBe(42);
    expect(fn.answer).toBe(42);
    expect(new fn.Thing(3)).toBeInstanceOf(Thing);
    expect(Object.keys(fn)).toEqual(['Thing', 'answer']);
    expect('answer' in fn).toBe(true);
    expect(loads).toBe(1);

    const obj = standIn('object', () => ({ Thing })) as { Thing: typeof Thing };
    expect(new obj.Thing(1).n).toBe(1);
    expect({ ...obj }).toEqual({ Thing });
  });
});
