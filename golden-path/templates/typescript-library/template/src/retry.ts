/**
 * Retries an async operation with exponential backoff and full jitter, the pattern most cloud
 * APIs ask their clients to follow. A starting example: replace it with the library's own code.
 */
export interface RetryOptions {
  /** Tries in total, including the first. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Whether a failure is worth another try; by default every error is. */
  retryable?: (error: unknown) => boolean;
  /** Injected in tests so they do not wait. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = 3, baseDelayMs = 100, maxDelayMs = 5_000, retryable = () => true, sleep = wait, random = Math.random } = options;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number of at least 1, got ${attempts}`);
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.floor(random() * ceiling));
    }
  }
}
