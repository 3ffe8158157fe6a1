import request from 'supertest';
import { Department, Role } from '../../src/access/roles';
import { PiiCrypto } from '../../src/access/pii-crypto';
import { signToken } from '../../src/access/tokens';
import { createTestEnvironment, GraphqlResult, TestEnvironment, TEST_DATA_KEY, TEST_JWT_SECRET, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CLAIM, RESOLVE, REQUEST_SUPPLEMENT, SUBMIT } from '../support/operations';
import { freshIdNumber, idNumber } from '../support/people';

// DESIGN.md "Access": tokens, roles, regions, departments, masking, the access log, encryption at rest.

const COUNTY = TOWNSHIP.slice(0, 6); // 370783 寿光市
const OTHER_COUNTY = '370784';
const PHONE = '13912345678';

const Q = {
  case: `query($id: ID!) { case(id: $id) { id } }`,
  caseByNo: `query($no: String!) { caseByNo(caseNo: $no) { id } }`,
  cases: `query($filter: CaseFilter) { cases(filter: $filter, first: 100) { totalCount edges { node { id townshipCode } } } }`,
  referral: `query($id: ID!) { referral(id: $id) { id department status } }`,
  referrals: `query($filter: ReferralFilter) { referrals(filter: $filter, first: 100) { totalCount edges { node { id department case { id townshipCode } } } } }`,
  slaReport: `query($region: String!) { slaReport(regionCode: $region, from: "2026-03-01", to: "2026-03-31") { regionCode casesOpened } }`,
  workingCalendar: `{ workingCalendar(year: 2026) { date workday } }`,
  addWorkingDays: `{ addWorkingDays(from: "2026-03-02", days: 15) }`,
  publish: `mutation { publishWorkingCalendar(year: 2027, days: []) { date } }`,
  withdraw: `mutation($id: ID!) { withdrawCase(id: $id, reason: "申请人撤回") { case { id } userErrors { code } } }`,
  entities: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Case { id } ... on Referral { id } ... on Person { id } } }`,
  people: `query($id: ID!) { case(id: $id) { applicant { id idNumber phone } household { person { id idNumber phone } } } }`,
  throughReferral: `query($id: ID!) { referral(id: $id) { id case { id referrals { id department } timeline { type actor referral { id } }
    applicant { id idNumber phone } household { person { id idNumber } } } } }`,
};

describeDb('access control and personal data', () => {
  let env: TestEnvironment;
  const t: Record<string, string> = {};
  let main: any; // one case in TOWNSHIP: referred to CIVIL_AFFAIRS, MEDICAL and EDUCATION
  let input: any;
  const ref = (department: string) => main.referrals.find((r: any) => r.department === department).id as string;
  const sql = (text: string, params: unknown[] = []) => env.running.services.uow.dataSource.query(text, params) as Promise<any[]>;
  const count = async (table: string) => Number((await sql(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const wholeNumbers = () => [input.applicant.idNumber, ...input.household.map((m: any) => m.person.idNumber)];
  const codes = (res: GraphqlResult) => res.errors?.map((e) => e.extensions?.code);

  /** Everything that must never appear in an error: ids, numbers, names, SQL, stack traces. */
  function expectNothingLeaked(res: GraphqlResult) {
    const secrets = [main.id, main.caseNo, ...main.referrals.map((r: any) => r.id), input.applicant.name, input.applicant.idNumber, PHONE,
      ...input.household.map((m: any) => m.person.idNumber), ...input.household.map((m: any) => m.person.name)];
    for (const error of res.errors ?? []) {
      const text = JSON.stringify(error);
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/select |insert |sqlite|mysql|maria|\.ts:\d|node_modules|stack|Error:/i);
      // UNAUTHENTICATED also says which of NO_TOKEN, EXPIRED or INVALID applies, and nothing more.
      expect(Object.keys(error.extensions ?? {})).toEqual(error.extensions?.code === 'UNAUTHENTICATED' ? ['code', 'reason'] : ['code']);
    }
  }
  function expectRefused(res: GraphqlResult, code: 'UNAUTHENTICATED' | 'FORBIDDEN') {
    expect(codes(res)).toEqual([code]);
    expectNothingLeaked(res);
  }

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:30:00+08:00' });
    t.clerk = await env.token(Role.CLERK, TOWNSHIP, undefined, 'clerk-104');
    t.clerkNextTownship = await env.token(Role.CLERK, '370783105', undefined, 'clerk-105');
    t.clerkOther = await env.token(Role.CLERK, `${OTHER_COUNTY}001`, undefined, 'clerk-other');
    t.dashboard = await env.token(Role.DASHBOARD, COUNTY, undefined, 'dash-county');
    t.dashboardOther = await env.token(Role.DASHBOARD, OTHER_COUNTY, undefined, 'dash-other');
    t.admin = await env.token(Role.ADMIN, '', undefined, 'admin-1');
    t.civil = await env.token(Role.DEPARTMENT, COUNTY, Department.CIVIL_AFFAIRS, 'civil-sys');
    t.medical = await env.token(Role.DEPARTMENT, COUNTY, Department.MEDICAL, 'medical-sys');
    t.housing = await env.token(Role.DEPARTMENT, COUNTY, Department.HOUSING, 'housing-sys');
    t.medicalOther = await env.token(Role.DEPARTMENT, OTHER_COUNTY, Department.MEDICAL, 'medical-other');
    input = application({ applicant: { name: '王秀英', idNumber: freshIdNumber('19780312'), phone: PHONE } });
    const res = await env.gql(t.clerk, SUBMIT, { input });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    main = res.data.submitApplication.case;
    expect(main.referrals.map((r: any) => r.department).sort()).toEqual(['CIVIL_AFFAIRS', 'EDUCATION', 'MEDICAL']);
  });
  afterAll(() => env.close());

  describe('authentication', () => {
    const operations: Array<[string, string, () => Record<string, unknown>]> = [
      ['case', Q.case, () => ({ id: main.id })],
      ['caseByNo', Q.caseByNo, () => ({ no: main.caseNo })],
      ['cases', Q.cases, () => ({})],
      ['referral', Q.referral, () => ({ id: ref('MEDICAL') })],
      ['referrals', Q.referrals, () => ({})],
      ['submitApplication', SUBMIT, () => ({ input: application() })],
      ['claimReferrals', CLAIM, () => ({ department: 'MEDICAL', limit: 10 })],
      ['acknowledgeReferral', ACK, () => ({ id: ref('MEDICAL') })],
      ['slaReport', Q.slaReport, () => ({ region: COUNTY })],
      ['workingCalendar', Q.workingCalendar, () => ({})],
      ['addWorkingDays', Q.addWorkingDays, () => ({})],
      ['publishWorkingCalendar', Q.publish, () => ({})],
      ['withdrawCase', Q.withdraw, () => ({ id: main.id })],
    ];

    it.each(operations)('%s without a token answers UNAUTHENTICATED and writes nothing', async (_name, query, variables) => {
      const before = await Promise.all(['cases', 'timeline_events', 'access_log'].map(count));
      const res = await env.gql(null, query, variables());
      expectRefused(res, 'UNAUTHENTICATED');
      expect(res.status).toBe(401);
      expect(res.data == null || Object.values(res.data).every((v) => v === null)).toBe(true);
      expect(await Promise.all(['cases', 'timeline_events', 'access_log'].map(count))).toEqual(before);
    });

    const badTokens: Array<[string, () => Promise<string>]> = [
      ['a malformed token', async () => 'not-a-jwt'],
      ['an expired token', () => signToken({ sub: 'old', role: Role.ADMIN, region: '', ttlSeconds: 60 }, TEST_JWT_SECRET, new Date('2026-03-01T00:00:00Z'))],
      ['a token signed with another secret', () => signToken({ sub: 'forger', role: Role.ADMIN, region: '', ttlSeconds: 3600 }, 'x'.repeat(48), env.clock.now())],
      ['an unsigned alg:none token', async () => {
        const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
        return `${part({ alg: 'none' })}.${part({ sub: 'x', role: 'ADMIN', region: '', exp: 4102444800 })}.`;
      }],
      ['a DEPARTMENT token without a department', () => signToken({ sub: 'd', role: Role.DEPARTMENT, region: COUNTY, ttlSeconds: 3600 }, TEST_JWT_SECRET, env.clock.now())],
    ];

    it.each(badTokens)('%s answers UNAUTHENTICATED for reads and writes', async (_label, make) => {
      const token = await make();
      for (const [query, variables] of [[Q.case, { id: main.id }], [SUBMIT, { input: application() }], [Q.workingCalendar, {}]] as const) {
        const res = await env.gql(token, query, variables);
        expectRefused(res, 'UNAUTHENTICATED');
        expect(res.status).toBe(401);
        expect(res.data?.case ?? res.data?.submitApplication ?? res.data?.workingCalendar ?? null).toBeNull();
      }
    });

    it('refuses an Authorization header that is not a bearer token', async () => {
      const res = await request(env.server).post('/graphql').set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`)
        .send({ query: Q.workingCalendar });
      expect(res.body.errors.map((e: any) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
      expect(res.body.data ?? null).toBeNull();
    });

    it('answers with a valid token (the refusals above are about the token)', async () => {
      const res = await env.gql(t.clerk, Q.case, { id: main.id });
      expect(res.errors).toBeUndefined();
      expect(res.data.case.id).toBe(main.id);
    });
  });

  describe('roles and regions', () => {
    it('a CLERK of another township submitting gets TOWNSHIP_OUTSIDE_REGION, and nothing is written', async () => {
      const before = await count('cases');
      const res = await env.gql(t.clerkNextTownship, SUBMIT, { input: application() });
      expect(res.errors).toBeUndefined();
      expect(res.data.submitApplication.case).toBeNull();
      expect(res.data.submitApplication.userErrors).toEqual([expect.objectContaining({ code: 'TOWNSHIP_OUTSIDE_REGION', field: ['input', 'townshipCode'] })]);
      expect(await count('cases')).toBe(before);
      const own = await env.gql(t.clerkNextTownship, SUBMIT, { input: application({ townshipCode: '370783105' }) });
      expect(own.data.submitApplication.userErrors).toEqual([]);
    });

    it.each(['clerkOther', 'dashboardOther', 'clerkNextTownship'])('%s reading the case by id or number is FORBIDDEN', async (who) => {
      for (const [query, variables, field] of [[Q.case, { id: main.id }, 'case'], [Q.caseByNo, { no: main.caseNo }, 'caseByNo']] as const) {
        const res = await env.gql(t[who], query, variables);
        expectRefused(res, 'FORBIDDEN');
        expect(res.data[field]).toBeNull();
      }
    });

    it('cases and referrals filtered outside the caller’s region are FORBIDDEN; inside, allowed', async () => {
      for (const [who, region] of [['clerk', COUNTY], ['clerk', OTHER_COUNTY], ['dashboard', '37'], ['dashboard', OTHER_COUNTY], ['dashboardOther', COUNTY]]) {
        expectRefused(await env.gql(t[who], Q.cases, { filter: { regionCode: region } }), 'FORBIDDEN');
        expectRefused(await env.gql(t[who], Q.referrals, { filter: { regionCode: region } }), 'FORBIDDEN');
      }
      const inside = await env.gql(t.dashboard, Q.cases, { filter: { regionCode: TOWNSHIP } });
      expect(inside.data.cases.edges.map((e: any) => e.node.id)).toContain(main.id);
      expect(inside.data.cases.edges.every((e: any) => e.node.townshipCode === TOWNSHIP)).toBe(true);
    });

    it('a caller of another county sees nothing of this one in unfiltered lists', async () => {
      for (const who of ['clerkOther', 'dashboardOther']) {
        const cases = await env.gql(t[who], Q.cases, {});
        const referrals = await env.gql(t[who], Q.referrals, {});
        expect([cases.data.cases.totalCount, cases.data.cases.edges]).toEqual([0, []]);
        expect([referrals.data.referrals.totalCount, referrals.data.referrals.edges]).toEqual([0, []]);
      }
      const mine = await env.gql(t.clerkNextTownship, Q.cases, {});
      expect(mine.data.cases.edges.every((e: any) => e.node.townshipCode === '370783105')).toBe(true);
      expect(mine.data.cases.totalCount).toBe(1);
    });

    it('slaReport outside the region is FORBIDDEN', async () => {
      expectRefused(await env.gql(t.dashboard, Q.slaReport, { region: OTHER_COUNTY }), 'FORBIDDEN');
      expectRefused(await env.gql(t.dashboard, Q.slaReport, { region: '37' }), 'FORBIDDEN');
      expectRefused(await env.gql(t.medical, Q.slaReport, { region: COUNTY }), 'FORBIDDEN');
      const ok = await env.gql(t.dashboard, Q.slaReport, { region: COUNTY });
      expect(ok.data.slaReport).toEqual({ regionCode: COUNTY, casesOpened: await count('cases') });
    });

    it('roles stay in their lane: dashboards and departments do not submit, clerks do not claim, departments do not list cases', async () => {
      const before = await count('cases');
      expectRefused(await env.gql(t.dashboard, SUBMIT, { input: application() }), 'FORBIDDEN');
      expectRefused(await env.gql(t.medical, SUBMIT, { input: application() }), 'FORBIDDEN');
      expect(await count('cases')).toBe(before);
      expectRefused(await env.gql(t.clerk, CLAIM, { department: 'MEDICAL', limit: 10 }), 'FORBIDDEN');
      expectRefused(await env.gql(t.dashboard, CLAIM, { department: 'MEDICAL', limit: 10 }), 'FORBIDDEN');
      expectRefused(await env.gql(t.clerk, ACK, { id: ref('MEDICAL') }), 'FORBIDDEN');
      expectRefused(await env.gql(t.medical, Q.cases, {}), 'FORBIDDEN');
      expectRefused(await env.gql(t.dashboard, Q.withdraw, { id: main.id }), 'FORBIDDEN');
      expectRefused(await env.gql(t.clerkOther, Q.withdraw, { id: main.id }), 'FORBIDDEN');
    });

    it.each(['clerk', 'dashboard', 'medical'])('publishWorkingCalendar by %s is FORBIDDEN and changes nothing', async (who) => {
      const before = [await count('calendar_days'), await count('calendar_years')];
      expectRefused(await env.gql(t[who], Q.publish, {}), 'FORBIDDEN');
      expect([await count('calendar_days'), await count('calendar_years')]).toEqual(before);
    });

    it('federation entity references go through the same checks', async () => {
      const reps = (typename: string, id: string) => ({ reps: [{ __typename: typename, id }] });
      expectRefused(await env.gql(t.clerkOther, Q.entities, reps('Case', main.id)), 'FORBIDDEN');
      expectRefused(await env.gql(t.medical, Q.entities, reps('Referral', ref('CIVIL_AFFAIRS'))), 'FORBIDDEN');
      expectRefused(await env.gql(t.clerk, Q.entities, reps('Person', main.applicant.id)), 'FORBIDDEN');
      const own = await env.gql(t.medical, Q.entities, reps('Referral', ref('MEDICAL')));
      expect(own.data._entities).toEqual([{ id: ref('MEDICAL') }]);
    });
  });

  describe('department isolation', () => {
    it('a MEDICAL system cannot claim for CIVIL_AFFAIRS', async () => {
      expectRefused(await env.gql(t.medical, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 }), 'FORBIDDEN');
      const civil = await env.gql(t.admin, Q.referral, { id: ref('CIVIL_AFFAIRS') });
      expect(civil.data.referral.status).toBe('PENDING');
    });

    it('a MEDICAL system cannot read, acknowledge, ask materials for or resolve a CIVIL_AFFAIRS referral', async () => {
      const civilId = ref('CIVIL_AFFAIRS');
      const events = await count('timeline_events');
      const read = await env.gql(t.medical, Q.referral, { id: civilId });
      expectRefused(read, 'FORBIDDEN');
      expect(read.data.referral).toBeNull();
      for (const [query, variables] of [[ACK, { id: civilId }], [RESOLVE, { id: civilId, decision: 'APPROVED' }],
        [REQUEST_SUPPLEMENT, { id: civilId, materials: ['户口簿'] }]] as const) {
        expectRefused(await env.gql(t.medical, query, variables), 'FORBIDDEN');
      }
      expect(await count('timeline_events')).toBe(events);
      const after = await sql('SELECT status, external_ref FROM referrals WHERE id = ?', [civilId]);
      expect(after).toEqual([{ status: 'PENDING', external_ref: null }]);
    });

    it('referrals for a department lists only its own department’s', async () => {
      const res = await env.gql(t.medical, Q.referrals, {});
      const nodes = res.data.referrals.edges.map((e: any) => e.node);
      expect(nodes.map((n: any) => n.id)).toContain(ref('MEDICAL'));
      expect(new Set(nodes.map((n: any) => n.department))).toEqual(new Set(['MEDICAL']));
      const medicalRows = await sql("SELECT COUNT(*) AS n FROM referrals WHERE department = 'MEDICAL'");
      expect(res.data.referrals.totalCount).toBe(Number(medicalRows[0].n));
      expect(Number((await sql("SELECT COUNT(*) AS n FROM referrals WHERE department <> 'MEDICAL'"))[0].n)).toBeGreaterThan(0);
      expectRefused(await env.gql(t.medical, Q.referrals, { filter: { department: 'CIVIL_AFFAIRS' } }), 'FORBIDDEN');
    });

    it('reading the case through its own referral shows only its own referrals and timeline events', async () => {
      // Civil affairs acts first, so the case's timeline holds an event of another department.
      const civil = await env.gql(t.civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 100 });
      expect(civil.data.claimReferrals.referrals.map((r: any) => r.id)).toContain(ref('CIVIL_AFFAIRS'));
      expect((await env.gql(t.civil, ACK, { id: ref('CIVIL_AFFAIRS'), externalRef: 'MZ-1' })).data.acknowledgeReferral.userErrors).toEqual([]);

      const all = (await env.gql(t.admin, Q.throughReferral, { id: ref('MEDICAL') })).data.referral.case;
      expect(all.referrals).toHaveLength(3);
      expect(all.timeline.map((e: any) => e.type)).toContain('REFERRAL_ACKNOWLEDGED');

      const res = await env.gql(t.medical, Q.throughReferral, { id: ref('MEDICAL') });
      expect(res.errors).toBeUndefined();
      const c = res.data.referral.case;
      expect(c.referrals).toEqual([{ id: ref('MEDICAL'), department: 'MEDICAL' }]);
      const referralIds = c.timeline.map((e: any) => e.referral?.id ?? null);
      expect(new Set(referralIds.filter(Boolean))).toEqual(new Set([ref('MEDICAL')]));
      expect(c.timeline.map((e: any) => e.type)).toEqual(['CASE_ACCEPTED', 'REFERRAL_CREATED']);
      expect(JSON.stringify(c.timeline)).not.toContain('CIVIL_AFFAIRS');
      // The same filtering on case(id), which a department may read through its referral.
      const direct = await env.gql(t.medical, `query($id: ID!) { case(id: $id) { referrals { id } timeline { referral { id } } } }`, { id: main.id });
      expect(direct.data.case.referrals).toEqual([{ id: ref('MEDICAL') }]);
      expect(direct.data.case.timeline.filter((e: any) => e.referral).map((e: any) => e.referral.id)).toEqual([ref('MEDICAL')]);
    });

    it('a department with no referral on the case cannot read it: the case reads like an unknown id or number', async () => {
      const byId = await env.gql(t.housing, Q.case, { id: main.id });
      const unknownId = await env.gql(t.housing, Q.case, { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' });
      expect(byId).toEqual(unknownId);
      expectRefused(byId, 'FORBIDDEN');
      const known = await env.gql(t.housing, Q.caseByNo, { no: main.caseNo });
      const unknown = await env.gql(t.housing, Q.caseByNo, { no: `${main.caseNo.slice(0, -4)}9999` });
      expect(known).toEqual(unknown);
      expectRefused(known, 'FORBIDDEN');
    });

    it('an id outside the caller’s scope answers exactly like an unknown id; only a caller who sees everything is told it does not exist', async () => {
      const unknownCase = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
      const unknownReferral = '01ARZ3NDEKTSV4RRFFQ69G5FAW';
      const pairs: Array<[string, string, Record<string, unknown>, Record<string, unknown>]> = [
        ['clerkOther', Q.case, { id: main.id }, { id: unknownCase }],
        ['clerkOther', Q.referral, { id: ref('MEDICAL') }, { id: unknownReferral }],
        ['clerkOther', Q.withdraw, { id: main.id }, { id: unknownCase }],
        ['medicalOther', ACK, { id: ref('MEDICAL') }, { id: unknownReferral }],
        ['medical', ACK, { id: ref('CIVIL_AFFAIRS') }, { id: unknownReferral }],
        ['dashboardOther', Q.referral, { id: ref('MEDICAL') }, { id: unknownReferral }],
      ];
      for (const [who, query, outside, unknown] of pairs) {
        const [a, b] = [await env.gql(t[who], query, outside), await env.gql(t[who], query, unknown)];
        expect(a).toEqual(b);
        expectRefused(a, 'FORBIDDEN');
      }
      const admin = await env.gql(t.admin, Q.case, { id: unknownCase });
      expect([admin.errors, admin.data.case]).toEqual([undefined, null]);
    });

    it('the same department of another region sees and touches nothing here', async () => {
      const claim = await env.gql(t.medicalOther, CLAIM, { department: 'MEDICAL', limit: 100 });
      expect(claim.data.claimReferrals).toEqual({ referrals: [], userErrors: [] });
      const list = await env.gql(t.medicalOther, Q.referrals, {});
      expect([list.data.referrals.totalCount, list.data.referrals.edges]).toEqual([0, []]);
      expectRefused(await env.gql(t.medicalOther, Q.referral, { id: ref('MEDICAL') }), 'FORBIDDEN');
      expectRefused(await env.gql(t.medicalOther, Q.case, { id: main.id }), 'FORBIDDEN');
      expectRefused(await env.gql(t.medicalOther, ACK, { id: ref('MEDICAL') }), 'FORBIDDEN');
      const row = await sql('SELECT status FROM referrals WHERE id = ?', [ref('MEDICAL')]);
      expect(row).toEqual([{ status: 'PENDING' }]);
    });
  });

  describe('masking and the access log', () => {
    const accessLog = () => sql('SELECT actor, role, person_id, purpose, at FROM access_log ORDER BY id');
    const personIds = () => [main.applicant.id, ...main.household.slice(1).map((m: any) => m.person.id)].sort();

    it('a DASHBOARD sees masked identity numbers and no phone numbers, and nothing is logged', async () => {
      const before = await count('access_log');
      const res = await env.gql(t.dashboard, Q.people, { id: main.id });
      const masked = wholeNumbers().map((n: string) => `${n.slice(0, 6)}********${n.slice(-4)}`);
      expect(res.data.case.applicant).toEqual({ id: main.applicant.id, idNumber: masked[0], phone: null });
      expect(res.data.case.household.map((m: any) => m.person.idNumber)).toEqual(masked); // SELF first
      expect(res.data.case.household.every((m: any) => m.person.phone === null)).toBe(true);
      const list = await env.gql(t.dashboard, `{ cases(first: 100) { edges { node { applicant { idNumber phone } } } } }`);
      for (const { node } of list.data.cases.edges) {
        expect(node.applicant.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
        expect(node.applicant.phone).toBeNull();
      }
      expect(await count('access_log')).toBe(before);
    });

    it('a CLERK sees whole numbers and the phone; each person read whole is logged once', async () => {
      env.clock.set('2026-03-03T10:00:00+08:00');
      const before = await count('access_log');
      const res = await env.gql(t.clerk, Q.people, { id: main.id });
      expect(res.data.case.applicant).toEqual({ id: main.applicant.id, idNumber: input.applicant.idNumber, phone: PHONE });
      expect(res.data.case.household.map((m: any) => m.person.idNumber)).toEqual(wholeNumbers());
      const rows = (await accessLog()).slice(before);
      expect(rows.map((r: any) => r.person_id).sort()).toEqual(personIds());
      expect(rows.every((r: any) => r.actor === 'clerk-104' && r.role === 'CLERK' && r.purpose === 'READ_ID_NUMBER')).toBe(true);
      expect(rows.every((r: any) => r.at === '2026-03-03T02:00:00.000Z')).toBe(true);
    });

    it('lists mask identity numbers for every role, also under an alias or a fragment, and log nothing; the case opened by id shows them whole', async () => {
      const before = await count('access_log');
      const lists = [
        [t.clerk, `{ cases(first: 100) { edges { node { id applicant { idNumber } household { person { idNumber } } } } } }`, 'cases'],
        [t.clerk, `{ mine: cases(first: 100) { edges { node { id applicant { idNumber } } } } }`, 'mine'],
        [t.clerk, `query { ...Browse } fragment Browse on Query { cases(first: 100) { edges { node { id applicant { idNumber } } } } }`, 'cases'],
        [t.medical, `{ referrals(first: 100) { edges { node { id case { applicant { idNumber } } } } } }`, 'referrals'],
      ] as const;
      for (const [token, query, key] of lists) {
        const res = await env.gql(token, query);
        const numbers: string[] = JSON.stringify(res.data[key]).match(/"idNumber":"[^"]*"/g) ?? [];
        expect(numbers.length).toBeGreaterThan(0);
        for (const n of numbers) expect(n).toMatch(/^"idNumber":"\d{6}\*{8}\d{3}[\dX]"$/);
      }
      expect(await count('access_log')).toBe(before);
      const opened = await env.gql(t.clerk, `{ cases(first: 1) { edges { node { id } } } one: case(id: "${main.id}") { applicant { idNumber } } }`);
      expect(opened.data.one.applicant.idNumber).toBe(input.applicant.idNumber);
      expect(await count('access_log')).toBe(before + 1);
    });

    it('a DEPARTMENT sees whole numbers through its referral, and is logged as itself', async () => {
      const before = await count('access_log');
      const res = await env.gql(t.medical, Q.throughReferral, { id: ref('MEDICAL') });
      expect(res.data.referral.case.applicant).toEqual({ id: main.applicant.id, idNumber: input.applicant.idNumber, phone: PHONE });
      expect(res.data.referral.case.household.map((m: any) => m.person.idNumber)).toEqual(wholeNumbers());
      const rows = (await accessLog()).slice(before);
      expect(rows.map((r: any) => [r.actor, r.role])).toEqual(Array(3).fill(['medical-sys', 'DEPARTMENT']));
      expect(rows.map((r: any) => r.person_id).sort()).toEqual(personIds());
    });

    it('a read that asks for no identity number writes no log row', async () => {
      const before = await count('access_log');
      const res = await env.gql(t.clerk, `query($id: ID!) { case(id: $id) { applicant { id name phone } } }`, { id: main.id });
      expect(res.data.case.applicant).toEqual({ id: main.applicant.id, name: '王秀英', phone: PHONE });
      expect(await count('access_log')).toBe(before);
    });
  });

  describe('at rest', () => {
    async function everyRow(): Promise<string> {
      const tables: any[] = env.db.kind === 'sqlite'
        ? await sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        : await sql('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()');
      expect(tables.map((r) => r.name ?? r.NAME)).toEqual(expect.arrayContaining(['persons', 'cases', 'timeline_events', 'access_log']));
      const dumps = await Promise.all(tables.map(async (r) => JSON.stringify(await sql(`SELECT * FROM ${r.name ?? r.NAME}`))));
      return dumps.join('\n').toUpperCase();
    }

    it('no identity number or phone number submitted appears in any table', async () => {
      // One more applicant whose number ends in X, submitted in lower case.
      let seq = 1;
      while (!idNumber('19650704', seq, '370785').endsWith('X')) seq += 1;
      const withX = idNumber('19650704', seq, '370785');
      const extra = await env.gql(t.clerk, SUBMIT, { input: application({ applicant: { name: '张三', idNumber: withX.toLowerCase(), phone: '15005310000' } }) });
      expect(extra.data.submitApplication.userErrors).toEqual([]);
      const dump = await everyRow();
      const numbers = [withX, ...wholeNumbers()];
      for (const n of numbers) {
        expect(dump).not.toContain(n);
        expect(dump).not.toContain(n.slice(0, 14)); // region + birth date
        expect(dump).not.toContain(n.slice(6, 17)); // birth date + sequence
      }
      for (const phone of [PHONE, '15005310000']) expect(dump).not.toContain(phone);
      // The dump does hold the people: their masked forms are there.
      for (const n of numbers) expect(dump).toContain(`${n.slice(0, 6)}********${n.slice(-4)}`);
      // What is stored instead: sealed values, the blind index and the masked form.
      const [row] = await sql('SELECT id_number_sealed, id_number_index, id_number_masked, phone_sealed FROM persons WHERE id = ?', [main.applicant.id]);
      const crypto = new PiiCrypto(TEST_DATA_KEY);
      expect(crypto.decrypt(row.id_number_sealed)).toBe(input.applicant.idNumber);
      expect(crypto.decrypt(row.phone_sealed)).toBe(PHONE);
      expect(row.id_number_index).toBe(crypto.blindIndex(input.applicant.idNumber));
      expect(row.id_number_masked).toBe(`${input.applicant.idNumber.slice(0, 6)}********${input.applicant.idNumber.slice(-4)}`);
    });

    it('one resident across two applications: a record per application, one blind index, whatever the case of x', async () => {
      let seq = 1;
      while (!idNumber('19591111', seq, '370786').endsWith('X')) seq += 1;
      const n = idNumber('19591111', seq, '370786');
      const first = await env.gql(t.clerk, SUBMIT, { input: application({ applicant: { name: '刘芳', idNumber: n, phone: '13911112222' } }) });
      const second = await env.gql(t.clerk, SUBMIT, {
        input: application({ applicant: { name: '劉芳', idNumber: n.toLowerCase() }, mode: 'EMERGENCY', emergencyAdvanceFen: 100000, hardship: { emergency: true } }),
      });
      const [a, b] = [first, second].map((r) => r.data.submitApplication);
      expect([a.userErrors, b.userErrors]).toEqual([[], []]);
      expect(b.case.id).not.toBe(a.case.id);
      // Each application keeps the person as it declared them: the second changes nothing of the first.
      expect(b.case.applicant.id).not.toBe(a.case.applicant.id);
      const index = new PiiCrypto(TEST_DATA_KEY).blindIndex(n);
      const rows = await sql('SELECT p.id, p.name, p.id_number_index FROM cases c JOIN persons p ON p.id = c.applicant_id WHERE c.id IN (?, ?) ORDER BY p.id', [a.case.id, b.case.id]);
      expect(rows).toEqual([
        { id: a.case.applicant.id, name: '刘芳', id_number_index: index },
        { id: b.case.applicant.id, name: '劉芳', id_number_index: index },
      ]);
      const phones = await env.gql(t.clerk, `query($id: ID!) { case(id: $id) { applicant { name phone } } }`, { id: b.case.id });
      expect(phones.data.case.applicant).toEqual({ name: '劉芳', phone: null });
    });
  });

  describe('operations endpoints', () => {
    it('/healthz and /readyz answer 200 without a token', async () => {
      const health = await request(env.server).get('/healthz');
      expect([health.status, health.body]).toEqual([200, { status: 'ok' }]);
      const ready = await request(env.server).get('/readyz');
      expect([ready.status, ready.body]).toEqual([200, { status: 'ready' }]);
    });
  });
});
