// expect(locator).toBeVisibleSoon(): waits (playwright's auto-wait) until the locator is visible.
import type { Locator } from 'playwright-core';

expect.extend({
  async toBeVisibleSoon(locator: Locator, timeout = 10_000) {
    try {
      await locator.first().waitFor({ state: 'visible', timeout });
      return { pass: true, message: () => `expected ${locator} not to become visible` };
    } catch {
      return { pass: false, message: () => `expected ${locator} to become visible within ${timeout} ms` };
    }
  },
});

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeVisibleSoon(timeout?: number): Promise<R>;
    }
  }
}
