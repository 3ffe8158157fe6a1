// 首问负责 in a real browser: the clerk's own screen (我负责的案件) with the overdue and at-risk cases
// first, the owner named on the case page, and a transfer (转交) with its reason — each refusal on
// its field, and the case gone from the screen of the clerk who handed it on.
import type { Page } from 'playwright-core';
import { Role } from '../../src/access/roles';
import { TOWNSHIP } from '../support/environment';
import { application } from '../support/applications';
import { freshIdNumber } from '../support/people';
import { CASE, SUBMIT } from '../support/operations';
import { ConsoleHarness, describeInBrowser, expectNoSeriousA11yViolations, rowTexts, screenshot, signInAs, startConsoleHarness } from './support/console-browser';

const ME = 'clerk-370783104'; // a demo user of the sign-in page
const COLLEAGUE = 'clerk-370783104-02';

describeInBrowser('首问负责: my cases, the owner on the case page, and a transfer', () => {
  let h: ConsoleHarness;
  let clerk: string;
  const cases: Record<'overdue' | 'atRisk' | 'first' | 'second' | 'colleagues', { id: string; caseNo: string }> = {} as never;
  const left: Record<'overdue' | 'atRisk', number> = {} as never;

  async function submit(token: string, name: string) {
    const input = application({ applicant: { name, idNumber: freshIdNumber('19700101'), phone: '13800138000' } });
    const res = await h.env.gql(token, SUBMIT, { input });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    return { id: res.data.submitApplication.case.id as string, caseNo: res.data.submitApplication.case.caseNo as string };
  }

  beforeAll(async () => {
    // As in cases.browser.test.ts: January's case is overdue by late February, early February's at risk.
    h = await startConsoleHarness({ now: '2026-01-05T09:00:00+08:00' });
    clerk = await h.env.token(Role.CLERK, TOWNSHIP, undefined, ME);
    const colleague = await h.env.token(Role.CLERK, TOWNSHIP, undefined, COLLEAGUE);
    cases.overdue = await submit(clerk, '赵建华');
    h.env.clock.set('2026-02-02T09:00:00+08:00');
    cases.atRisk = await submit(clerk, '钱桂芳');
    h.env.clock.set('2026-02-26T09:30:00+08:00');
    cases.first = await submit(clerk, '孙丽');
    cases.colleagues = await submit(colleague, '周明');
    cases.second = await submit(clerk, '吴秀兰');
    for (const key of ['overdue', 'atRisk'] as const) {
      const read = await h.env.gql(clerk, CASE, { id: cases[key].id });
      expect(read.data.case.sla.state).toBe(key === 'overdue' ? 'OVERDUE' : 'AT_RISK');
      left[key] = read.data.case.sla.workingDaysLeft;
    }
  });
  afterAll(async () => h?.close());

  const caseNos = async (page: Page, table: string) => (await rowTexts(page, table)).map((cells) => cells[0]);

  it('lists the clerk’s own open cases, overdue and at-risk ones first with their clocks', async () => {
    const page = await h.newPage();
    await signInAs(page, ME);
    await page.getByRole('menuitem', { name: '我负责的案件' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '我负责的案件' })).toBeVisibleSoon();
    await expect(page.locator('[data-testid="mine-sla"]').getByRole('link', { name: cases.atRisk.caseNo })).toBeVisibleSoon();
    const urgent = await rowTexts(page, 'mine-sla');
    expect(urgent.map((cells) => cells[0])).toEqual([cases.overdue.caseNo, cases.atRisk.caseNo]);
    expect(urgent.map((cells) => cells.at(-1))).toEqual([`超期 ${-left.overdue}个工作日`, `临期 · 剩${left.atRisk}个工作日`]);
    expect(urgent.map((cells) => cells[5])).toEqual([ME, ME]);
    await expect(page.locator('[data-testid="mine-on-track"]').getByRole('link', { name: cases.second.caseNo })).toBeVisibleSoon();
    // Newest first; the colleague's case of the same township is not on this screen.
    expect(await caseNos(page, 'mine-on-track')).toEqual([cases.second.caseNo, cases.first.caseNo]);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'my-cases');
    expect(h.problems).toEqual([]);
  });

  it('names the owner on the case page and transfers the case with a reason', async () => {
    const page = await h.newPage();
    await signInAs(page, ME);
    await page.goto(`/console/cases/${cases.first.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `案件 ${cases.first.caseNo}` })).toBeVisibleSoon();
    await expect(page.getByText(`${ME}（本人）`)).toBeVisibleSoon();

    await page.getByRole('button', { name: /^转\s*交$/ }).click();
    const dialog = page.getByRole('dialog', { name: `转交案件 ${cases.first.caseNo}` });
    await dialog.getByRole('button', { name: /^转\s*交$/ }).click();
    await expect(dialog.getByText('请填写接手人账号')).toBeVisibleSoon();
    await expect(dialog.getByText('请填写转交原因')).toBeVisibleSoon();
    await expectNoSeriousA11yViolations(page);

    // The hub's refusal lands on its field: the case is already the clerk's own.
    await dialog.getByLabel('接手人账号').fill(ME);
    await dialog.getByLabel('转交原因').fill('本人调岗，由同事接手办理');
    await dialog.getByRole('button', { name: /^转\s*交$/ }).click();
    await expect(dialog.getByText(`该案件的负责人已是 ${ME}，请填写接手的其他工作人员。`)).toBeVisibleSoon();

    await dialog.getByLabel('接手人账号').fill(COLLEAGUE);
    await dialog.getByRole('button', { name: /^转\s*交$/ }).click();
    await expect(page.getByText(`案件 ${cases.first.caseNo} 已转交给 ${COLLEAGUE}`)).toBeVisibleSoon();
    await expect(page.getByText(`负责人由 ${ME} 转交给 ${COLLEAGUE}；转交原因：本人调岗，由同事接手办理`)).toBeVisibleSoon();
    await expect(page.locator('.ant-descriptions-item-content').getByText(COLLEAGUE, { exact: true })).toBeVisibleSoon();
    expect(await page.getByText(`${ME}（本人）`).count()).toBe(0);
    const read = await h.env.gql(clerk, `query($id: ID!) { case(id: $id) { owner } }`, { id: cases.first.id });
    expect(read.data.case.owner).toBe(COLLEAGUE);
    await expectNoSeriousA11yViolations(page);

    // Off the clerk's own screen: only the case she still owns is left among those on track.
    await page.getByRole('menuitem', { name: '我负责的案件' }).click();
    await expect(page.locator('[data-testid="mine-on-track"]').getByRole('link', { name: cases.second.caseNo })).toBeVisibleSoon();
    expect(await caseNos(page, 'mine-on-track')).toEqual([cases.second.caseNo]);
    expect(h.problems).toEqual([]);
  });
});
