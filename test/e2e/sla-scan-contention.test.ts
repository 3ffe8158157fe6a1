import { Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { SUBMIT } from '../support/operations';

// The scan writes a page's warnings in one statement; when scans meet on the same subjects (three
// at once here, on MariaDB each on its own connection) the page is done again one subject at a
// time, and every subject still gets exactly one warning and one timeline event.

describeDb('SLA scan: pages of warnings written together, scans meeting on them', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:00:00+08:00' });
    const clerk = await env.token(Role.CLERK, TOWNSHIP);
    for (let i = 0; i < 30; i++) {
      const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['MEDICAL', 'EDUCATION'] }) });
      expect(res.data.submitApplication.userErrors).toEqual([]);
    }
  }, 120_000);
  afterAll(() => env.close());

  async function warningEvents(kind: string): Promise<Array<{ subject: string; n: number }>> {
    const rows = await env.running.services.uow.dataSource.query(
      'SELECT COALESCE(referral_id, case_id) AS subject, COUNT(*) AS n FROM timeline_events WHERE type = ? GROUP BY COALESCE(referral_id, case_id)',
      [kind],
    );
    return rows.map((r: any) => ({ subject: r.subject, n: Number(r.n) }));
  }

  it('warns each of 60 referrals and 30 cases once when three scans run at once', async () => {
    // Friday 2026-03-20: 1 working day left before the 2026-03-23 due date → AT_RISK.
    env.clock.set('2026-03-20T10:00:00+08:00');
    const scanner = env.running.scanner;
    const results = await Promise.all([scanner.scan(), scanner.scan(), scanner.scan()]);
    const events = await warningEvents('SLA_AT_RISK');
    expect(events).toHaveLength(60 + 30);
    expect(events.every((e) => e.n === 1)).toBe(true);
    const [{ n }] = await env.running.services.uow.dataSource.query("SELECT COUNT(*) AS n FROM sla_warnings WHERE kind = 'SLA_AT_RISK'");
    expect(Number(n)).toBe(90);
    // Together the scans report each warning once, whichever of them wrote it.
    expect(results.reduce((sum, r) => sum + r.referralWarnings, 0)).toBe(60);
    expect(results.reduce((sum, r) => sum + r.caseWarnings, 0)).toBe(30);
    // A scan at once afterwards finds nothing left to warn.
    expect(await scanner.scan()).toMatchObject({ referralWarnings: 0, caseWarnings: 0 });
  }, 120_000);
});
