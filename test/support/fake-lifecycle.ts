import { afterEach, beforeEach } from 'vitest';

export interface VerifiedFake {
  verify(): void;
  close(): Promise<void>;
}

/** A fresh fake service per test, verified (nothing unexpected, nothing unused) and closed after it. */
export function useFake<F extends VerifiedFake>(start: () => Promise<F>, name: string): () => F {
  let fake: F | undefined;
  beforeEach(async () => {
    fake = await start();
  });
  afterEach(async () => {
    const current = fake;
    fake = undefined;
    if (!current) return;
    try {
      current.verify();
    } finally {
      await current.close();
    }
  });
  return () => {
    if (!fake) throw new Error(`the fake ${name} runs only inside a test`);
    return fake;
  };
}
