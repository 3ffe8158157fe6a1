// 督办单 in a real browser: a 低保 referral civil affairs leaves unacknowledged past its 2 working days
// gets a county notice on the next SLA scan; the supervisor finds it on 督办单, the clerk who owns the
// case on 我负责的案件, civil affairs answers it from its workbench (each refusal on its field), and the
// supervisor then sees it answered, on time.
import type { Page } from 'playwright-core';
import { Role } from '../../src/access/roles';
import { TOWNSHIP } from '../support/environment';
import { application } from '../support/applications';
import { SUBMIT } from '../support/operations';
import { ConsoleHarness, describeInBrowser, expectNoSeriousA11yViolations, rowTexts, screenshot, signInAs, startConsoleHarness } from './support/console-browser';

const ME = 'clerk-370783104'; // a demo user of the sign-in page
const COLLEAGUE = 'clerk-370783104-02';
const SUPERVISOR = 'supervisor-370783';
const CIVIL_AFFAIRS = 'department-civil-affairs-370783';

describeInBrowser('督办单: a notice raised by the SLA scan, answered by the department', () => {
  let h: ConsoleHarness;
  /** The clerk's own 低保 case, and a colleague's, both left unacknowledged by civil affairs. */
  let mine: { id: string; caseNo: string };
  let colleagues: { id: string; caseNo: string };

  async function submit(owner: string) {
    const token = await h.env.token(Role.CLERK, TOWNSHIP, undefined, owner);
    const res = await h.env.gql(token, SUBMIT, { input: application({ categories: ['MINIMUM_LIVING'] }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    return { id: res.data.submitApplication.case.id as string, caseNo: res.data.submitApplication.case.caseNo as string };
  }

  beforeAll(async () => {
    // Accepted on Monday: civil affairs must acknowledge by Wednesday (2 working days).
    h = await startConsoleHarness({ now: '2026-03-02T09:30:00+08:00' });
    colleagues = await submit(COLLEAGUE);
    mine = await submit(ME);
    // Thursday: overdue; the scan raises a county notice on each, to be answered by 03-10.
    h.env.clock.set('2026-03-05T10:00:00+08:00');
    const scanned = await h.env.running.scanner.scan();
    expect(scanned.followUp.raised).toBe(2);
  });
  afterAll(async () => h?.close());

  const noticeRow = (page: Page, table: string, caseNo: string) =>
    page.locator(`[data-testid="${table}"] tbody tr.ant-table-row`).filter({ has: page.getByRole('link', { name: caseNo, exact: true }) });
  const count = (page: Page, title: string) => page.locator('[data-testid="notice-counts"] .ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value');
  const cellsOf = async (page: Page, caseNo: string) => (await rowTexts(page, 'notice-list')).find((cells) => cells.includes(caseNo));

  it('lists the notices for the supervisor, with counts by status and filters', async () => {
    const page = await h.newPage();
    await signInAs(page, SUPERVISOR);
    await page.getByRole('menuitem', { name: '督办单' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '督办单' })).toBeVisibleSoon();
    await expect(noticeRow(page, 'notice-list', mine.caseNo)).toBeVisibleSoon();
    await expect(count(page, '待反馈').getByText('2', { exact: true })).toBeVisibleSoon();
    expect(await count(page, '已反馈').innerText()).toBe('0');
    expect(await count(page, '已升级').innerText()).toBe('0');
    expect(await cellsOf(page, mine.caseNo)).toEqual(['县级督办', '受理超时时限 2026-03-04', '民政', mine.caseNo, ME, '2026-03-05', '2026-03-10', '待反馈', '—', '—']);
    expect(await cellsOf(page, colleagues.caseNo)).toEqual(expect.arrayContaining([COLLEAGUE, '待反馈']));
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'supervision');

    // Filtered by another department: nothing, and the counts follow.
    await page.getByRole('combobox', { name: '部门' }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: /^医保$/ }).click();
    await page.getByRole('button', { name: /^查\s*询$/ }).click();
    await page.waitForURL((url) => url.searchParams.get('department') === 'MEDICAL');
    await expect(page.getByText('暂无符合条件的督办单')).toBeVisibleSoon();
    await expect(count(page, '待反馈').getByText('0', { exact: true })).toBeVisibleSoon();
    // A bookmarked filter: the acknowledgement notices of civil affairs.
    await page.goto('/console/supervision?department=CIVIL_AFFAIRS&clock=ACKNOWLEDGEMENT&status=OPEN');
    await expect(noticeRow(page, 'notice-list', mine.caseNo)).toBeVisibleSoon();
    expect((await rowTexts(page, 'notice-list')).length).toBe(2);
    expect(h.problems).toEqual([]);
  });

  it('shows the clerk only the notices of her own cases on 我负责的案件', async () => {
    const page = await h.newPage();
    await signInAs(page, ME);
    await page.getByRole('menuitem', { name: '我负责的案件' }).click();
    await expect(noticeRow(page, 'mine-notices', mine.caseNo)).toBeVisibleSoon();
    const rows = await rowTexts(page, 'mine-notices');
    expect(rows.map((cells) => cells[3])).toEqual([mine.caseNo]);
    expect(rows[0]).toEqual(['县级督办', '受理超时时限 2026-03-04', '民政', mine.caseNo, '2026-03-05', '2026-03-10', '待反馈', '—']);
    await expectNoSeriousA11yViolations(page);
    expect(h.problems).toEqual([]);
  });

  it('civil affairs answers the notice from its workbench; the supervisor sees it answered on time', async () => {
    const page = await h.newPage();
    await signInAs(page, CIVIL_AFFAIRS);
    await expect(page.getByRole('heading', { level: 2, name: '督办单（待反馈 2 件）' })).toBeVisibleSoon();
    await expect(noticeRow(page, 'workbench-notices', mine.caseNo)).toBeVisibleSoon();
    await page.getByRole('button', { name: `反馈 ${mine.caseNo} 受理超时` }).click();
    const dialog = page.getByRole('dialog', { name: `反馈督办单 · ${mine.caseNo}` });
    await expect(dialog).toBeVisibleSoon();
    const send = dialog.getByRole('button', { name: /^反\s*馈$/ });

    // Nothing is sent without a reason and a date.
    await send.click();
    await expect(dialog.getByText('请填写逾期原因')).toBeVisibleSoon();
    await expect(dialog.getByText('请选择承诺办结日期')).toBeVisibleSoon();
    await expectNoSeriousA11yViolations(page);

    // The hub refuses a promise more than 60 days out, on its field. Enter in the date field (the
    // form's one text input) sends the form, as the button does.
    const date = dialog.getByLabel('承诺办结日期');
    const typeDateAndSend = async (day: string) => {
      await date.click();
      await date.fill(day);
      await date.press('Enter');
    };
    await dialog.getByLabel('逾期原因').fill('业务系统升级，未及时领取');
    await typeDateAndSend('2026-06-30');
    await expect(dialog.getByText('承诺办结日期应在今天到60天之内。')).toBeVisibleSoon();
    await expectNoSeriousA11yViolations(page);

    await typeDateAndSend('2026-03-09');
    await expect(page.getByText(`已反馈督办单 ${mine.caseNo}，承诺 2026-03-09 前办结`)).toBeVisibleSoon();
    await expect(page.getByRole('heading', { level: 2, name: '督办单（待反馈 1 件）' })).toBeVisibleSoon();
    expect(await noticeRow(page, 'workbench-notices', mine.caseNo).count()).toBe(0);

    const supervisor = await h.newPage();
    await signInAs(supervisor, SUPERVISOR);
    await supervisor.goto('/console/supervision');
    await expect(noticeRow(supervisor, 'notice-list', mine.caseNo).getByText('已反馈', { exact: true })).toBeVisibleSoon();
    expect(await cellsOf(supervisor, mine.caseNo)).toEqual([
      '县级督办',
      '受理超时时限 2026-03-04',
      '民政',
      mine.caseNo,
      ME,
      '2026-03-05',
      '2026-03-10',
      '已反馈',
      '业务系统升级，未及时领取承诺 2026-03-09 前办结（2026-03-05 反馈）',
      '按时',
    ]);
    await expect(count(supervisor, '已反馈').getByText('1', { exact: true })).toBeVisibleSoon();
    expect(await count(supervisor, '待反馈').innerText()).toBe('1');
    await expectNoSeriousA11yViolations(supervisor);
    expect(h.problems).toEqual([]);
  });
});
