// 案件 in a real browser: the case list (keyset pages, filters by SLA state and status kept in the
// URL, searches by personal data kept out of it), the clerk's actions on the case page (materials a
// department asked for, a withdrawal with a reason), and a supervisor who only ever sees masked
// identity numbers.
import type { Page } from 'playwright-core';
import { Department, Role } from '../../src/access/roles';
import { TOWNSHIP } from '../support/environment';
import { application } from '../support/applications';
import { freshIdNumber } from '../support/people';
import { ACK, CASE, CLAIM, REQUEST_SUPPLEMENT, SUBMIT } from '../support/operations';
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

describeInBrowser('案件: the case list and the case page', () => {
  let h: ConsoleHarness;
  let clerk: string;
  const cases: Record<'overdue' | 'atRisk' | 'supplement' | 'withdraw', { id: string; caseNo: string; idNumbers: string[] }> = {} as never;
  const sla: Record<'overdue' | 'atRisk', number> = {} as never;

  async function submit(name: string) {
    const input = application({ applicant: { name, idNumber: freshIdNumber('19700101'), phone: '13800138000' } });
    const res = await h.env.gql(clerk, SUBMIT, { input });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    const c = res.data.submitApplication.case;
    return { id: c.id as string, caseNo: c.caseNo as string, idNumbers: [input.applicant, ...(input.household as any[]).map((m) => m.person)].map((p: any) => p.idNumber as string) };
  }

  beforeAll(async () => {
    // One case accepted in January (overdue by late February), one early in February (due
    // 2026-02-28, a make-up working Saturday: two working days left on the 26th), the rest today.
    h = await startConsoleHarness({ now: '2026-01-05T09:00:00+08:00' });
    clerk = await h.env.token(Role.CLERK, TOWNSHIP, undefined, 'clerk-370783104');
    cases.overdue = await submit('赵建华');
    h.env.clock.set('2026-02-02T09:00:00+08:00');
    cases.atRisk = await submit('钱桂芳');
    h.env.clock.set('2026-02-26T09:30:00+08:00');
    cases.supplement = await submit('孙丽');
    cases.withdraw = await submit('周明');
    const names = ['吴秀兰', '郑国强', '王芳', '冯建军', '陈玉梅', '褚志刚', '卫淑珍', '蒋海燕', '沈德明', '韩丽娟'];
    for (let i = 0; i < 20; i++) await submit(names[i % names.length]);

    // Civil affairs asks for two materials on one case, through its own system.
    const civil = await h.env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS, 'civil-sys');
    const claimed = await h.env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
    const referral = claimed.data.claimReferrals.referrals.find((r: any) => r.case.id === cases.supplement.id);
    expect((await h.env.gql(civil, ACK, { id: referral.id })).data.acknowledgeReferral.userErrors).toEqual([]);
    const asked = await h.env.gql(civil, REQUEST_SUPPLEMENT, { id: referral.id, materials: ['收入证明', '户口簿'], note: '请补充近三个月收入证明' });
    expect(asked.data.requestSupplement.referral.status).toBe('SUPPLEMENT_REQUESTED');

    for (const key of ['overdue', 'atRisk'] as const) {
      const read = await h.env.gql(clerk, CASE, { id: cases[key].id });
      expect(read.data.case.sla.state).toBe(key === 'overdue' ? 'OVERDUE' : 'AT_RISK');
      sla[key] = read.data.case.sla.workingDaysLeft;
    }
  });
  afterAll(async () => h?.close());

  const rows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');

  /** Picks an option of an antd Select by its form label; the option's text must match exactly. */
  async function choose(page: Page, label: string, option: string) {
    await page.getByLabel(label, { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) }).click();
    await page.keyboard.press('Escape');
  }

  async function search(page: Page) {
    await page.getByRole('button', { name: /^查\s*询$/ }).click();
  }

  it('pages through the township’s cases and filters them by SLA state and status, keeping the filters in the URL', async () => {
    const page = await h.newPage();
    await signInAs(page, 'clerk-370783104');
    await page.goto('/console/cases');
    await expect(page.getByText('共 24 条 · 第 1 / 2 页')).toBeVisibleSoon();
    expect(await rows(page).count()).toBe(20);
    expect(await page.getByLabel('乡镇（街道）代码').inputValue()).toBe('370783104');
    // The township by its name, not its code.
    expect(await rows(page).locator('td:nth-child(3)').allTextContents()).toEqual(Array(20).fill('台头镇'));
    await expectNoSeriousA11yViolations(page);

    // Newest first: January's case is on the second page; back again with the kept cursor.
    await page.getByRole('button', { name: /下一页/ }).click();
    await expect(page.getByText('共 24 条 · 第 2 / 2 页')).toBeVisibleSoon();
    expect(await rows(page).count()).toBe(4);
    await expect(page.getByRole('link', { name: cases.overdue.caseNo })).toBeVisibleSoon();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'cases');
    await page.getByRole('button', { name: /上一页/ }).click();
    await expect(page.getByText('共 24 条 · 第 1 / 2 页')).toBeVisibleSoon();

    await choose(page, '办理时限', '超期');
    await search(page);
    await expect(page.getByText('共 1 条 · 第 1 / 1 页')).toBeVisibleSoon();
    await expect(rows(page).getByRole('link', { name: cases.overdue.caseNo })).toBeVisibleSoon();
    await expect(rows(page).getByText(`超期 ${-sla.overdue}个工作日`)).toBeVisibleSoon();
    expect(new URL(page.url()).searchParams.get('sla')).toBe('OVERDUE');

    // A shared or reloaded link shows the same list.
    await page.goto('/console/cases?sla=AT_RISK');
    await expect(page.getByText('共 1 条 · 第 1 / 1 页')).toBeVisibleSoon();
    await expect(rows(page).getByRole('link', { name: cases.atRisk.caseNo })).toBeVisibleSoon();
    await expect(rows(page).getByText(`临期 · 剩${sla.atRisk}个工作日`)).toBeVisibleSoon();

    await page.getByRole('button', { name: /^重\s*置$/ }).click();
    await choose(page, '案件状态', '办理中');
    await search(page);
    await expect(page.getByText('共 24 条 · 第 1 / 2 页')).toBeVisibleSoon();
    expect(new URL(page.url()).searchParams.get('status')).toBe('OPEN');
    expect(h.problems).toEqual([]);
  });

  it('finds a resident by identity number or name without putting either in a URL', async () => {
    const page = await h.newPage();
    await signInAs(page, 'clerk-370783104');
    await page.goto('/console/cases');
    const member = cases.supplement.idNumbers[2]; // a child of the household, not the applicant
    await page.getByLabel('身份证号').fill(member);
    await search(page);
    await expect(page.getByText('共 1 条 · 第 1 / 1 页')).toBeVisibleSoon();
    await expect(rows(page).getByRole('link', { name: cases.supplement.caseNo })).toBeVisibleSoon();

    await page.getByLabel('身份证号').fill('');
    await page.getByLabel('申请人姓名').fill('孙');
    await search(page);
    await expect(rows(page).getByText('孙丽')).toBeVisibleSoon();
    await expect(page.getByText('共 1 条 · 第 1 / 1 页')).toBeVisibleSoon();

    // A county-wide list cannot be searched by name: the form says so before asking the hub.
    await page.getByLabel('乡镇（街道）代码').fill('370783');
    await search(page);
    await expect(page.getByText('按姓名查找只能在一个乡镇（街道）内进行，请先填写9位乡镇（街道）代码')).toBeVisibleSoon();

    expect(h.requests.filter((url) => url.includes(member) || decodeURIComponent(url).includes('孙'))).toEqual([]);
    expect(page.url()).not.toContain(member);
    expect(h.problems).toEqual([]);
  });

  it('records the materials a department asked for; a material nobody asked for is refused on its field', async () => {
    const page = await h.newPage();
    await signInAs(page, 'clerk-370783104');
    await page.goto(`/console/cases?no=${cases.supplement.caseNo}`);
    await page.getByRole('link', { name: cases.supplement.caseNo }).click();
    await expect(page.getByRole('heading', { level: 1, name: `案件 ${cases.supplement.caseNo}` })).toBeVisibleSoon();
    await expect(page.getByRole('cell', { name: '收入证明、户口簿' })).toBeVisibleSoon();
    await expect(page.getByText('寿光市台头镇', { exact: true })).toBeVisibleSoon();

    await page.getByRole('button', { name: '登记补充材料' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('收入证明')).toBeVisibleSoon();
    await expectNoSeriousA11yViolations(page);
    await dialog.getByLabel('其他材料').fill('房产证');
    await dialog.getByRole('button', { name: /^登\s*记$/ }).click();
    await expect(dialog.getByText('“房产证”不是本案待补充的材料，请核对材料名称。')).toBeVisibleSoon();

    await dialog.getByLabel('其他材料').fill('');
    await setChecked(dialog.getByLabel('收入证明'));
    await setChecked(dialog.getByLabel('户口簿'));
    await dialog.getByRole('button', { name: /^登\s*记$/ }).click();
    await expect(page.getByText('已登记补充材料：收入证明、户口簿')).toBeVisibleSoon();
    // The page reads the case again: the referral is back in progress, its clock running.
    await expect(page.getByText('已补充：收入证明、户口簿；恢复计时')).toBeVisibleSoon();
    await expect(page.getByRole('cell', { name: '办理中', exact: true })).toBeVisibleSoon();
    const read = await h.env.gql(clerk, CASE, { id: cases.supplement.id });
    expect(read.data.case.referrals.find((r: any) => r.department === 'CIVIL_AFFAIRS')).toMatchObject({ status: 'IN_PROGRESS', outstandingMaterials: [] });
    await expectNoSeriousA11yViolations(page);
    expect(h.problems).toEqual([]);
  });

  it('withdraws a case with a reason, after asking once more', async () => {
    const page = await h.newPage();
    await signInAs(page, 'clerk-370783104');
    await page.goto(`/console/cases/${cases.withdraw.id}`);
    await page.getByRole('button', { name: '撤回申请' }).click();
    const dialog = page.getByRole('dialog', { name: `撤回申请 ${cases.withdraw.caseNo}` });
    await dialog.getByRole('button', { name: /^撤\s*回$/ }).click();
    await expect(dialog.getByText('请填写撤回原因')).toBeVisibleSoon();
    await dialog.getByLabel('撤回原因').fill('申请人已外出务工，主动撤回');
    await dialog.getByRole('button', { name: /^撤\s*回$/ }).click();
    const confirm = page.getByRole('dialog', { name: '确认撤回该申请？' });
    await expect(confirm.getByText('撤回后，各部门尚未办结的转办事项将一并撤销')).toBeVisibleSoon();
    await confirm.getByRole('button', { name: '确认撤回' }).click();
    await expect(page.getByText(`案件 ${cases.withdraw.caseNo} 已撤回`)).toBeVisibleSoon();
    await expect(page.getByText('撤回原因：申请人已外出务工，主动撤回')).toBeVisibleSoon();
    await expect(page.getByText('已撤回', { exact: true })).toBeVisibleSoon();
    expect(await page.getByRole('button', { name: '撤回申请' }).count()).toBe(0);
    const read = await h.env.gql(clerk, CASE, { id: cases.withdraw.id });
    expect(read.data.case.status).toBe('WITHDRAWN');

    await page.goto('/console/cases?status=WITHDRAWN');
    await expect(page.getByText('共 1 条 · 第 1 / 1 页')).toBeVisibleSoon();
    await expect(rows(page).getByRole('link', { name: cases.withdraw.caseNo })).toBeVisibleSoon();
    expect(h.problems).toEqual([]);
  });

  it('shows a supervisor masked identity numbers only, on the list and on the case page', async () => {
    const page = await h.newPage();
    await signInAs(page, 'supervisor-370783');
    await page.goto('/console/cases');
    await expect(page.getByText('共 24 条 · 第 1 / 2 页')).toBeVisibleSoon();
    expect(await page.getByLabel('乡镇（街道）代码').inputValue()).toBe('370783');
    expect(await wholeIdNumbersOnPage(page)).toEqual([]);
    expect((await page.locator('body').innerText()).match(/\d{6}\*+\d{3}[\dX]/g)?.length).toBe(20);

    // By department (none of these households needed housing assistance).
    await choose(page, '转办部门', '住建');
    await search(page);
    await expect(page.getByText('暂无符合条件的案件')).toBeVisibleSoon();

    await page.goto(`/console/cases/${cases.supplement.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `案件 ${cases.supplement.caseNo}` })).toBeVisibleSoon();
    await expect(page.getByText('孙丽').first()).toBeVisibleSoon();
    expect(await wholeIdNumbersOnPage(page)).toEqual([]);
    // The applicant and two household members, twice for the applicant (summary and household).
    expect((await page.locator('body').innerText()).match(/\d{6}\*+\d{3}[\dX]/g)?.length).toBe(4);
    expect(await page.getByRole('button', { name: '登记补充材料' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    expect(h.problems).toEqual([]);
  });
});
