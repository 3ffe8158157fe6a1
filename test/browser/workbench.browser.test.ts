// 部门工作台 in a real browser: departments without a system of their own take their referrals (a
// lease), acknowledge, ask for materials, pause the clock for a household visit (暂停计时) and decide,
// until the case closes; the case page then shows a closed case with its whole timeline, and a
// paused referral's pauses. Each test has its own case, seeded before any claim, so a
// failure in one screen is one failure.
import { NOTICE_OUTSIDE_HUB } from '../support/environment';
import type { Page } from 'playwright-core';
import { Department, Role } from '../../src/access/roles';
import { TOWNSHIP } from '../support/environment';
import { application } from '../support/applications';
import { ACK, CASE, CLAIM, PROVIDE_SUPPLEMENT, REQUEST_SUPPLEMENT, RESOLVE, SUBMIT } from '../support/operations';
import { ConsoleHarness, describeInBrowser, expectNoSeriousA11yViolations, screenshot, setChecked, signInAs, startConsoleHarness } from './support/console-browser';

interface Seeded {
  id: string;
  caseNo: string;
  referrals: Array<{ id: string; department: string }>;
}

describeInBrowser('部门工作台: a case decided by every department', () => {
  let h: ConsoleHarness;
  let clerk: string;
  /** 低保 only: civil affairs works it on the workbench. */
  let civilCase: Seeded;
  /** Medical and education assistance: both decide it on the workbench, the last closes it. */
  let twoDepartmentCase: Seeded;
  /** 低保 and medical assistance, decided through the API before any screen opens: the closed case page. */
  let closedCase: Seeded;
  /** 低保, acknowledged through the API before any screen opens: civil affairs pauses it for a household visit. */
  let pausedCase: Seeded;

  async function submit(categories: string[]): Promise<Seeded> {
    const res = await h.env.gql(clerk, SUBMIT, { input: application({ categories }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    return res.data.submitApplication.case;
  }

  /** Decides a referral as the department's own system would: claim, acknowledge, (materials,) resolve. */
  async function decideThroughApi(c: Seeded, department: Department, steps: { externalRef?: string; materials?: string[]; amountFen: number; note: string }) {
    const token = await h.env.token(Role.DEPARTMENT, '370783', department);
    const id = c.referrals.find((r) => r.department === department)!.id;
    await h.env.gql(token, CLAIM, { department, limit: 100 });
    expect((await h.env.gql(token, ACK, { id, externalRef: steps.externalRef })).data.acknowledgeReferral.userErrors).toEqual([]);
    if (steps.materials) {
      expect((await h.env.gql(token, REQUEST_SUPPLEMENT, { id, materials: steps.materials, note: '请补充近三个月收入证明' })).data.requestSupplement.userErrors).toEqual([]);
      expect((await h.env.gql(clerk, PROVIDE_SUPPLEMENT, { caseId: c.id, materials: steps.materials })).data.provideSupplement.userErrors).toEqual([]);
    }
    const resolved = await h.env.gql(token, RESOLVE, { id, decision: 'APPROVED', amountFen: steps.amountFen, note: steps.note });
    expect(resolved.data.resolveReferral.userErrors).toEqual([]);
  }

  beforeAll(async () => {
    h = await startConsoleHarness({ now: '2026-03-02T09:30:00+08:00', env: NOTICE_OUTSIDE_HUB });
    clerk = await h.env.token(Role.CLERK, TOWNSHIP, undefined, 'clerk-370783104');
    // The closed case first, decided before the others exist, so that no screen's claim takes its referrals.
    closedCase = await submit(['MINIMUM_LIVING', 'MEDICAL']);
    await decideThroughApi(closedCase, Department.CIVIL_AFFAIRS, { externalRef: 'MZ-2026-0007', materials: ['收入证明'], amountFen: 83_800, note: '纳入低保' });
    await decideThroughApi(closedCase, Department.MEDICAL, { amountFen: 120_000, note: '医疗救助' });
    expect((await h.env.gql(clerk, CASE, { id: closedCase.id })).data.case.status).toBe('CLOSED');
    // In progress before the screens' claims, so that no screen takes it.
    pausedCase = await submit(['MINIMUM_LIVING']);
    const civil = await h.env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
    await h.env.gql(civil, CLAIM, { department: Department.CIVIL_AFFAIRS, limit: 100 });
    const acknowledged = await h.env.gql(civil, ACK, { id: pausedCase.referrals[0].id, externalRef: 'MZ-2026-0009' });
    expect(acknowledged.data.acknowledgeReferral.userErrors).toEqual([]);
    civilCase = await submit(['MINIMUM_LIVING']);
    twoDepartmentCase = await submit(['MEDICAL', 'EDUCATION']);
  });
  afterAll(async () => h?.close());

  const rows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');
  const tab = (page: Page, title: string) => page.getByRole('tab', { name: new RegExp(`^${title}\\s*\\d+$`) });
  const dialog = (page: Page) => page.getByRole('dialog');
  /** The 受理时限 cell of a case's row: the acknowledgement clock's tag over its day. */
  const acknowledgementCell = (page: Page, theCase: Seeded) =>
    rows(page).filter({ has: page.getByRole('link', { name: theCase.caseNo }) }).locator('td').filter({ hasText: /(受理时限|已受理) \d{4}-\d{2}-\d{2}/ });

  async function claim(page: Page) {
    await page.getByRole('button', { name: /^领\s*取$/ }).click();
    await expect(page.getByText(/已领取 1 件，请在领取期限（5分钟）内受理/)).toBeVisibleSoon();
    await expect(page.locator('[role="tab"][aria-selected="true"]', { hasText: '已领取待受理' })).toBeVisibleSoon();
  }

  async function act(page: Page, theCase: Seeded, action: string, fill?: () => Promise<void>) {
    await rows(page).getByRole('button', { name: new RegExp(`^${action} ${theCase.caseNo}`) }).click();
    await expect(dialog(page)).toBeVisibleSoon();
    if (fill) await fill();
    await dialog(page).getByRole('button', { name: new RegExp(`^${action.split('').join('\\s*')}$`) }).click();
  }

  it('civil affairs takes the referral on a lease, acknowledges it, asks for materials and approves an amount, closing a 低保-only case', async () => {
    const page = await h.newPage();
    await signInAs(page, 'department-civil-affairs-370783');
    expect(new URL(page.url()).pathname).toBe('/console/workbench');
    await expect(rows(page).getByRole('link', { name: civilCase.caseNo })).toBeVisibleSoon();
    await expect(tab(page, '待领取')).toBeVisibleSoon();
    // Before its department from acceptance (Monday): 2 working days to acknowledge it, by Wednesday.
    await expect(acknowledgementCell(page, civilCase).getByText('受理时限 2026-03-04', { exact: true })).toBeVisibleSoon();
    expect(await acknowledgementCell(page, civilCase).locator('.ant-tag').innerText()).toBe('正常 · 剩2个工作日');
    // Nothing to do on a pending referral but take it.
    expect(await rows(page).getByRole('button').count()).toBe(0);
    await expectNoSeriousA11yViolations(page);

    await claim(page);
    await expect(rows(page).getByText('部门系统已领取，须在2026-03-02 09:35前受理')).toBeVisibleSoon();
    // The mouse still rests on 领取: the primary button's hover shade must read as well as its own.
    await page.getByRole('button', { name: /^领\s*取$/ }).hover();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'workbench');
    // Only acknowledging is legal from DELIVERED.
    expect(await rows(page).getByRole('button').allInnerTexts()).toEqual([expect.stringMatching(/^受\s*理$/)]);

    // The lease runs out before the acknowledgement: the hub refuses it and says what to do.
    h.env.clock.set('2026-03-02T09:50:00+08:00');
    await act(page, civilCase, '受理');
    await expect(dialog(page).getByText('受理前领取期限已过，请重新领取该转办事项。')).toBeVisibleSoon();
    await dialog(page).getByRole('button', { name: /^取\s*消$/ }).click();
    await claim(page);
    await expect(rows(page).getByText('部门系统已领取，须在2026-03-02 09:55前受理')).toBeVisibleSoon();

    await act(page, civilCase, '受理', () => dialog(page).getByLabel('本部门业务编号').fill('MZ-2026-0001'));
    await expect(page.getByText(`已受理 ${civilCase.caseNo}`)).toBeVisibleSoon();
    await tab(page, '办理中').click();
    await expect(rows(page).getByText('MZ-2026-0001')).toBeVisibleSoon();
    // Acknowledged the day it was accepted: the clock stops, on time.
    await expect(acknowledgementCell(page, civilCase).getByText('已受理 2026-03-02', { exact: true })).toBeVisibleSoon();
    expect(await acknowledgementCell(page, civilCase).locator('.ant-tag').innerText()).toBe('按期受理');

    await act(page, civilCase, '要求补充材料', async () => {
      await dialog(page).getByLabel('需补充的材料').fill('收入证明');
      await page.keyboard.press('Enter');
      await dialog(page).getByLabel('说明').fill('请补充近三个月收入证明');
    });
    await expect(page.getByText('已通知窗口补充材料：收入证明（办理时限暂停计算）')).toBeVisibleSoon();
    await tab(page, '待补充材料').click();
    await expect(rows(page).getByText(/（暂停计时）/)).toBeVisibleSoon();
    await expect(rows(page).getByRole('cell', { name: '收入证明', exact: true })).toBeVisibleSoon();

    // The window records the material; the referral is back in progress.
    const provided = await h.env.gql(clerk, PROVIDE_SUPPLEMENT, { caseId: civilCase.id, materials: ['收入证明'] });
    expect(provided.data.provideSupplement.userErrors).toEqual([]);
    await page.reload();
    await tab(page, '办理中').click();
    await act(page, civilCase, '办结', async () => {
      await dialog(page).getByLabel('救助金额（元）').fill('838');
      await dialog(page).getByLabel('说明').fill('纳入低保');
    });
    // 低保 was all this household asked for: the decision closes the case.
    await expect(page.getByText(`已办结 ${civilCase.caseNo}；各部门均已办结，案件已办结`, { exact: true })).toBeVisibleSoon();
    await tab(page, '已办结').click();
    await expect(rows(page).getByText('批准，838.00 元（2026-03-02 09:50）')).toBeVisibleSoon();
    expect(h.problems).toEqual([]);
  });

  it('medical insurance approves and education rejects; the last decision closes the case', async () => {
    for (const [user, decision] of [
      ['department-medical-370783', '批准'],
      ['department-education-370783', '不予批准'],
    ] as const) {
      const page = await h.newPage();
      await signInAs(page, user);
      await claim(page);
      await act(page, twoDepartmentCase, '受理');
      await expect(page.getByText(`已受理 ${twoDepartmentCase.caseNo}`)).toBeVisibleSoon();
      await tab(page, '办理中').click();
      await act(page, twoDepartmentCase, '办结', async () => {
        await setChecked(dialog(page).getByRole('radio', { name: decision, exact: true }));
        if (decision === '不予批准') {
          // No amount for a refusal: the field goes away.
          expect(await dialog(page).getByLabel('救助金额（元）').count()).toBe(0);
          await dialog(page).getByLabel('说明').fill('不符合教育救助条件');
        } else {
          await dialog(page).getByLabel('救助金额（元）').fill('1200');
        }
      });
      const closing = user === 'department-education-370783' ? '；各部门均已办结，案件已办结' : '';
      await expect(page.getByText(`已办结 ${twoDepartmentCase.caseNo}${closing}`, { exact: true })).toBeVisibleSoon();
    }
    const read = await h.env.gql(clerk, CASE, { id: twoDepartmentCase.id });
    expect(read.data.case.status).toBe('CLOSED');
    expect(h.problems).toEqual([]);
  });

  it('shows a closed case with every department’s outcome and the whole timeline', async () => {
    const read = await h.env.gql(clerk, CASE, { id: closedCase.id });
    const page = await h.newPage();
    await signInAs(page, 'clerk-370783104');
    await page.goto(`/console/cases/${closedCase.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `案件 ${closedCase.caseNo}` })).toBeVisibleSoon();
    await expect(page.getByText('已办结', { exact: true }).first()).toBeVisibleSoon();
    await expect(page.getByText('按期办结').first()).toBeVisibleSoon();
    await expect(page.getByText('批准，838.00 元')).toBeVisibleSoon();
    await expect(page.getByText('批准，1,200.00 元')).toBeVisibleSoon();
    await expect(page.getByText('MZ-2026-0007', { exact: true })).toBeVisibleSoon();

    const items = page.locator('.ant-timeline-item');
    expect(await items.count()).toBe(read.data.case.timeline.length);
    expect(await items.first().innerText()).toContain('受理');
    expect(await items.last().innerText()).toContain('各转办事项均已办结或撤销，案件办结');
    await expect(items.filter({ hasText: '部门已受理，部门业务编号 MZ-2026-0007' })).toBeVisibleSoon();
    await expect(items.filter({ hasText: '需补充材料：收入证明（请补充近三个月收入证明）' })).toBeVisibleSoon();
    // A closed case offers the window nothing to do.
    expect(await page.getByRole('button', { name: '登记补充材料' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '撤回申请' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'case');
    expect(h.problems).toEqual([]);
  });

  it('lists for a department only the cases referred to it, and only its own referral on the case page', async () => {
    const page = await h.newPage();
    await signInAs(page, 'department-civil-affairs-370783');
    await page.goto('/console/cases');
    await expect(rows(page).getByRole('link', { name: closedCase.caseNo })).toBeVisibleSoon();
    await expect(rows(page).getByRole('link', { name: civilCase.caseNo })).toBeVisibleSoon();
    // Nothing of the medical and education case reaches civil affairs.
    expect(await rows(page).getByRole('link', { name: twoDepartmentCase.caseNo }).count()).toBe(0);
    await expect(rows(page).getByText('最低生活保障（低保）').first()).toBeVisibleSoon();
    expect(await page.getByLabel('转办部门').count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    // Civil affairs and medical insurance acted on this case; civil affairs sees its own referral only.
    await rows(page).getByRole('link', { name: closedCase.caseNo }).click();
    await expect(page.getByText('转办部门（1项）')).toBeVisibleSoon();
    expect(h.problems).toEqual([]);
  });

  it('civil affairs pauses the clock for a household visit, finds it under 暂停计时 and resumes it; the case page lists the pause', async () => {
    const civil = await h.env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
    const readPauses = async () =>
      (await h.env.gql(civil, `query ($id: ID!) { referral(id: $id) { status pauseType pauses { type deadline state endedOn endEvidenceRef } } }`, { id: pausedCase.referrals[0].id })).data
        .referral;
    const page = await h.newPage();
    await signInAs(page, 'department-civil-affairs-370783');
    await tab(page, '办理中').click();
    await expect(rows(page).getByRole('link', { name: pausedCase.caseNo })).toBeVisibleSoon();

    // All three fields are required: nothing is sent without them.
    await act(page, pausedCase, '暂停计时');
    await expect(dialog(page).getByText('请选择暂停类型')).toBeVisibleSoon();
    await expect(dialog(page).getByText('请填写依据文书编号')).toBeVisibleSoon();
    expect((await readPauses()).status).toBe('IN_PROGRESS');
    // Only the steps a department starts itself are offered (补正 has its own action; 公示 follows an approval).
    await dialog(page).getByRole('combobox', { name: '暂停类型' }).click();
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await expect(options.filter({ hasText: /^入户调查$/ })).toBeVisibleSoon();
    expect(await options.allInnerTexts()).toEqual(['入户调查', '经济状况核对', '评估']);
    await options.filter({ hasText: /^入户调查$/ }).click();
    await dialog(page).getByLabel('暂停原因').fill('核实家庭实际居住情况');
    await dialog(page).getByLabel('依据文书编号').fill('台头镇入户调查通知〔2026〕17号');
    await dialog(page).getByRole('button', { name: /^暂\s*停\s*计\s*时$/ }).click();
    await expect(page.getByText(`已暂停计时 ${pausedCase.caseNo}：入户调查`)).toBeVisibleSoon();

    const paused = await readPauses();
    expect(paused).toMatchObject({ status: 'PAUSED', pauseType: 'HOUSEHOLD_VISIT', pauses: [{ type: 'HOUSEHOLD_VISIT', state: 'ON_TRACK', endedOn: null }] });
    await tab(page, '暂停计时').click();
    const row = rows(page).filter({ has: page.getByRole('link', { name: pausedCase.caseNo }) });
    await expect(row.getByText('入户调查：核实家庭实际居住情况')).toBeVisibleSoon();
    await expect(row.getByText('依据 台头镇入户调查通知〔2026〕17号')).toBeVisibleSoon();
    await expect(row.getByText(`2026-03-02 起，须于 ${paused.pauses[0].deadline} 前结束`)).toBeVisibleSoon();
    // The resolution clock stands still, as while materials are outstanding.
    await expect(row.getByText(/（暂停计时）/)).toBeVisibleSoon();
    // From PAUSED: resume, or decide.
    expect(await row.getByRole('button').allInnerTexts()).toEqual([expect.stringMatching(/^恢复计时$/), expect.stringMatching(/^办\s*结$/)]);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'workbench-paused');

    await act(page, pausedCase, '恢复计时', async () => {
      await dialog(page).getByLabel('结果文书编号').fill('入户调查报告 RH-0317');
      await dialog(page).getByLabel('备注').fill('与申报一致');
    });
    await expect(page.getByText(`已恢复计时 ${pausedCase.caseNo}`)).toBeVisibleSoon();
    expect(await readPauses()).toMatchObject({ status: 'IN_PROGRESS', pauseType: null, pauses: [{ endedOn: '2026-03-02', endEvidenceRef: '入户调查报告 RH-0317', state: 'MET' }] });
    await expect(page.getByRole('tab', { name: /^暂停计时\s*0$/ })).toBeVisibleSoon();
    await tab(page, '办理中').click();
    await expect(rows(page).getByRole('link', { name: pausedCase.caseNo })).toBeVisibleSoon();

    // The case page: the referral's pause, one row.
    await page.goto(`/console/cases/${pausedCase.id}`);
    const pauses = page.getByRole('region', { name: '民政 · 最低生活保障（低保） 暂停计时' });
    await expect(pauses.getByText('暂停计时（1次）')).toBeVisibleSoon();
    const pauseRow = pauses.locator('.ant-table-tbody tr.ant-table-row');
    expect(await pauseRow.count()).toBe(1);
    const cells = await pauseRow.locator('td').allInnerTexts();
    expect(cells.map((c) => c.replace(/\s+/g, ' ').trim())).toEqual([
      '入户调查',
      '2026-03-02',
      '核实家庭实际居住情况',
      '台头镇入户调查通知〔2026〕17号',
      `${paused.pauses[0].deadline} 最长10个工作日`,
      expect.stringMatching(/^按时结束 已用\d+个工作日$/),
      '2026-03-02',
      '入户调查报告 RH-0317 与申报一致',
    ]);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'case-pauses');
    expect(h.problems).toEqual([]);
  });
});
