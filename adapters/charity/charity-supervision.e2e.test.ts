import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment } from '../../test/support/environment';
import { describeDb } from '../../test/support/test-database';
import { application } from '../../test/support/applications';
import { SUBMIT } from '../../test/support/operations';
import { parsePartners } from '../../src/delivery/partners-file';
import { NO_ANSWERS, Simulator } from '../shared/simulator-kit';
import { CharityAdapter, charityProtocol } from './index';
import { startCharitySimulator } from './simulator';

// Supervision notices (督办单) pushed to a PUSH department over its own protocol: the county's
// notice on an overdue acknowledgement and the city's after it escalates each reach the charity
// federation's system once, signed like a delivery, carrying the ask and no personal data; a PULL
// department's notice stays in the API.

const SIGNING = 'charity-signing-secret-0123456789';
const CALLBACK = 'charity-callback-secret-9876543210';

describeDb('supervision notices pushed over the charity webhook', () => {
  let env: TestEnvironment;
  let sim: Simulator;
  let clerk: string;

  beforeAll(async () => {
    sim = await startCharitySimulator({ signingSecret: SIGNING, callbackSecret: CALLBACK, callbackUrl: 'http://127.0.0.1:9/' });
    Object.assign(sim.answers, NO_ANSWERS); // the federation never acknowledges: its clock runs out
    const connection = { department: Department.CHARITY, protocol: 'webhook', endpoint: new URL(sim.url), credentials: { signingSecret: SIGNING, callbackSecret: CALLBACK }, timeoutMs: 5_000, callbackUrl: '' };
    const partners = parsePartners(
      { partners: { CHARITY: { mode: 'PUSH', protocol: 'webhook', endpoint: sim.url, credentials: { signingSecret: 'S', callbackSecret: 'C' }, retryBudgetHours: 1 } } },
      [charityProtocol],
    );
    env = await createTestEnvironment({ now: '2026-04-07T09:00:00+08:00', hub: { partnerSetup: { adapters: [new CharityAdapter(connection)], partners } } });
    clerk = await env.token(Role.CLERK, '3707');
  });
  afterAll(async () => {
    await sim.close();
    await env.close();
  });

  const sql = (q: string, p: unknown[] = []) => env.running.services.uow.dataSource.query(q, p);
  const dispatcher = () => env.running.services.dispatcher;
  const at = (instant: string) => env.clock.set(instant);
  const outbox = (referralId: string) => sql("SELECT kind, state, subject_id FROM delivery_outbox WHERE referral_id = ? AND kind = 'NOTICE' ORDER BY created_at", [referralId]);

  it('sends the county notice and then the city one, each once, and keeps a PULL referral\'s notice in the API', async () => {
    const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['CHARITY', 'TEMPORARY'], hardship: { emergency: true } }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    const c = res.data.submitApplication.case;
    const pushed = c.referrals.find((r: any) => r.department === 'CHARITY').id;
    const pulled = c.referrals.find((r: any) => r.department === 'CIVIL_AFFAIRS').id;
    await dispatcher().drain(); // delivered on Tuesday 7 April: acknowledge by Thursday 9 April

    at('2026-04-13T09:00:00+08:00'); // Monday: overdue
    const first = await env.running.scanner.scan();
    expect(first.followUp.raised).toBe(2); // the charity referral's and civil affairs' (PULL, never claimed)
    const [county] = await outbox(pushed);
    expect(county).toMatchObject({ state: 'WAITING' });
    expect(await outbox(pulled)).toEqual([]);
    await dispatcher().drain();
    expect(await outbox(pushed)).toEqual([{ kind: 'NOTICE', state: 'SENT', subject_id: county.subject_id }]);
    const [sent] = sim.ledger.entries('NOTICE');
    expect(sent.key).toBe(county.subject_id);
    expect(sent.body).toEqual({
      noticeId: county.subject_id,
      referralId: pushed,
      caseNo: c.caseNo,
      reference: expect.any(String),
      clock: 'ACKNOWLEDGEMENT',
      level: 'COUNTY',
      supervisorRegion: '370783',
      dueDate: '2026-04-09',
      raisedOn: '2026-04-13',
      respondBy: '2026-04-16',
    });

    expect((await env.running.scanner.scan()).followUp.raised).toBe(0);
    await dispatcher().drain();
    expect(sim.ledger.entries('NOTICE')).toHaveLength(1);

    at('2026-04-17T09:00:00+08:00'); // unanswered by Thursday: up to the city
    expect((await env.running.scanner.scan()).followUp.escalated).toBe(2);
    await dispatcher().drain();
    const rows = await outbox(pushed);
    expect(rows.map((r: any) => r.state)).toEqual(['SENT', 'SENT']);
    expect(sim.ledger.entries('NOTICE').map((e) => (e.body as any).level)).toEqual(['COUNTY', 'CITY']);
    expect(sim.ledger.entries('NOTICE')[1]).toMatchObject({ key: rows[1].subject_id, body: { supervisorRegion: '3707', respondBy: '2026-04-22' } });
    // A repeat (as after a crash before the row was marked) is the same notice to the partner.
    await sql("UPDATE delivery_outbox SET state = 'WAITING' WHERE subject_id = ?", [rows[1].subject_id]);
    await dispatcher().drain();
    expect(sim.ledger.entries('NOTICE')).toHaveLength(2);
    // A notice closed while its row waited (the partner was down, the step got done) is not sent.
    const repeats = sim.ledger.repeats;
    await sql("UPDATE supervision_notices SET status = 'CLOSED' WHERE id = ?", [rows[1].subject_id]);
    await sql("UPDATE delivery_outbox SET state = 'WAITING' WHERE subject_id = ?", [rows[1].subject_id]);
    await dispatcher().drain();
    expect(await sql('SELECT state, last_error FROM delivery_outbox WHERE subject_id = ?', [rows[1].subject_id])).toEqual([{ state: 'SKIPPED', last_error: 'NOTICE_CLOSED' }]);
    expect(sim.ledger.repeats).toBe(repeats);
  });
});
