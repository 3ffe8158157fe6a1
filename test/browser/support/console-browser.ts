// The browser tests' harness: a real hub on SQLite serving the built console, a real Chromium
// (Debian's, driven by playwright-core), and what a user would notice — requests to other
// origins, CSP violations, page errors, accessibility problems — collected on every page.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { createTestEnvironment, type TestEnvironment } from '../../support/environment';
import type { HubOptions } from '../../../src/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumInstalled, TEST_CONSOLE_DIR } from './chromium';

/** `describe` when Chromium is there; skipped otherwise (the global setup printed why, or failed under CI). */
export const describeInBrowser: jest.Describe = chromiumInstalled() ? describe : describe.skip;

/** Where screenshots go: CI keeps test-results/ (HUB_SCREENSHOT_DIR to change it). */
export const SCREENSHOT_DIR = process.env.HUB_SCREENSHOT_DIR ?? path.resolve(__dirname, '../../../test-results/screenshots');

export interface ConsoleHarness {
  env: TestEnvironment;
  browser: Browser;
  /** http://127.0.0.1:<port> of the hub. */
  origin: string;
  /** Every request any page made, as full URLs. */
  requests: string[];
  /** CSP violations, uncaught page errors and console errors other than expected HTTP failures. */
  problems: string[];
  /** A page in a fresh context; `headers` are added to every request (as a signing-in proxy would). */
  newPage(options?: { width?: number; height?: number; headers?: Record<string, string> }): Promise<Page>;
  /** Requests that left the hub's origin (must stay empty: service halls are often offline). */
  foreignRequests(): string[];
  close(): Promise<void>;
}

export async function startConsoleHarness(options: { now?: string; env?: Record<string, string>; hub?: Partial<HubOptions> } = {}): Promise<ConsoleHarness> {
  const env = await createTestEnvironment({ ...options, hub: { consoleDir: path.resolve(TEST_CONSOLE_DIR), ...options.hub } });
  const address = env.server.address();
  if (!address || typeof address === 'string') throw new Error('test hub is not listening on a port');
  const origin = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const requests: string[] = [];
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];

  return {
    env,
    browser,
    origin,
    requests,
    problems,
    async newPage({ width = 1280, height = 800, headers } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL: origin, extraHTTPHeaders: headers });
      contexts.push(context);
      const page = await context.newPage();
      page.on('request', (request) => requests.push(request.url()));
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        const text = message.text();
        // A 401 on the sign-in page's session probe, or a refused GraphQL call the test provokes,
        // is the network log's business; CSP and script errors are the test's.
        if (message.type() === 'error' && !/Failed to load resource/.test(text)) problems.push(`console error: ${text}`);
      });
      return page;
    },
    foreignRequests() {
      return requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await env.close();
    },
  };
}

/** Opens the sign-in page and signs in as one of the hub's demo users (src/console/console-session.router.ts). */
export async function signInAs(page: Page, userId: string): Promise<void> {
  await page.goto('/console/sign-in');
  await page.locator(`[data-user-id="${userId}"]`).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}

/** axe-core on the page as it stands: no serious or critical violation (WCAG 2.1 A/AA rules). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** A full-page PNG under SCREENSHOT_DIR; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Whole (unmasked) identity numbers in the page's visible text. */
export async function wholeIdNumbersOnPage(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return text.match(/\b\d{17}[\dXx]\b/g) ?? [];
}
