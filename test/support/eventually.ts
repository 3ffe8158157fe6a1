// Waiting for a condition, never for the clock alone: `eventually` asks again every `interval` ms
// until the condition holds (true, or a value other than false/null/undefined, which it returns) or
// `timeout` ms have passed, and then fails saying what it waited for.

export interface EventuallyOptions {
  timeout?: number;
  interval?: number;
  /** What was awaited, for the failure's message (a function: read when it fails). */
  what?: string | (() => string);
}

export async function eventually<T>(condition: () => T | Promise<T>, { timeout = 10_000, interval = 25, what = 'the condition' }: EventuallyOptions = {}): Promise<Exclude<T, false | null | undefined>> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== false && value !== null && value !== undefined) return value as Exclude<T, false | null | undefined>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const described = typeof what === 'function' ? what() : what;
      throw new Error(`waited ${timeout} ms for ${described}${lastError ? `; last error: ${(lastError as Error).message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
