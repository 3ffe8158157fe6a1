// 低收入人口 in a real browser: the register's list (keyset pages, filters by tier, township, review
// date and a resident's identity number, townships by name), a household's page (members, every
// tier with its basis, its cases), and who sees what: identity numbers whole for civil affairs on a
// household opened on purpose, masked for a supervisor, and no register at all for other departments.
import type { Page } from 'playwright-core';
import { Department, Role } from '../../src/access/roles';
import { NOTICE_OUTSIDE_HUB, TOWNSHIP } from '../support/environment';
import { freshIdNumber } from '../support/people';
import { eventually } from '../support/eventually';
import { generateHouseholds, type RollHousehold } from '../support/rolls';
import { approvedCase } from '../support/register-decision';
import { CASE_REGISTER, REGISTER_HOUSEHOLDS } from '../support/register-operations';
import {
  ConsoleHarness,
  describeInBrowser,
  expectNoSeriousA11yViolations,
  rowTexts,
  screenshot,
  signInAs,
  startConsoleHarness,
  wholeIdNumbersOnPage,
} from './support/console-browser';
import { importHouseholds } from './support/register-seed';

const DOCUMENT_NO = '寿民发〔2025〕12号';

jest.setTimeout(90_000);

describeInBrowser('低收入人口: the register list and the household page', () => {
  let h: ConsoleHarness;
  let clerk: string;
  /** 23 households of 台头镇 and 2 of 圣城街道 from an imported roll; one of 台头镇 by a 特困 decision. */
  let taitou: RollHousehold[];
  let shengcheng: RollHousehold[];
  const decided = { name: '孙桂兰', idNumber: freshIdNumber('19480101'), caseId: '', caseNo: '', householdId: '' };

  beforeAll(async () => {
    h = await startConsoleHarness({ now: '2026-03-02T09:30:00+08:00', env: NOTICE_OUTSIDE_HUB });
    clerk = await h.env.token(Role.CLERK, TOWNSHIP, undefined, 'clerk-370783104');
    const civil = await h.env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS, 'civil-a');
    const colleague = await h.env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS, 'civil-b');
    taitou = generateHouseholds(23);
    shengcheng = generateHouseholds(2).map((x) => ({ ...x, township: '370783001' }));
    // The first household's decision has its approval number (批准文号) in the roll.
    await importHouseholds(h, civil, colleague, [...taitou, ...shengcheng], (rows) => (rows[1][11] = DOCUMENT_NO));
    const c = await approvedCase(
      h.env,
      clerk,
      civil,
      { applicant: { name: decided.name, idNumber: decided.idNumber }, household: [], applicantMonthlyIncomeFen: 0, categories: ['EXTREME_POVERTY'] },
      'EXTREME_POVERTY',
      120_000,
    );
    decided.caseId = c.id;
    decided.caseNo = c.caseNo;
    decided.householdId = (await h.env.gql(clerk, CASE_REGISTER, { id: c.id })).data.case.registerHousehold.id;
  }, 120_000);
  afterAll(async () => h?.close());

  const rows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');
  const heads = (page: Page) => rows(page).locator('td:nth-child(1) a').allTextContents();
  const search = (page: Page) => page.getByRole('button', { name: /^查\s*询$/ }).click();

  /** Picks an option of an antd Select by its form label; the option's text must match exactly. */
  async function choose(page: Page, label: string, option: string) {
    await page.getByLabel(label, { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) }).click();
    await page.keyboard.press('Escape');
  }

  it("pages through the clerk's township and filters it by tier, review date and identity number, townships by name", async () => {
    const page = await h.newPage();
    await signInAs(page, 'clerk-370783104');
    expect(await page.getByRole('menuitem', { name: '导入' }).count()).toBe(0);
    await page.getByRole('menuitem', { name: '低收入人口' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '低收入人口' })).toBeVisibleSoon();
    await expect(page.getByText('共 24 条 · 第 1 / 2 页')).toBeVisibleSoon();
    expect(await rows(page).count()).toBe(20);
    expect(await rows(page).locator('td:nth-child(2)').allTextContents()).toEqual(Array(20).fill('台头镇'));
    // Masked in the list: the hub shows whole numbers only on a household opened on purpose.
    expect(await wholeIdNumbersOnPage(page)).toEqual([]);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'register');
    const seen = await heads(page);
    await page.getByRole('button', { name: /下一页/ }).click();
    await expect(page.getByText('共 24 条 · 第 2 / 2 页')).toBeVisibleSoon();
    // The pager moves on before the rows do: wait for the second page's four rows themselves.
    await eventually(async () => (await rows(page).count()) === 4, { timeout: 10_000, interval: 50, what: 'the second page of four rows' });
    seen.push(...(await heads(page)));
    expect(seen.sort()).toEqual([...taitou.map((x) => x.head.name), decided.name].sort());

    // 特困: every fourth imported household (from the second) and the decided one.
    await choose(page, '类别', '特困');
    await search(page);
    await expect(page.getByText('共 7 条 · 第 1 / 1 页')).toBeVisibleSoon();
    expect(await rows(page).locator('td:nth-child(4)').allTextContents()).toEqual(Array(7).fill('特困'));
    expect(new URL(page.url()).searchParams.get('tier')).toBe('EXTREME_POVERTY');

    // Due for review by the end of June: the same count the hub gives, neither none nor all.
    await page.getByRole('button', { name: /^重\s*置$/ }).click();
    await expect(page.getByText('共 24 条 · 第 1 / 2 页')).toBeVisibleSoon();
    const due = (await h.env.gql(clerk, REGISTER_HOUSEHOLDS, { filter: { reviewDueBy: '2026-06-30' }, first: 1 })).data.registerHouseholds.totalCount;
    expect(due).toBeGreaterThan(0);
    expect(due).toBeLessThan(24);
    const date = page.getByLabel('复核到期');
    await date.click();
    await date.fill('2026-06-30');
    await date.press('Enter');
    await search(page);
    await expect(page.getByText(`共 ${due} 条 · 第 1 / 1 页`)).toBeVisibleSoon();
    expect(new URL(page.url()).searchParams.get('due')).toBe('2026-06-30');
    for (const next of await rows(page).locator('td:nth-child(6)').allTextContents()) expect(next <= '2026-06-30').toBe(true);

    // A member's identity number finds the household; the number is in no URL.
    await page.getByRole('button', { name: /^重\s*置$/ }).click();
    await expect(page.getByText('共 24 条 · 第 1 / 2 页')).toBeVisibleSoon();
    const member = taitou[5].members[0].idNumber;
    await page.getByLabel('身份证号码').fill(member);
    await search(page);
    await expect(page.getByText('共 1 条 · 第 1 / 1 页')).toBeVisibleSoon();
    expect(await heads(page)).toEqual([taitou[5].head.name]);
    expect(h.requests.filter((url) => url.includes(member))).toEqual([]);

    // Another township is outside a township clerk's region: the form says so before asking.
    await page.getByLabel('乡镇（街道）代码').fill('370783001');
    await search(page);
    await expect(page.getByText('只能查询本辖区（370783104）内的家庭')).toBeVisibleSoon();
    expect(h.foreignRequests()).toEqual([]);
    expect(h.problems).toEqual([]);
  });

  it('shows civil affairs a household: members, the tiers with their basis, its case', async () => {
    const page = await h.newPage();
    await signInAs(page, 'department-civil-affairs-370783');
    for (const item of ['低收入人口', '复核', '导入']) await expect(page.getByRole('menuitem', { name: item })).toBeVisibleSoon();
    await page.goto('/console/register?region=370783001');
    await expect(page.getByText('共 2 条 · 第 1 / 1 页')).toBeVisibleSoon();
    expect(await rows(page).locator('td:nth-child(2)').allTextContents()).toEqual(['圣城街道', '圣城街道']);

    await page.goto('/console/register');
    await page.getByLabel('身份证号码').fill(decided.idNumber);
    await search(page);
    await page.getByRole('link', { name: decided.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: `户主 ${decided.name}` })).toBeVisibleSoon();
    const facts = page.locator('.ant-descriptions');
    for (const [term, value] of [
      ['当前类别', '特困'],
      ['认定日期', '2026-03-02'],
      ['下次复核', '2026-06-02'],
      ['县（市、区）', '寿光市'],
      ['乡镇（街道）', '台头镇'],
      ['现有成员', '1人'],
    ]) {
      expect(await facts.locator('.ant-descriptions-item').filter({ has: page.getByText(term, { exact: true }) }).locator('.ant-descriptions-item-content').textContent()).toBe(value);
    }
    // Opened on purpose by civil affairs: the member's number whole (the hub logs the showing).
    await expect(page.getByRole('cell', { name: decided.idNumber, exact: true })).toBeVisibleSoon();

    const [tier] = await rowTexts(page, 'tier-history');
    // 类别, 起止日期, 认定依据, 来源, 批准文号, 保障金额（元/月）, 下次复核, 退出原因
    expect([tier[0], tier[1], tier[4], tier[5], tier[6], tier[7]]).toEqual(['特困', '2026-03-02 至 今', '—', '1,200.00', '2026-06-02', '—']);
    expect(tier[2]).toContain('经入户调查属实');
    expect(tier[3]).toBe(`审批认定${decided.caseNo}`);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'register-household');

    // Its case opens the case page, with the township by name.
    await page.getByRole('link', { name: decided.caseNo }).last().click();
    await expect(page.getByRole('heading', { level: 1, name: `案件 ${decided.caseNo}` })).toBeVisibleSoon();
    await expect(page.getByText('寿光市台头镇', { exact: true })).toBeVisibleSoon();

    // An imported household: its approval number and amount from the roll, no case.
    const first = taitou[0];
    const found = (await h.env.gql(clerk, REGISTER_HOUSEHOLDS, { filter: { idNumber: first.head.idNumber } })).data.registerHouseholds.edges[0].node;
    await page.goto(`/console/register/${found.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `户主 ${first.head.name}` })).toBeVisibleSoon();
    const [imported] = await rowTexts(page, 'tier-history');
    expect([imported[0], imported[1], imported[3], imported[4], imported[5], imported[6]]).toEqual(['低保', '2025-07-01 至 今', '存量导入', DOCUMENT_NO, '450.00', found.nextReviewDate]);
    await expect(page.getByText('暂无相关案件（存量导入的家庭没有受理案件）')).toBeVisibleSoon();
    await expectNoSeriousA11yViolations(page);
    expect(h.problems).toEqual([]);
  });

  it('shows a supervisor the county, identity numbers masked on the list and on the household page', async () => {
    const page = await h.newPage();
    await signInAs(page, 'supervisor-370783');
    await page.getByRole('menuitem', { name: '低收入人口' }).click();
    await expect(page.getByText('共 26 条 · 第 1 / 2 页')).toBeVisibleSoon();
    expect(await wholeIdNumbersOnPage(page)).toEqual([]);
    await page.goto(`/console/register/${decided.householdId}`);
    await expect(page.getByRole('heading', { level: 1, name: `户主 ${decided.name}` })).toBeVisibleSoon();
    await expect(page.getByRole('cell', { name: /^\d{6}\*+\d{3}[\dX]$/ })).toBeVisibleSoon();
    expect(await wholeIdNumbersOnPage(page)).toEqual([]);
    await expectNoSeriousA11yViolations(page);
    expect(h.problems).toEqual([]);
  });

  it('keeps the register from a department other than civil affairs: no menu entry, no page', async () => {
    const page = await h.newPage();
    await signInAs(page, 'department-medical-370783');
    await expect(page.getByRole('menuitem', { name: '部门工作台' })).toBeVisibleSoon();
    for (const item of ['低收入人口', '复核', '导入']) expect(await page.getByRole('menuitem', { name: item }).count()).toBe(0);
    await page.goto(`/console/register/${decided.householdId}`);
    await page.waitForURL('**/console/workbench');
    expect(await page.getByText(decided.name).count()).toBe(0);
    expect(h.problems).toEqual([]);
  });
});
