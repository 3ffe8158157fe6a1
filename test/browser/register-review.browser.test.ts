// 复核 in a real browser: households entered by 特困 decisions fall due for their periodic review;
// the township clerk reads the tasks by deadline with their clocks, has an invalid outcome refused on
// its fields, then records 继续享受 and an exit, civil affairs changes a tier from the household page,
// and each household page follows. A supervisor only reads the tasks, and sees the register and
// its reviews on the dashboard. The tests build on one another, in order.
import { NOTICE_OUTSIDE_HUB } from '../support/environment';
import type { Page } from 'playwright-core';
import { Department, Role } from '../../src/access/roles';
import { TOWNSHIP } from '../support/environment';
import { freshIdNumber } from '../support/people';
import { approvedCase } from '../support/register-decision';
import { CASE_REGISTER } from '../support/register-operations';
import {
  choosePeriod,
  ConsoleHarness,
  describeInBrowser,
  expectNoSeriousA11yViolations,
  rowTexts,
  screenshot,
  setChecked,
  signInAs,
  startConsoleHarness,
} from './support/console-browser';

jest.setTimeout(90_000);

interface Seeded {
  name: string;
  approvedOn: string;
  caseNo: string;
  householdId: string;
}

describeInBrowser('复核: periodic reviews of the register in Chromium', () => {
  let h: ConsoleHarness;
  // 特困 is reviewed every three months; on 2026-07-02 A's task is overdue, B's at risk, C's on
  // track, and D is not due yet.
  const households: Record<'A' | 'B' | 'C' | 'D', Seeded> = {
    A: { name: '孙桂兰', approvedOn: '2026-03-02', caseNo: '', householdId: '' },
    B: { name: '周建华', approvedOn: '2026-03-05', caseNo: '', householdId: '' },
    C: { name: '吴秀兰', approvedOn: '2026-04-01', caseNo: '', householdId: '' },
    D: { name: '郑国强', approvedOn: '2026-04-15', caseNo: '', householdId: '' },
  };

  beforeAll(async () => {
    h = await startConsoleHarness({ now: '2026-03-02T09:30:00+08:00', env: NOTICE_OUTSIDE_HUB });
    const clerk = await h.env.token(Role.CLERK, TOWNSHIP, undefined, 'clerk-370783104');
    const civil = await h.env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS, 'civil-sys');
    for (const x of Object.values(households)) {
      h.env.clock.set(`${x.approvedOn}T09:30:00+08:00`);
      const overrides = { applicant: { name: x.name, idNumber: freshIdNumber('19480101') }, household: [], applicantMonthlyIncomeFen: 0, categories: ['EXTREME_POVERTY'] };
      const c = await approvedCase(h.env, clerk, civil, overrides, 'EXTREME_POVERTY', 120_000);
      x.caseNo = c.caseNo;
      x.householdId = (await h.env.gql(clerk, CASE_REGISTER, { id: c.id })).data.case.registerHousehold.id;
    }
    h.env.clock.set('2026-07-02T09:00:00+08:00');
    expect(await h.env.running.services.reviewScheduler.run()).toMatchObject({ created: 3 });
  }, 120_000);
  afterAll(async () => h?.close());

  const search = (page: Page) => page.getByRole('button', { name: /^查\s*询$/ }).click();
  const dialog = (page: Page) => page.getByRole('dialog', { name: /^登记复核结果/ });

  /** Picks an option of a single antd Select by its label (the chosen value lies over the input). */
  async function choose(scope: Page | ReturnType<Page['locator']>, page: Page, label: string, option: string) {
    await scope.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) }).click();
  }

  async function typeDate(page: Page, date: string) {
    const input = dialog(page).getByLabel('复核日期');
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  }

  const fact = (page: Page, term: string) =>
    page.locator('.ant-descriptions-item').filter({ has: page.getByText(term, { exact: true }) }).locator('.ant-descriptions-item-content');

  it("lists the township's tasks by deadline with their clocks, and filters them by state", async () => {
    const page = await h.newPage();
    await signInAs(page, 'clerk-370783104');
    await page.getByRole('menuitem', { name: '复核' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '定期复核' })).toBeVisibleSoon();
    await expect(page.getByText('共 3 条 · 第 1 / 1 页')).toBeVisibleSoon();
    const rows = await rowTexts(page, 'review-list');
    // 户主, 乡镇（街道）, 复核类别, 应复核日期, 办理时限, 复核结果, 操作
    expect(rows.map((r) => [r[0].split('370700')[0], r[1], r[2], r[3], r[4], r[5]])).toEqual([
      ['孙桂兰', '台头镇', '特困', '2026-06-02', '超期 1个工作日期限 2026-07-01', '待复核'],
      ['周建华', '台头镇', '特困', '2026-06-05', '临期 · 剩2个工作日期限 2026-07-06', '待复核'],
      ['吴秀兰', '台头镇', '特困', '2026-07-01', '正常 · 剩19个工作日期限 2026-07-29', '待复核'],
    ]);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'reviews');

    await page.getByLabel('办理时限').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: /^临期$/ }).click();
    await page.keyboard.press('Escape');
    await search(page);
    await expect(page.getByText('共 1 条 · 第 1 / 1 页')).toBeVisibleSoon();
    expect((await rowTexts(page, 'review-list'))[0][0]).toContain('周建华');
    expect(new URL(page.url()).searchParams.get('sla')).toBe('AT_RISK');
    expect(h.problems).toEqual([]);
  });

  it('refuses an invalid outcome on its fields, then records 继续享受, and the household page follows', async () => {
    const page = await h.newPage();
    await signInAs(page, 'clerk-370783104');
    await page.goto('/console/reviews');
    await page.getByRole('button', { name: '登记结果 户主孙桂兰 应复核日期2026-06-02' }).click();
    await expect(dialog(page).getByText('应复核日期')).toBeVisibleSoon();

    // An exit for 其他 with no note, dated tomorrow by the hub's calendar: both refused, each on its field.
    await setChecked(dialog(page).getByRole('radio', { name: '退出' }));
    await choose(dialog(page), page, '退出原因', '其他');
    await typeDate(page, '2026-07-03');
    await dialog(page).getByRole('button', { name: /^登\s*记$/ }).click();
    await expect(page.locator('#review-outcome_note_help').getByText('退出原因为“其他”时须填写复核意见说明。')).toBeVisibleSoon();
    await expect(page.locator('#review-outcome_completedOn_help').getByText('复核日期不能晚于今天。')).toBeVisibleSoon();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'review-outcome-refused');

    await setChecked(dialog(page).getByRole('radio', { name: '继续享受' }));
    await typeDate(page, '2026-07-02');
    await dialog(page).getByLabel('复核意见').fill('入户核查，情况无变化');
    await dialog(page).getByRole('button', { name: /^登\s*记$/ }).click();
    await expect(page.getByText('已登记户主孙桂兰的复核结果：继续享受')).toBeVisibleSoon();
    await expect(page.getByText('共 2 条 · 第 1 / 1 页')).toBeVisibleSoon();

    // Done a day after its deadline: 超期办结; the next review three months from the review.
    await page.goto('/console/reviews?status=DONE');
    await expect(page.getByText('共 1 条 · 第 1 / 1 页')).toBeVisibleSoon();
    await page.getByRole('link', { name: '孙桂兰' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '户主 孙桂兰' })).toBeVisibleSoon();
    expect(await fact(page, '下次复核').textContent()).toBe('2026-10-02');
    expect(await rowTexts(page, 'household-reviews')).toEqual([['特困', '2026-06-02', '超期办结期限 2026-07-01', '继续享受（2026-07-02）入户核查，情况无变化', '']]);
    expect((await rowTexts(page, 'tier-history'))[0].slice(0, 2)).toEqual(['特困', '2026-03-02 至 今']);
    expect(h.problems).toEqual([]);
  });

  it('changes a tier from the household page: the new tier starts with its basis, the old one ends', async () => {
    const page = await h.newPage();
    await signInAs(page, 'department-civil-affairs-370783');
    await page.getByRole('menuitem', { name: '复核' }).click();
    await page.getByRole('link', { name: '周建华' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '户主 周建华' })).toBeVisibleSoon();
    await page.getByRole('button', { name: '登记复核结果 应复核日期2026-06-05' }).click();
    await setChecked(dialog(page).getByRole('radio', { name: '调整类别' }));
    await choose(dialog(page), page, '新类别', '低保');
    await dialog(page).getByLabel('月人均收入（元）').fill('300');
    await dialog(page).getByLabel('保障金额（元/月）').fill('500');
    await dialog(page).getByLabel('复核意见').fill('子女外出务工，收入有所增加');
    await expectNoSeriousA11yViolations(page);
    await dialog(page).getByRole('button', { name: /^登\s*记$/ }).click();
    await expect(page.getByText('已登记户主周建华的复核结果：调整类别')).toBeVisibleSoon();

    // The page reads the household again: 低保 from the day of the review, 特困 ended that day.
    await expect(fact(page, '当前类别').getByText('低保', { exact: true })).toBeVisibleSoon();
    const [now, before] = await rowTexts(page, 'tier-history');
    // 类别, 起止日期, 认定依据, 来源, 批准文号, 保障金额（元/月）, 下次复核, 退出原因
    expect([now[0], now[1], now[3], now[4], now[5], now[6], now[7]]).toEqual(['低保', '2026-07-02 至 今', '定期复核', '—', '500.00', '2027-07-02', '—']);
    expect(now[2]).toBe('定期复核（应复核日期2026-06-05）调整为低保对象复核意见：子女外出务工，收入有所增加月人均收入 300.00 元，标准 838.00 元（山东省2024年平均标准）');
    expect([before[0], before[1], before[3], before[5], before[6]]).toEqual(['特困', '2026-03-05 至 2026-07-02', `审批认定${households.B.caseNo}`, '1,200.00', '2026-06-05']);
    expect(await rowTexts(page, 'household-reviews')).toEqual([['特困', '2026-06-05', '按期办结期限 2026-07-06', '调整类别（2026-07-02）子女外出务工，收入有所增加', '']]);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'review-tier-changed');
    expect(h.problems).toEqual([]);
  });

  it('ends a tier with its reason: the household leaves the register and has no next review', async () => {
    const page = await h.newPage();
    await signInAs(page, 'clerk-370783104');
    await page.goto('/console/reviews');
    await page.getByRole('button', { name: '登记结果 户主吴秀兰 应复核日期2026-07-01' }).click();
    await setChecked(dialog(page).getByRole('radio', { name: '退出' }));
    await choose(dialog(page), page, '退出原因', '死亡');
    await dialog(page).getByRole('button', { name: /^登\s*记$/ }).click();
    await expect(page.getByText('已登记户主吴秀兰的复核结果：退出')).toBeVisibleSoon();
    await expect(page.getByText('暂无符合条件的复核任务')).toBeVisibleSoon();

    await page.goto(`/console/register/${households.C.householdId}`);
    await expect(fact(page, '当前类别').getByText('已退出', { exact: true })).toBeVisibleSoon();
    expect(await fact(page, '下次复核').textContent()).toBe('—');
    const [ended] = await rowTexts(page, 'tier-history');
    expect([ended[0], ended[1], ended[7]]).toEqual(['特困', '2026-04-01 至 2026-07-02', '死亡']);
    expect(h.problems).toEqual([]);
  });

  it('lets a supervisor read the tasks without recording, and shows the register and its reviews on the dashboard', async () => {
    const page = await h.newPage();
    await signInAs(page, 'supervisor-370783');
    await page.getByRole('menuitem', { name: '复核' }).click();
    await expect(page.getByText('本页仅供查看。', { exact: false })).toBeVisibleSoon();
    await page.goto('/console/reviews?status=DONE');
    await expect(page.getByText('共 3 条 · 第 1 / 1 页')).toBeVisibleSoon();
    expect((await rowTexts(page, 'review-list')).map((r) => r[4].split('期限')[0])).toEqual(['超期办结', '按期办结', '按期办结']);
    expect(await page.getByRole('button', { name: /^登记结果/ }).count()).toBe(0);
    await page.goto(`/console/register/${households.D.householdId}`);
    await expect(page.getByRole('heading', { level: 1, name: '户主 郑国强' })).toBeVisibleSoon();
    await expect(page.getByText('尚未到复核日期')).toBeVisibleSoon();
    expect(await page.getByRole('button', { name: /^登记复核结果/ }).count()).toBe(0);

    await page.goto('/console/dashboard');
    await choosePeriod(page, '2026-06-01', '2026-07-02');
    await page.locator('[data-testid="chart-register-tiers-chart"] canvas').first().waitFor();
    expect(await page.getByTestId('chart-register-tiers-chart').getAttribute('aria-label')).toBe(
      '低收入人口库各类别：低保1户1人；特困2户2人；低保边缘0户0人；刚性支出困难0户0人；防返贫监测0户0人；其他关注0户0人。',
    );
    expect((await rowTexts(page, 'register-tier-table')).slice(0, 2)).toEqual([
      ['低保', '1', '1'],
      ['特困', '2', '2'],
    ]);
    // By township, by name, with the tiers it has.
    expect(await rowTexts(page, 'register-township-table')).toEqual([['台头镇', '3', '3', '1', '2']]);
    const reviews = page.getByTestId('register-reviews');
    const figure = (title: string) => reviews.locator('.ant-statistic').filter({ has: page.getByText(title, { exact: true }) }).locator('.ant-statistic-content');
    for (const [title, value] of [
      ['待复核 · 正常', '0'],
      ['待复核 · 临期', '0'],
      ['待复核 · 超期', '0'],
      ['期间按期完成', '2'],
      ['期间超期完成', '1'],
    ]) {
      expect(await figure(title).textContent()).toBe(value);
    }
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'dashboard-register');
    expect(h.foreignRequests()).toEqual([]);
    expect(h.problems).toEqual([]);
  });
});
