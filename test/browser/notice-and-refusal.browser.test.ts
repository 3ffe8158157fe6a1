// The township's side of 公示 and of a refusal, in the console: the clerk prints the public notice of a
// 低保 approval for the village board and records an objection, civil affairs decides it from the case
// page, and the clerk finds a refusal still to be told among her cases and records that the applicant
// was told in writing.
import type { Page } from 'playwright-core';
import { Department, Role } from '../../src/access/roles';
import { TOWNSHIP } from '../support/environment';
import { application } from '../support/applications';
import { ACK, CLAIM, RESOLVE, SUBMIT } from '../support/operations';
import { ConsoleHarness, describeInBrowser, expectNoSeriousA11yViolations, signInAs, startConsoleHarness } from './support/console-browser';

const CLERK = 'clerk-370783104';
const NOTICE = `query ($id: ID!) { referral(id: $id) { status publicNotice { objections { status decisionNote } } refusalNotice { toldOn toldMeans evidenceRef } } }`;

describeInBrowser('公示 and telling a refusal, from the case page', () => {
  let h: ConsoleHarness;
  let clerk: string;
  let civil: string;
  const approved = { caseId: '', caseNo: '', referralId: '' };
  const refused = { caseId: '', caseNo: '', referralId: '' };

  async function decided(into: typeof approved, category: string, decision: 'APPROVED' | 'REJECTED') {
    const res = await h.env.gql(clerk, SUBMIT, { input: application({ categories: [category], ...(category === 'TEMPORARY' ? { hardship: { emergency: true } } : {}) }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    ({ id: into.caseId, caseNo: into.caseNo } = res.data.submitApplication.case);
    into.referralId = res.data.submitApplication.case.referrals[0].id;
    await h.env.gql(civil, CLAIM, { department: Department.CIVIL_AFFAIRS, limit: 100 });
    expect((await h.env.gql(civil, ACK, { id: into.referralId })).data.acknowledgeReferral.userErrors).toEqual([]);
    const r = await h.env.gql(civil, RESOLVE, { id: into.referralId, decision, ...(decision === 'APPROVED' ? { amountFen: 63800 } : { note: '家庭人均收入高于低保标准' }) });
    expect(r.data.resolveReferral.userErrors).toEqual([]);
  }

  beforeAll(async () => {
    h = await startConsoleHarness({ now: '2026-03-02T09:30:00+08:00' });
    clerk = await h.env.token(Role.CLERK, TOWNSHIP, undefined, CLERK);
    civil = await h.env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
    await decided(approved, 'MINIMUM_LIVING', 'APPROVED');
    await decided(refused, 'TEMPORARY', 'REJECTED');
  });
  afterAll(async () => h?.close());

  const dialog = (page: Page) => page.getByRole('dialog');
  const read = async (id: string) => (await h.env.gql(clerk, NOTICE, { id })).data.referral;

  it('prints the notice with the given name masked, records an objection, and civil affairs dismisses it', async () => {
    const page = await h.newPage();
    await signInAs(page, CLERK);
    await page.goto(`/console/cases/${approved.caseId}`);
    const section = page.getByRole('region', { name: '民政 · 最低生活保障（低保） 公示' });
    await expect(section.getByText('公示中')).toBeVisibleSoon();
    await section.getByRole('link', { name: '打印公示' }).click();
    const notice = page.getByTestId('public-notice');
    await expect(notice.getByRole('heading', { name: '最低生活保障审批公示' })).toBeVisibleSoon();
    expect(await notice.textContent()).toContain('公示期：2026-03-03至2026-03-09');
    expect(await notice.textContent()).not.toContain('王秀英');
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name: '返回案件' }).click();

    await section.getByRole('button', { name: '登记异议' }).click();
    await dialog(page).getByRole('button', { name: /登\s*记/ }).click();
    await expect(dialog(page).getByText('请填写异议内容')).toBeVisibleSoon();
    await dialog(page).getByLabel('异议内容').fill('村民反映其子女在外地有稳定收入');
    await dialog(page).getByRole('button', { name: /登\s*记/ }).click();
    await expect(section.getByRole('cell', { name: '村民反映其子女在外地有稳定收入' })).toBeVisibleSoon();
    expect((await read(approved.referralId)).publicNotice.objections).toEqual([{ status: 'RECEIVED', decisionNote: null }]);

    const department = await h.newPage();
    await signInAs(department, 'department-civil-affairs-370783');
    await department.goto(`/console/cases/${approved.caseId}`);
    await department.getByRole('button', { name: '核实异议：村民反映其子女在外地有稳定收入' }).click();
    await dialog(department).getByLabel('核实意见').fill('经核查子女已另立户');
    await dialog(department).getByRole('button', { name: '提交核实结果' }).click();
    await expect(department.getByRole('cell', { name: '异议不成立' })).toBeVisibleSoon();
    expect(await read(approved.referralId)).toMatchObject({ status: 'PAUSED', publicNotice: { objections: [{ status: 'DISMISSED', decisionNote: '经核查子女已另立户' }] } });
  });

  it('lists the untold refusal under 我负责的案件 and records that the applicant was told in writing', async () => {
    h.env.clock.set('2026-03-05T09:00:00+08:00'); // tell by 5 March: the last day
    const page = await h.newPage();
    await signInAs(page, CLERK);
    await page.goto('/console/mine');
    const refusals = page.getByTestId('mine-refusals');
    await expect(refusals.getByRole('link', { name: refused.caseNo })).toBeVisibleSoon();
    await expect(refusals.getByText('临期')).toBeVisibleSoon();
    await refusals.getByRole('link', { name: refused.caseNo }).click();

    const section = page.getByRole('region', { name: '民政 · 临时救助 不予批准告知' });
    await expect(section.getByText('尚未告知申请人')).toBeVisibleSoon();
    await section.getByRole('button', { name: '登记已告知' }).click();
    await dialog(page).getByRole('button', { name: /登\s*记/ }).click();
    await expect(dialog(page).getByText('书面告知请填写告知书编号。')).toBeVisibleSoon(); // the hub's error, on its field
    await dialog(page).getByLabel('告知书编号').fill('告字〔2026〕7号');
    await dialog(page).getByRole('button', { name: /登\s*记/ }).click();
    await expect(section.getByText('2026-03-05 书面告知（告字〔2026〕7号）')).toBeVisibleSoon();
    await expectNoSeriousA11yViolations(page);
    expect((await read(refused.referralId)).refusalNotice).toEqual({ toldOn: '2026-03-05', toldMeans: 'IN_WRITING', evidenceRef: '告字〔2026〕7号' });
  });
});
