import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { pacedGroup } from './pacing.js';

describe('paced group', () => {
  it('runs the tasks it is given one at a time, in order', async () => {
    const limiter = pacedGroup(0).key('any');
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await sleep(5);
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([limiter.schedule({}, task('a')), limiter.schedule({}, task('b')), limiter.schedule({}, task('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
