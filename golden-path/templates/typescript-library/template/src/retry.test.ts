import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retry } from './index.js';

const noWait = { sleep: async () => {}, random: () => 1 };

test('returns the first success', async () => {
  let calls = 0;
  assert.equal(await retry(async () => ++calls, noWait), 1);
});

test('retries until it succeeds, backing off exponentially', async () => {
  const delays: number[] = [];
  const result = await retry(
    async (attempt) => {
      if (attempt < 3) throw new Error(`fail ${attempt}`);
      return 'ok';
    },
    { attempts: 5, baseDelayMs: 10, random: () => 1, sleep: async (ms) => void delays.push(ms) },
  );
  assert.equal(result, 'ok');
  assert.deepEqual(delays, [10, 20]);
});

test('gives up after the last attempt with the last error', async () => {
  await assert.rejects(retry(async (attempt) => Promise.reject(new Error(`fail ${attempt}`)), { ...noWait, attempts: 2 }), /fail 2/);
});

test('does not retry errors that are not retryable', async () => {
  let calls = 0;
  await assert.rejects(retry(async () => Promise.reject(new Error(`fail ${++calls}`)), { ...noWait, retryable: () => false }), /fail 1/);
  assert.equal(calls, 1);
});

test('rejects a nonsensical attempt count', async () => {
  await assert.rejects(retry(async () => 1, { attempts: 0 }), RangeError);
});
