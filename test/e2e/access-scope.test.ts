import { TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CLAIM, RESOLVE, REQUEST_SUPPLEMENT, SUBMIT } from '../support/operations';
import { accessFixture, COUNTY, OTHER_COUNTY, Q } from '../support/access-fixture';

// DESIGN.md "Access": what each role may do, inside its region, and a department only with its own
// referrals; an id outside the caller's scope reads like an unknown one.

describeDb('access: roles, regions and departments', () => {
  const f = accessFixture();
  const { t, ref, sql, count, expectRefused } = f;
  let env: TestEnvironment;
  let main: any;
  beforeAll(() => {
    ({ env, main } = f);
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
});
