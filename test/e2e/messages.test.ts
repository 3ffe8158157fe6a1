import { Role, Department } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, NOTICE_OUTSIDE_HUB } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { freshIdNumber } from '../support/people';
import { ACK, CASE, CLAIM, REQUEST_SUPPLEMENT, RESOLVE, SUBMIT, WITHDRAW } from '../support/operations';

// People read Chinese first: every userError, GraphQL error and timeline note is zh-CN unless the
// request's Accept-Language prefers English. Codes and field paths never change with the language.

const EN = 'en-GB,en;q=0.9,zh;q=0.5';

describeDb('messages in the reader’s language', () => {
  let env: TestEnvironment;
  let clerk: string;
  let civil: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:00:00+08:00', env: NOTICE_OUTSIDE_HUB });
    clerk = await env.token(Role.CLERK, '370783');
    civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
  });
  afterAll(() => env.close());

  it('answers userErrors in Chinese by default and in English on request, same codes and fields', async () => {
    const good = freshIdNumber('19800101');
    const wrongCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const input = application({ applicant: { name: '王秀英', idNumber: wrongCheck, phone: '12345' } });
    const zh = (await env.gql(clerk, SUBMIT, { input })).data.submitApplication.userErrors;
    const en = (await env.gql(clerk, SUBMIT, { input }, { lang: EN })).data.submitApplication.userErrors;
    expect(zh.map((e: any) => [e.code, e.field.join('.')])).toEqual(en.map((e: any) => [e.code, e.field.join('.')]));
    expect(zh).toEqual(
      expect.arrayContaining([
        { code: 'INVALID_ID_NUMBER', field: ['input', 'applicant', 'idNumber'], message: '身份证号码校验位不正确，请核对第18位。' },
        expect.objectContaining({ code: 'INVALID_PHONE', message: expect.stringContaining('11位手机号码') }),
      ]),
    );
    expect(en.find((e: any) => e.code === 'INVALID_ID_NUMBER').message).toMatch(/18th character/);
    // A header that prefers Chinese, or names no language we speak, gets Chinese.
    const fr = (await env.gql(clerk, SUBMIT, { input }, { lang: 'fr-FR, en;q=0.1, zh;q=0.8' })).data.submitApplication.userErrors;
    expect(fr.find((e: any) => e.code === 'INVALID_ID_NUMBER').message).toContain('第18位');
  });

  it('answers GraphQL errors in the reader’s language, codes unchanged', async () => {
    const none = await env.gql(null, '{ cases { totalCount } }');
    expect(none.errors?.[0]).toMatchObject({ message: expect.stringContaining('未登录'), extensions: { code: 'UNAUTHENTICATED' } });
    const forbidden = await env.gql(civil, '{ cases { totalCount } }', {}, { lang: EN });
    expect(forbidden.errors?.[0]).toMatchObject({ message: 'Not allowed for this caller.', extensions: { code: 'FORBIDDEN' } });
    const forbiddenZh = await env.gql(civil, '{ cases { totalCount } }');
    expect(forbiddenZh.errors?.[0].message).toBe('无权进行此操作。');
    const bad = await env.gql(clerk, '{ cases(first: 500) { totalCount } }');
    expect(bad.errors?.[0]).toMatchObject({ message: '每页数量（first）应在1到100之间。', extensions: { code: 'BAD_USER_INPUT', field: ['first'] } });
  });

  it('writes timeline notes from the events’ data, in either language, at read time', async () => {
    const submitted = await env.gql(clerk, SUBMIT, {
      input: application({ mode: 'TOLERANT', missingMaterials: ['户口簿', '收入证明'], categories: ['MINIMUM_LIVING'] }),
    });
    const c = submitted.data.submitApplication.case;
    const [referral] = c.referrals;
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 10 });
    await env.gql(civil, ACK, { id: referral.id, externalRef: 'MZ-2026-0001' });
    await env.gql(civil, REQUEST_SUPPLEMENT, { id: referral.id, materials: ['银行流水'], note: '近六个月' });
    await env.gql(civil, RESOLVE, { id: referral.id, decision: 'APPROVED', amountFen: 83800, note: '纳入低保' });
    const notes = async (lang?: string) =>
      (await env.gql(clerk, CASE, { id: c.id }, { lang })).data.case.timeline.map((e: any) => `${e.type}: ${e.note}`);
    expect(await notes()).toEqual([
      'CASE_ACCEPTED: 容缺受理，受理渠道：窗口；缺少材料：户口簿、收入证明',
      'REFERRAL_CREATED: 最低生活保障（低保） → 民政部门',
      'REFERRAL_DELIVERED: 部门系统已领取，须在2026-03-02 09:05前受理',
      'REFERRAL_ACKNOWLEDGED: 部门已受理，部门业务编号 MZ-2026-0001',
      'SUPPLEMENT_REQUESTED: 需补充材料：银行流水（近六个月）；办理时限暂停计算',
      'REFERRAL_RESOLVED: 批准，金额838.00元；纳入低保',
      'CASE_CLOSED: 各转办事项均已办结或撤销，案件办结',
    ]);
    expect(await notes(EN)).toEqual([
      'CASE_ACCEPTED: tolerant acceptance (materials to follow) via the window; missing: 户口簿, 收入证明',
      'REFERRAL_CREATED: minimum living guarantee → civil affairs',
      'REFERRAL_DELIVERED: claimed until 2026-03-02 09:05 CST',
      'REFERRAL_ACKNOWLEDGED: acknowledged, department reference MZ-2026-0001',
      'SUPPLEMENT_REQUESTED: materials requested: 银行流水 — 近六个月; clock paused',
      'REFERRAL_RESOLVED: approved, 838.00 yuan; 纳入低保',
      'CASE_CLOSED: every referral is resolved or cancelled',
    ]);
  });

  it('renders an event written before events carried data as it was written', async () => {
    const c = (await env.gql(clerk, SUBMIT, { input: application() })).data.submitApplication.case;
    await env.gql(clerk, WITHDRAW, { id: c.id, reason: '申请人已外出务工' });
    // An event as an earlier version stored it: English free text, no data.
    await env.running.services.uow.dataSource.query(
      "INSERT INTO timeline_events (id, case_id, seq, referral_id, at, type, actor, note, params) VALUES ('01ZZZZZZZZZZZZZZZZZZZZZZZZ', ?, 999, NULL, ?, 'CASE_NOTE', 'SYSTEM', 'written by an older hub', NULL)",
      [c.id, '2026-03-02T01:00:00.000Z'],
    );
    const timeline = (await env.gql(clerk, CASE, { id: c.id })).data.case.timeline;
    expect(timeline.map((e: any) => e.note)).toContain('written by an older hub');
    expect(timeline.find((e: any) => e.type === 'CASE_WITHDRAWN').note).toBe('撤回原因：申请人已外出务工');
    expect(timeline.find((e: any) => e.type === 'REFERRAL_CANCELLED').note).toMatch(/^案件已撤回，已告知/);
  });
});
