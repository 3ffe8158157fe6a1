// The browser tests' harness: a real hub on SQLite serving the built console, a real Chromium
// (Debian's, driven by playwright-core), and what a user would notice — requests to other
// origins, CSP violations, page errors, accessibility problems — collected on every page.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
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
      // reducedMotion: the console honours the user's wish for less motion (console/src/motion.ts),
      // so toasts, dialogs and checkboxes are whole the moment they show and nothing moves under a click.
      const context = await browser.newContext({
        viewport: { width, height },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        baseURL: origin,
        extraHTTPHeaders: headers,
        reducedMotion: 'reduce',
      });
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

/**
 * Waits until nothing on the page moves: no running CSS or Web animation and no element in one of
 * antd's enter/leave motion classes, over two frames in a row. A colour measured mid-fade (a toast
 * appearing) is not the colour a person reads.
 */
export async function waitUntilStill(page: Page, timeout = 5_000): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((answer) => {
        const moving = () =>
          document.getAnimations().some((a) => a.playState === 'running') ||
          document.querySelector('[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"], [class*="-appear-start"], [class*="-enter-start"], [class*="-leave-start"]') !== null;
        if (moving()) return answer(false);
        requestAnimationFrame(() => requestAnimationFrame(() => answer(!moving())));
      }),
    undefined,
    { timeout, polling: 50 },
  );
}

/**
 * Ticks (or clears) a checkbox the way a person does, by clicking its label, and waits until the box
 * shows the new state. Playwright's check() aims at the hidden input itself and gives up if one
 * click did not change it; a person clicks the words and looks.
 */
export async function setChecked(checkbox: Locator, checked = true, timeout = 5_000): Promise<void> {
  if ((await checkbox.isChecked()) === checked) return;
  await checkbox.locator('xpath=ancestor::label[1]').click();
  const input = await checkbox.elementHandle();
  await checkbox.page().waitForFunction(([element, want]) => (element as HTMLInputElement).checked === want, [input, checked] as const, { timeout, polling: 50 });
}

/** axe-core on the page once it is still: no serious or critical violation (WCAG 2.1 A/AA rules). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await waitUntilStill(page);
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

/** The cells' text of each row of the antd table marked data-testid="<table>". */
export function rowTexts(page: Page, table: string): Promise<string[][]> {
  return page.locator(`[data-testid="${table}"] tbody tr.ant-table-row`).evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
}

/** Sets the dashboard's period (CST dates) by typing into its range picker, and waits until the page says so. */
export async function choosePeriod(page: Page, from: string, to: string): Promise<void> {
  const start = page.locator('#dashboard-from');
  await start.click();
  await start.fill(from);
  await start.press('Enter');
  const end = page.locator('#dashboard-to');
  await end.fill(to);
  await end.press('Enter');
  await expect(page.getByText(`统计期间 ${from.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}`)).toBeVisibleSoon();
}
