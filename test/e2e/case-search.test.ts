import { Role } from '../../src/access/roles';
import { PiiCrypto } from '../../src/access/pii-crypto';
import { createTestEnvironment, TestEnvironment, TEST_DATA_KEY, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { freshIdNumber } from '../support/people';
import { SUBMIT } from '../support/operations';

const FIND = `query Find($filter: CaseFilter) {
  cases(filter: $filter, first: 50) { totalCount edges { node { caseNo townshipCode applicant { name idNumber } } } }
}`;
const OTHER_TOWNSHIP = '370783001';

describeDb('finding a resident’s case', () => {
  let env: TestEnvironment;
  let countyClerk: string;
  let townshipClerk: string;
  let dashboard: string;
  const resident = freshIdNumber('19850615'); // a household member of A, the applicant of C
  const caseNos: Record<string, string> = {};
  const sql = (text: string, params: unknown[] = []) => env.running.services.uow.dataSource.query(text, params) as Promise<any[]>;
  const found = (res: any) => res.data.cases.edges.map((e: any) => e.node.caseNo).sort();

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-06-01T09:00:00+08:00' });
    countyClerk = await env.token(Role.CLERK, '370783');
    townshipClerk = await env.token(Role.CLERK, TOWNSHIP);
    dashboard = await env.token(Role.DASHBOARD, '3707');
    const submit = async (name: string, input: Record<string, unknown>) => {
      const res = await env.gql(countyClerk, SUBMIT, { input: application(input) });
      expect(res.data.submitApplication.userErrors).toEqual([]);
      caseNos[name] = res.data.submitApplication.case.caseNo;
    };
    await submit('A', {
      applicant: { name: '张桂兰', idNumber: freshIdNumber('19600101') },
      household: [{ person: { name: '张𠮷', idNumber: resident }, relation: 'CHILD', laborCapable: true }],
    });
    await submit('B', { applicant: { name: '李秀珍', idNumber: freshIdNumber('19610101') } });
    await submit('C', { townshipCode: OTHER_TOWNSHIP, applicant: { name: '张𠮷', idNumber: resident } });
  }, 60_000);
  afterAll(() => env.close());

  it('finds every case naming a resident, as applicant or household member, by identity number within the region', async () => {
    const county = await env.gql(countyClerk, FIND, { filter: { idNumber: resident } });
    expect(county.errors).toBeUndefined();
    expect(found(county)).toEqual([caseNos.A, caseNos.C].sort());
    // The township's clerk sees only the case in its township.
    const township = await env.gql(townshipClerk, FIND, { filter: { idNumber: resident.toLowerCase() } });
    expect(found(township)).toEqual([caseNos.A]);
    // Dashboards search too, and still read numbers masked.
    const masked = await env.gql(dashboard, FIND, { filter: { idNumber: resident } });
    expect(masked.data.cases.edges.find((e: any) => e.node.caseNo === caseNos.C).node.applicant.idNumber).toMatch(/^\d{6}\*{8}\w{4}$/);
    expect(found(await env.gql(countyClerk, FIND, { filter: { idNumber: freshIdNumber('19900101') } }))).toEqual([]);
  });

  it('writes each search by identity number to the access log: who, when, the blind index, never the number', async () => {
    const index = new PiiCrypto(TEST_DATA_KEY).blindIndex(resident);
    const before = await sql("SELECT COUNT(*) AS n FROM access_log WHERE purpose = 'SEARCH_BY_ID_NUMBER' AND id_number_index = ?", [index]);
    await env.gql(townshipClerk, FIND, { filter: { idNumber: resident } });
    const rows = await sql("SELECT actor, role, person_id, id_number_index, at FROM access_log WHERE purpose = 'SEARCH_BY_ID_NUMBER' AND id_number_index = ? ORDER BY id", [index]);
    expect(rows).toHaveLength(Number(before[0].n) + 1);
    expect(rows[rows.length - 1]).toMatchObject({ actor: 'clerk-test', role: 'CLERK', person_id: null, id_number_index: index });
    const all = JSON.stringify(await sql('SELECT * FROM access_log'));
    expect(all).not.toContain(resident);
  });

  it('costs the same statements however many cases name the resident', async () => {
    const measure = async () => {
      const before = env.running.statements.count;
      const res = await env.gql(countyClerk, FIND, { filter: { idNumber: resident } });
      return { statements: env.running.statements.count - before, cases: res.data.cases.totalCount };
    };
    const first = await measure();
    for (let i = 0; i < 3; i++) {
      const more = await env.gql(countyClerk, SUBMIT, {
        input: application({ household: [{ person: { name: '张𠮷', idNumber: resident }, relation: 'OTHER' }] }),
      });
      expect(more.data.submitApplication.userErrors).toEqual([]);
    }
    const second = await measure();
    expect(second.cases).toBe(first.cases + 3);
    expect(second.statements).toBe(first.statements);
    if (process.env.HUB_REPORT_COUNTS) process.stderr.write(`[case search] ${first.statements} SQL statements\n`);
  });

  it('refuses a malformed identity number on the field, in Chinese, and logs nothing', async () => {
    const before = (await sql('SELECT COUNT(*) AS n FROM access_log'))[0].n;
    const bad = await env.gql(countyClerk, FIND, { filter: { idNumber: resident.slice(0, 17) + (resident[17] === '0' ? '1' : '0') } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', 'idNumber'] });
    expect(bad.errors?.[0].message).toBe('身份证号码校验位不正确，请核对第18位。');
    expect((await sql('SELECT COUNT(*) AS n FROM access_log'))[0].n).toBe(before);
  });

  it('finds cases by receipt-number prefix inside the region only', async () => {
    expect(found(await env.gql(countyClerk, FIND, { filter: { caseNoPrefix: caseNos.A } }))).toEqual([caseNos.A]);
    // Township and acceptance date: A and B (and any other case of that township today), never C.
    const today = found(await env.gql(countyClerk, FIND, { filter: { caseNoPrefix: caseNos.A.slice(0, 17) } }));
    expect(today).toEqual(expect.arrayContaining([caseNos.A, caseNos.B]));
    expect(today.every((no: string) => no.startsWith(caseNos.A.slice(0, 17)))).toBe(true);
    expect(today).not.toContain(caseNos.C);
    // Another township's number prefix, asked by this township's clerk: nothing from there.
    expect(found(await env.gql(townshipClerk, FIND, { filter: { caseNoPrefix: OTHER_TOWNSHIP } }))).toEqual([]);
    const bad = await env.gql(countyClerk, FIND, { filter: { caseNoPrefix: '3707-83' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', 'caseNoPrefix'] });
  });

  it('finds cases by the applicant’s name within one township, and refuses a wider search by name', async () => {
    expect(found(await env.gql(townshipClerk, FIND, { filter: { applicantName: '张' } }))).toEqual([caseNos.A]);
    expect(found(await env.gql(countyClerk, FIND, { filter: { applicantName: '张𠮷', regionCode: OTHER_TOWNSHIP } }))).toEqual([caseNos.C]);
    const wide = await env.gql(countyClerk, FIND, { filter: { applicantName: '张' } }, { lang: 'en' });
    expect(wide.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', 'applicantName'] });
    expect(wide.errors?.[0].message).toMatch(/one township/);
    const emoji = await env.gql(townshipClerk, FIND, { filter: { applicantName: '张😀' } });
    expect(emoji.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', 'applicantName'] });
  });
});
