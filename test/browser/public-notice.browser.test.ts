// 公示 from the workbench: civil affairs approves a 低保 referral, the workbench says it is on public
// notice until its last day rather than done, the referral waits under 暂停计时, and once the notice is
// over the hub's scan lets the approval take effect and the case closes.
import type { Page } from 'playwright-core';
import { Department, Role } from '../../src/access/roles';
import { TOWNSHIP } from '../support/environment';
import { application } from '../support/applications';
import { ACK, CASE, CLAIM, SUBMIT } from '../support/operations';
import { ConsoleHarness, describeInBrowser, expectNoSeriousA11yViolations, signInAs, startConsoleHarness } from './support/console-browser';

describeInBrowser('公示 of a 低保 approval, from the workbench', () => {
  let h: ConsoleHarness;
  let clerk: string;
  let caseId: string;
  let caseNo: string;
  let referralId: string;

  beforeAll(async () => {
    h = await startConsoleHarness({ now: '2026-03-02T09:30:00+08:00' });
    clerk = await h.env.token(Role.CLERK, TOWNSHIP, undefined, 'clerk-370783104');
    const res = await h.env.gql(clerk, SUBMIT, { input: application({ categories: ['MINIMUM_LIVING'] }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    ({ id: caseId, caseNo } = res.data.submitApplication.case);
    referralId = res.data.submitApplication.case.referrals[0].id;
    const civil = await h.env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
    await h.env.gql(civil, CLAIM, { department: Department.CIVIL_AFFAIRS, limit: 100 });
    expect((await h.env.gql(civil, ACK, { id: referralId })).data.acknowledgeReferral.userErrors).toEqual([]);
  });
  afterAll(async () => h?.close());

  const rows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');
  const tab = (page: Page, title: string) => page.getByRole('tab', { name: new RegExp(`^${title}\\s*\\d+$`) });
  const dialog = (page: Page) => page.getByRole('dialog');

  it('puts the approval on notice, and the case closes once the notice is over', async () => {
    const page = await h.newPage();
    await signInAs(page, 'department-civil-affairs-370783');
    await tab(page, '办理中').click();
    await rows(page).getByRole('button', { name: new RegExp(`^办结 ${caseNo}`) }).click();
    await dialog(page).getByLabel('救助金额（元）').fill('638');
    await dialog(page).getByLabel('说明').fill('纳入低保');
    await dialog(page).getByRole('button', { name: /^办\s*结$/ }).click();
    await expect(page.getByText(`已批准 ${caseNo}，公示至2026-03-09；公示期满无异议后生效`, { exact: true })).toBeVisibleSoon();
    await expectNoSeriousA11yViolations(page);
    await tab(page, '暂停计时').click();
    await expect(rows(page).getByRole('link', { name: caseNo })).toBeVisibleSoon();

    const status = async () => (await h.env.gql(clerk, CASE, { id: caseId })).data.case.status;
    expect(await status()).toBe('OPEN');
    h.env.clock.set('2026-03-10T09:00:00+08:00');
    expect((await h.env.running.scanner.scan()).followUp.noticesEnded).toBe(1);
    expect(await status()).toBe('CLOSED');
  });
});
