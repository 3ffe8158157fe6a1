// A new user's whole journey in the console, through the screens only: the clerk takes an
// application, civil affairs decides it on its workbench, the case closes, and the supervisor's
// dashboard counts it — the hub's clock at the real time, so the dashboard's default period holds it.
// The county holds its 公示 outside the hub (HUB_PUBLIC_NOTICE=off), so the approval closes the case
// at once; the notice in the hub is in public-notice.browser.test.ts.
import type { Page } from 'playwright-core';
import {
  ConsoleHarness,
  describeInBrowser,
  expectNoSeriousA11yViolations,
  screenshot,
  setChecked,
  signInAs,
  startConsoleHarness,
  wholeIdNumbersOnPage,
} from './support/console-browser';
import { NOTICE_OUTSIDE_HUB } from '../support/environment';

describeInBrowser('one application, from the window to a closed case, in Chromium', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsoleHarness({ now: new Date().toISOString(), env: NOTICE_OUTSIDE_HUB });
  });
  afterAll(async () => h?.close());

  let caseNo = '';
  // The journey's steps run in order on one case: a step whose predecessor failed says so at once
  // (rather than timing out on a screen that cannot show what never happened).
  const done = new Set<number>();
  const continuing = (step: number) => {
    if (!done.has(step)) throw new Error(`continues step ${step}, which did not finish: see that failure`);
  };
  const rows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');
  const dialog = (page: Page) => page.getByRole('dialog');

  it('1. the clerk takes an application for 低保 only and prints the receipt', async () => {
    const page = await h.newPage();
    await signInAs(page, 'clerk-370783104');
    await page.getByRole('heading', { level: 1, name: '受理申请' }).waitFor();
    await page.getByLabel('姓名', { exact: true }).fill('赵桂兰');
    await page.getByLabel('身份证号码', { exact: true }).fill('370783195502140026');
    await expect(page.getByText('1955年2月14日出生 · 女')).toBeVisibleSoon();
    await page.getByLabel('本人月收入').fill('200');
    await page.getByRole('button', { name: '查看建议' }).click();
    const suggestions = page.getByTestId('suggestions');
    const minimumLiving = suggestions.getByRole('checkbox', { name: /最低生活保障/ });
    await minimumLiving.waitFor();
    // Keep only 低保: whatever else the hub suggested is the clerk's to drop.
    for (const box of await suggestions.getByRole('checkbox').all()) {
      const category = await box.evaluate((el) => el.closest('label')?.textContent ?? '');
      if (!category.includes('最低生活保障')) await setChecked(box, false);
    }
    expect(await minimumLiving.isChecked()).toBe(true);
    await page.getByRole('button', { name: '确认受理' }).click();
    await page.getByTestId('receipt').waitFor();
    caseNo = (await page.getByTestId('receipt-case-no').textContent())!.trim();
    expect(caseNo).toMatch(/^370783104\d{12}$/);
    await expect(page.getByTestId('receipt').getByText('民政：最低生活保障（低保）')).toBeVisibleSoon();
    await screenshot(page, 'journey-receipt');
    done.add(1);
  });

  it('2. (continues 1) civil affairs claims, acknowledges and approves it on the workbench; the case closes', async () => {
    continuing(1);
    const page = await h.newPage();
    await signInAs(page, 'department-civil-affairs-370783');
    await expect(rows(page).getByRole('link', { name: caseNo })).toBeVisibleSoon();
    await page.getByRole('button', { name: /^领\s*取$/ }).click();
    await expect(page.getByText(/已领取 1 件/)).toBeVisibleSoon();
    await rows(page).getByRole('button', { name: new RegExp(`^受理 ${caseNo}`) }).click();
    await dialog(page).getByRole('button', { name: /^受\s*理$/ }).click();
    await expect(page.getByText(`已受理 ${caseNo}`)).toBeVisibleSoon();
    await page.getByRole('tab', { name: /^办理中\s*\d+$/ }).click();
    await rows(page).getByRole('button', { name: new RegExp(`^办结 ${caseNo}`) }).click();
    await dialog(page).getByLabel('救助金额（元）').fill('638');
    await dialog(page).getByLabel('说明').fill('纳入低保');
    await dialog(page).getByRole('button', { name: /^办\s*结$/ }).click();
    await expect(page.getByText(`已办结 ${caseNo}；各部门均已办结，案件已办结`, { exact: true })).toBeVisibleSoon();
    done.add(2);
  });

  it('3. (continues 2) the clerk finds the case closed, with its timeline', async () => {
    continuing(2);
    const page = await h.newPage();
    await signInAs(page, 'clerk-370783104');
    await page.getByRole('menuitem', { name: '案件', exact: true }).click();
    await rows(page).getByRole('link', { name: caseNo }).click();
    await expect(page.getByText('已办结').first()).toBeVisibleSoon();
    await expect(page.getByText('批准').first()).toBeVisibleSoon();
    await expect(page.locator('.ant-timeline-item').first()).toBeVisibleSoon();
    await expectNoSeriousA11yViolations(page);
  });

  it("4. (continues 2) the supervisor's dashboard counts it, with no whole identity number, at 1280×800 and 1920×1080", async () => {
    continuing(2);
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ]) {
      const page = await h.newPage({ width, height });
      await signInAs(page, 'supervisor-370783');
      await page.getByRole('heading', { level: 1, name: '督办' }).waitFor();
      const figure = (title: string) =>
        page.locator('.ant-statistic').filter({ has: page.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }) }).locator('.ant-statistic-content');
      await expect(figure('办结案件').getByText('1件')).toBeVisibleSoon();
      expect(await figure('受理案件').textContent()).toBe('1件');
      expect(await figure('按期办结率').textContent()).toBe('100.0%');
      await page.locator('[data-testid="chart-on-time-chart"] canvas').first().waitFor();
      expect(await page.getByTestId('chart-on-time-chart').getAttribute('aria-label')).toContain('民政100%（办结1件，按期1件）');
      // Nothing spills sideways at a service-hall PC's width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await wholeIdNumbersOnPage(page)).toEqual([]);
      await screenshot(page, `journey-dashboard-${width}`);
    }
    expect(h.foreignRequests()).toEqual([]);
    expect(h.problems).toEqual([]);
  });
});
