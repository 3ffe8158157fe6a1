// 督办 in a real browser: a county supervisor's charts, figures and overdue list over cases seeded
// through the hub's API, with the hub's clock moved on so that some cases fall overdue or at risk.
import type { Page } from 'playwright-core';
import { Department, Role } from '../../src/access/roles';
import { application } from '../support/applications';
import { ACK, CLAIM, RESOLVE, SUBMIT } from '../support/operations';
import {
  choosePeriod,
  ConsoleHarness,
  describeInBrowser,
  expectNoSeriousA11yViolations,
  rowTexts,
  screenshot,
  signInAs,
  startConsoleHarness,
  wholeIdNumbersOnPage,
} from './support/console-browser';

interface Seeded {
  id: string;
  caseNo: string;
  referrals: Array<{ id: string; department: string }>;
}

// The hub's "today" once seeded: a Thursday. The browser keeps its real clock (the console signs a
// user out when the token's expiry, in real time, has passed on the page's clock), so the test
// picks the period by hand; the default period then ends on the real today, long after the seed.
const TODAY = '2026-04-02T10:00:00+08:00';
const PERIOD = { from: '2026-01-12', to: '2026-04-02' }; // the 12 weeks the weekly chart shows

jest.setTimeout(90_000);

describeInBrowser('督办: the supervisor dashboard in Chromium', () => {
  let h: ConsoleHarness;
  const cases: Record<string, Seeded> = {};

  beforeAll(async () => {
    h = await startConsoleHarness({ now: '2026-03-02T09:00:00+08:00' });
    const { env } = h;
    const clerk = await env.token(Role.CLERK, '370783');
    const submit = async (key: string, at: string, townshipCode: string, name: string, categories: string[]) => {
      env.clock.set(at);
      const input = application({ townshipCode, categories, hardship: { emergency: true, medicalExpenseFen: 1_250_000 } });
      (input.applicant as { name: string }).name = name;
      const res = await env.gql(clerk, SUBMIT, { input });
      expect(res.data.submitApplication.userErrors).toEqual([]);
      cases[key] = res.data.submitApplication.case;
    };
    await submit('overdue', '2026-03-02T09:00:00+08:00', '370783104', '王秀英', ['TEMPORARY']); // due 03-23
    await submit('onTime', '2026-03-02T10:00:00+08:00', '370783104', '张建国', ['TEMPORARY']);
    await submit('late', '2026-03-03T10:00:00+08:00', '370783001', '刘芳', ['TEMPORARY', 'MEDICAL']); // due 03-24
    await submit('overdue2', '2026-03-05T10:00:00+08:00', '370783001', '赵磊', ['MEDICAL']); // due 03-26
    await submit('atRisk', '2026-03-16T09:00:00+08:00', '370783104', '陈静', ['TEMPORARY', 'EDUCATION']); // due 04-07

    const resolve = async (department: Department, at: string, referralIds: string[]) => {
      env.clock.set(at);
      const token = await env.token(Role.DEPARTMENT, '370783', department);
      await env.gql(token, CLAIM, { department, limit: 100 });
      for (const id of referralIds) {
        expect((await env.gql(token, ACK, { id })).data.acknowledgeReferral.userErrors).toEqual([]);
        expect((await env.gql(token, RESOLVE, { id, decision: 'APPROVED', amountFen: 50_000 })).data.resolveReferral.userErrors).toEqual([]);
      }
    };
    const referral = (key: string, department: string) => cases[key].referrals.find((r) => r.department === department)!.id;
    await resolve(Department.CIVIL_AFFAIRS, '2026-03-09T09:00:00+08:00', [referral('onTime', 'CIVIL_AFFAIRS'), referral('late', 'CIVIL_AFFAIRS')]);
    await resolve(Department.MEDICAL, '2026-03-30T09:00:00+08:00', [referral('late', 'MEDICAL')]); // 4 working days late

    env.clock.set(TODAY);
    await env.running.scanner.scan();
  }, 120_000);
  afterAll(async () => h?.close());

  async function openDashboard(userId: string, width = 1280, height = 800): Promise<Page> {
    const page = await h.newPage({ width, height });
    await signInAs(page, userId);
    if (!page.url().endsWith('/dashboard')) await page.goto('/console/dashboard');
    await expect(page.getByRole('heading', { level: 1, name: '督办' })).toBeVisibleSoon();
    return page;
  }

  const statistic = (page: Page, title: string) =>
    page.locator('.ant-statistic').filter({ has: page.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }) }).locator('.ant-statistic-content');

  it("draws the supervisor's charts for a period, with the same figures in words and in tables", async () => {
    const page = await openDashboard('supervisor-370783');
    expect(new URL(page.url()).pathname).toBe('/console/dashboard');
    await expect(page.getByTestId('dashboard-region')).toBeVisibleSoon();
    expect(await page.getByTestId('dashboard-region').textContent()).toBe('370783');
    // The default period (the last 12 weeks through the real today) holds none of the seeded cases.
    await expect(page.getByTestId('chart-on-time').getByText('该期间暂无数据')).toBeVisibleSoon();
    await expect(page.getByTestId('chart-weekly').getByText('该期间暂无数据')).toBeVisibleSoon();

    await choosePeriod(page, PERIOD.from, PERIOD.to);
    for (const chart of ['chart-on-time-chart', 'chart-department-risk-chart', 'chart-township-chart', 'chart-weekly-chart']) {
      await page.locator(`[data-testid="${chart}"] canvas`).first().waitFor();
      expect(await page.getByTestId(chart).getAttribute('role')).toBe('img');
    }
    expect(await statistic(page, '受理案件').textContent()).toBe('5件');
    expect(await statistic(page, '办结案件').textContent()).toBe('2件');
    expect(await statistic(page, '按期办结').textContent()).toBe('1件');
    expect(await statistic(page, '按期办结率').textContent()).toBe('50.0%');

    const onTime = await page.getByTestId('chart-on-time-chart').getAttribute('aria-label');
    expect(onTime).toContain('民政100%（办结2件，按期2件）');
    expect(onTime).toContain('医保0%（办结1件，按期0件）');
    expect(onTime).toContain('教育无办结');
    expect(await page.getByTestId('chart-department-risk-chart').getAttribute('aria-label')).toBe(
      '各部门办理中的转办事项：民政超期1件、临期1件；医保超期1件、临期0件；教育超期0件、临期1件；其余为0。',
    );
    expect(await page.getByTestId('chart-township-chart').getAttribute('aria-label')).toBe(
      '各乡镇（街道）办理中的案件：台头镇超期1件、临期1件；圣城街道超期1件、临期0件；其余为0。',
    );
    expect(await page.getByTestId('chart-weekly-chart').getAttribute('aria-label')).toContain('3/2–3/8受理4件、办结0件（按期0件）');

    const departments = await rowTexts(page, 'department-table');
    // 部门, 期间受理转办, 期间办结, 按期办结, 按期办结率, 办结用时中位数, 当前超期, 当前临期, 受理及时率,
    // 受理用时中位数, 受理超时: each referral was acknowledged when it was decided, days after its 2-day limit.
    expect(departments[0]).toEqual(['民政', '4', '2', '2', '100%', '4.5', '1', '1', '0%', '4.5', '2']);
    expect(departments[1]).toEqual(['医保', '2', '1', '0', '0%', '19', '1', '0', '0%', '19', '1']);
    expect(departments[2]).toEqual(['教育', '1', '0', '0', '无办结', '—', '0', '1', '无受理', '—', '1']);
    expect(departments).toHaveLength(7);
    // Townships by name (the national division codes), not by code.
    expect(await rowTexts(page, 'township-table')).toEqual([
      ['圣城街道', '2', '1', '1', '0'],
      ['台头镇', '3', '1', '1', '1'],
    ]);
    const weekly = await rowTexts(page, 'weekly-table');
    expect(weekly.map((row) => row[0])).toEqual(['受理', '办结', '按期办结']);
    expect(weekly[0].slice(1)).toEqual(['0', '0', '0', '0', '0', '0', '0', '4', '0', '1', '0', '0']);
    expect(weekly[1].slice(1)).toEqual(['0', '0', '0', '0', '0', '0', '0', '0', '1', '0', '0', '1']);
    expect(weekly[2].slice(1)).toEqual(['0', '0', '0', '0', '0', '0', '0', '0', '1', '0', '0', '0']);

    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'dashboard');
    expect(h.foreignRequests()).toEqual([]);
  });

  it('lists the overdue and at-risk cases most urgent first, identity numbers masked, and opens a case', async () => {
    const page = await openDashboard('supervisor-370783');
    await page.locator('[data-testid="at-risk-list"] tbody tr.ant-table-row').first().waitFor();
    const rows = await rowTexts(page, 'at-risk-list');
    // 受理编号, 申请人, 身份证号, 乡镇（街道）, 办结期限, 剩余工作日, 状态
    expect(rows.map((r) => [r[0], r[1], r[3], r[4], r[5], r[6]])).toEqual([
      [cases.overdue.caseNo, '王秀英', '台头镇', '2026-03-23', '已超期 8', '超期'],
      [cases.overdue2.caseNo, '赵磊', '圣城街道', '2026-03-26', '已超期 5', '超期'],
      [cases.atRisk.caseNo, '陈静', '台头镇', '2026-04-07', '2', '临期'],
    ]);
    for (const row of rows) expect(row[2]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(await wholeIdNumbersOnPage(page)).toEqual([]);
    expect((await page.content()).match(/\b\d{17}[\dXx]\b/g) ?? []).toEqual([]);

    await page.getByRole('link', { name: cases.overdue.caseNo }).click();
    await page.waitForURL(`**/console/cases/${cases.overdue.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisibleSoon();
  });

  it('shows new figures after 刷新, and lets an administrator choose the region', async () => {
    const page = await openDashboard('supervisor-370783', 1920, 1080);
    await choosePeriod(page, PERIOD.from, PERIOD.to);
    await page.locator('[data-testid="department-table"] tbody tr.ant-table-row').first().waitFor();
    expect((await rowTexts(page, 'department-table'))[2].slice(0, 3)).toEqual(['教育', '1', '0']);
    // Education decides the at-risk case's referral; the page learns of it on 刷新.
    const education = await h.env.token(Role.DEPARTMENT, '370783', Department.EDUCATION);
    await h.env.gql(education, CLAIM, { department: 'EDUCATION', limit: 10 });
    const id = cases.atRisk.referrals.find((r) => r.department === 'EDUCATION')!.id;
    await h.env.gql(education, ACK, { id });
    expect((await h.env.gql(education, RESOLVE, { id, decision: 'APPROVED', amountFen: 20_000 })).data.resolveReferral.userErrors).toEqual([]);
    await page.getByRole('button', { name: /刷\s*新/ }).click();
    const educationResolved = page.locator('[data-testid="department-table"] tbody tr.ant-table-row').nth(2).locator('td').nth(2);
    await expect(educationResolved.filter({ hasText: /^1$/ })).toBeVisibleSoon();
    expect((await rowTexts(page, 'department-table'))[2]).toEqual(['教育', '1', '1', '1', '100%', '13', '0', '0', '0%', '13', '0']);
    await screenshot(page, 'dashboard-1920');

    const admin = await openDashboard('admin');
    const region = admin.getByLabel('辖区代码');
    expect(await region.inputValue()).toBe('37');
    await region.fill('3707x');
    await expect(admin.getByText('应为2、4、6、9或12位行政区划代码，如 37 或 370783')).toBeVisibleSoon();
    await region.fill('370783001');
    await region.press('Enter');
    await expect(admin.getByText('辖区 370783001 内当前办理中')).toBeVisibleSoon();
    const adminRows = admin.locator('[data-testid="at-risk-list"] tbody tr.ant-table-row');
    await adminRows.first().waitFor();
    await adminRows.nth(1).waitFor({ state: 'detached' });
    expect((await rowTexts(admin, 'at-risk-list')).map((r) => r[0])).toEqual([cases.overdue2.caseNo]);
    await expectNoSeriousA11yViolations(admin);

    // Nothing refused by the CSP (style-nonce.ts gives antd's own <style> elements the nonce), nothing failed.
    expect(h.problems).toEqual([]);
  });
});
