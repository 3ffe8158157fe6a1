import type { CallbackRequest, DeliveryOutcome, DepartmentAdapter, PartnerAnswer } from '../src/delivery/department-adapter';
import { connectionOf, parsePartners } from '../src/delivery/partners-file';
import { eventually } from '../test/support/eventually';
import { testNotice, testReferral, wrongCredentials } from './conformance';
import { PartnerFleet, PUSH_DEPARTMENTS, PushDepartment, startPartnerFleet } from './fleet';
import { PROTOCOLS } from './index';
import { CallbackReceiver, startCallbackReceiver } from './shared/callback-receiver';
import { FRESHNESS_WINDOW_MS } from './shared/signing';
import { NO_ANSWERS, NO_FAULTS } from './shared/simulator-kit';

// The contract every protocol keeps, written once and run over the six partner systems (each
// department's simulator speaking its protocol over real HTTP, through the hub's own adapter):
// delivery and cancellation exactly once under repeats, refusals of the hub's credentials in the
// protocol's own shape (retried, nothing applied), every fault of the wire, and callbacks in order,
// repeated, out of order, tampered, replayed and stale. What only one protocol does (its envelope,
// its token, its WSDL) stays in that department's own tests.

/** Where a protocol answers otherwise than the rest, by design (its README says so). */
const MALFORMED_ANSWER: Partial<Record<PushDepartment, (o: DeliveryOutcome) => boolean>> = {
  // A webhook's 2xx is the delivery: a body it cannot read is taken without a reference.
  CHARITY: (o) => o.ok && o.externalRef === null,
};
const NO_ANSWER = ['UNREACHABLE', 'TIMEOUT', 'MALFORMED_REPLY'];
/** Protocols without a supervision notice message (督办单): that department reads its notices through the hub's API. None today. */
const NO_NOTICE_MESSAGE: readonly PushDepartment[] = [];

describe.each(PUSH_DEPARTMENTS)('the adapter contract: %s', (department) => {
  let fleet: PartnerFleet;
  let receiver: CallbackReceiver;
  let adapter: DepartmentAdapter;
  /** Every callback request the simulator sent, as the hub's endpoint received it. */
  const requests: CallbackRequest[] = [];
  // Generous deadlines for what must succeed (SM2 signing on a loaded machine takes its time); short ones where a fault is the point.
  const signal = (ms = 10_000) => AbortSignal.timeout(ms);

  beforeAll(async () => {
    // The hub's callback endpoint stands in here: it reads each request with the adapter (its inbox
    // applies a message once and refuses a nonce used before, as the hub's does).
    receiver = await startCallbackReceiver((request) => {
      requests.push(request);
      return adapter.readCallback(request, new Date());
    });
    fleet = await startPartnerFleet(receiver.url, { timeoutSeconds: 10 });
    const settings = parsePartners(fleet.partnersFile, PROTOCOLS).find((p) => p.department === department)!;
    const protocol = PROTOCOLS.find((p) => p.name === settings.protocol)!;
    adapter = protocol.create(connectionOf(settings, fleet.env, receiver.url));
  });
  afterAll(async () => {
    await fleet.close();
    await receiver.close();
  });
  const sim = () => fleet.simulators[department];
  afterEach(() => {
    Object.assign(sim().faults, NO_FAULTS);
    Object.assign(sim().answers, NO_ANSWERS);
  });

  describe('delivery', () => {
    it('a referral sent twice is delivered once, with one reference', async () => {
      const referral = testReferral(department);
      const first = await adapter.deliver(referral, signal());
      const again = await adapter.deliver(referral, signal());
      expect(first).toMatchObject({ ok: true });
      expect(again).toEqual(first);
      expect(sim().ledger.entries('DELIVER').filter((e) => e.key === referral.referralId)).toHaveLength(1);
    });

    it('a cancellation is taken, and taken again when repeated, once', async () => {
      const referral = testReferral(department);
      const delivered = await adapter.deliver(referral, signal());
      const cancellation = { referralId: referral.referralId, caseNo: referral.caseNo, externalRef: delivered.ok ? delivered.externalRef : null, reason: 'WITHDRAWN' };
      expect(await adapter.cancel(cancellation, signal())).toMatchObject({ ok: true });
      expect(await adapter.cancel(cancellation, signal())).toMatchObject({ ok: true });
      expect(sim().ledger.entries('CANCEL').filter((e) => e.key === referral.referralId)).toHaveLength(1);
    });

    it('wrong credentials are refused in the protocol’s own shape, retried (the content was never judged), and nothing is applied', async () => {
      const settings = parsePartners(fleet.partnersFile, PROTOCOLS).find((p) => p.department === department)!;
      const connection = connectionOf(settings, fleet.env, receiver.url);
      const forged = PROTOCOLS.find((p) => p.name === settings.protocol)!.create({ ...connection, credentials: wrongCredentials(connection.credentials) });
      const referral = testReferral(department);
      const refused = await forged.deliver(referral, signal());
      expect(refused).toMatchObject({ ok: false, retryable: true });
      expect(NO_ANSWER).not.toContain((refused as { reason: string }).reason);
      expect(sim().ledger.has(referral.referralId)).toBe(false);
    });
  });

  describe('supervision notices (督办单)', () => {
    it('a notice on a referral the partner holds is taken once under repeats, with no personal data; one on a referral it never had is refused', async () => {
      if (NO_NOTICE_MESSAGE.includes(department)) {
        expect(adapter.supervise).toBeUndefined();
        return;
      }
      const referral = testReferral(department);
      const delivered = await adapter.deliver(referral, signal());
      expect(delivered).toMatchObject({ ok: true });
      const notice = testNotice(referral.referralId, delivered.ok ? delivered.externalRef : null);
      expect(await adapter.supervise!(notice, signal())).toMatchObject({ ok: true });
      expect(await adapter.supervise!(notice, signal())).toMatchObject({ ok: true });
      const applied = sim().ledger.entries('NOTICE').filter((e) => e.key === notice.noticeId);
      expect(applied).toHaveLength(1);
      const wire = JSON.stringify(applied[0].body);
      expect(wire).toContain(notice.respondBy);
      for (const person of referral.household) {
        expect(wire).not.toContain(person.idNumber);
        expect(wire).not.toContain(person.name);
      }
      const stranger = testNotice(testReferral(department).referralId, null);
      expect(await adapter.supervise!(stranger, signal())).toMatchObject({ ok: false, retryable: false });
      expect(sim().ledger.has(stranger.noticeId, 'NOTICE')).toBe(false);
    });
  });

  describe('faults of the wire', () => {
    it('down: UNREACHABLE, retried', async () => {
      sim().faults.down = true;
      expect(await adapter.deliver(testReferral(department), signal())).toEqual({ ok: false, retryable: true, reason: 'UNREACHABLE' });
    });

    it('slower than the deadline: TIMEOUT, retried', async () => {
      sim().faults.slowMs = 3000;
      expect(await adapter.deliver(testReferral(department), signal(1500))).toEqual({ ok: false, retryable: true, reason: 'TIMEOUT' });
    });

    it('a server error: retried, nothing applied', async () => {
      sim().faults.serverError = true;
      const referral = testReferral(department);
      expect(await adapter.deliver(referral, signal())).toMatchObject({ ok: false, retryable: true });
      expect(sim().ledger.has(referral.referralId)).toBe(false);
    });

    it('applied but never answered: TIMEOUT, and sending again is a repeat, not a second effect', async () => {
      sim().faults.timeoutAfterAccept = true;
      const referral = testReferral(department);
      expect(await adapter.deliver(referral, signal(1500))).toEqual({ ok: false, retryable: true, reason: 'TIMEOUT' });
      expect(sim().ledger.has(referral.referralId)).toBe(true);
      sim().faults.timeoutAfterAccept = false;
      const repeats = sim().ledger.repeats;
      expect(await adapter.deliver(referral, signal())).toMatchObject({ ok: true });
      expect(sim().ledger.entries('DELIVER').filter((e) => e.key === referral.referralId)).toHaveLength(1);
      expect(sim().ledger.repeats).toBe(repeats + 1);
    });

    it('an answer the protocol does not define: MALFORMED_REPLY, retried (unless the protocol says otherwise)', async () => {
      sim().faults.malformed = true;
      const outcome = await adapter.deliver(testReferral(department), signal());
      const expected = MALFORMED_ANSWER[department] ?? ((o: DeliveryOutcome) => !o.ok && o.retryable && o.reason === 'MALFORMED_REPLY');
      expect({ outcome, asExpected: expected(outcome) }).toEqual({ outcome, asExpected: true });
    });
  });

  describe('callbacks', () => {
    /** Delivers a referral with the simulator answering by itself; resolves with the answers the hub's endpoint took for it. */
    async function answersFor(expected: number): Promise<{ referralId: string; taken: Array<{ result: string | null; answer: PartnerAnswer }> }> {
      const referral = testReferral(department);
      expect(await adapter.deliver(referral, signal())).toMatchObject({ ok: true });
      const forIt = () =>
        receiver.received.flatMap((r) =>
          r.reading.accepted ? r.reading.answers.filter((a) => a.referralId === referral.referralId).map((answer) => ({ result: r.result, answer })) : [],
        );
      await eventually(() => forIt().length >= expected, { timeout: 10_000, interval: 10, what: `${expected} callbacks for the referral` });
      return { referralId: referral.referralId, taken: forIt() };
    }

    it('the acknowledgement, then the decision: each read, signed, and taken', async () => {
      Object.assign(sim().answers, { acknowledgeAfterMs: 1, decide: { afterMs: 20, decision: 'APPROVED' } });
      const { taken } = await answersFor(2);
      expect(taken.map((t) => [t.result, t.answer.kind])).toEqual([
        ['APPLIED', 'ACKNOWLEDGED'],
        ['APPLIED', 'RESOLVED'],
      ]);
    });

    it('each callback sent twice: the second is the same message, never applied again', async () => {
      Object.assign(sim().answers, { acknowledgeAfterMs: 1, decide: { afterMs: 40, decision: 'REJECTED' } });
      sim().faults.duplicateCallbacks = true;
      const { taken } = await answersFor(4);
      expect(taken.filter((t) => t.result === 'APPLIED').map((t) => t.answer.kind)).toEqual(['ACKNOWLEDGED', 'RESOLVED']);
      expect(taken.filter((t) => t.result !== 'APPLIED')).toHaveLength(2);
    });

    it('out of order: the decision arrives first and is taken', async () => {
      Object.assign(sim().answers, { acknowledgeAfterMs: 1, decide: { afterMs: 20, decision: 'APPROVED' } });
      sim().faults.outOfOrderCallbacks = true;
      const { taken } = await answersFor(2);
      expect(taken.map((t) => t.answer.kind)).toEqual(['RESOLVED', 'ACKNOWLEDGED']);
    });

    describe('a callback tampered with, replayed or stale', () => {
      let captured: CallbackRequest;
      let referralId: string;
      beforeAll(async () => {
        Object.assign(sim().answers, { acknowledgeAfterMs: 1 });
        ({ referralId } = await answersFor(1));
        captured = requests.find((r) => r.rawBody.toString('utf8').includes(referralId))!;
        expect(captured).toBeDefined();
      });

      it('its body changed by one character (the referral it names): refused, with the protocol’s reply', async () => {
        const body = captured.rawBody.toString('utf8');
        const at = body.indexOf(referralId) + referralId.length - 1;
        const tampered = { ...captured, rawBody: Buffer.from(body.slice(0, at) + (body[at] === 'A' ? 'B' : 'A') + body.slice(at + 1)) };
        const reading = await adapter.readCallback(tampered, new Date());
        expect(reading.accepted).toBe(false);
        expect(!reading.accepted && reading.reply.status).toBeGreaterThanOrEqual(400);
      });

      it('the very same request sent again: not applied again', async () => {
        const res = await fetch(`${receiver.url}${captured.path}`, { method: captured.method, headers: captured.headers as Record<string, string>, body: new Uint8Array(captured.rawBody) });
        expect(res.status).toBeGreaterThanOrEqual(200);
        const last = receiver.received[receiver.received.length - 1];
        expect(last.result).not.toBe('APPLIED');
      });

      it(`read more than the freshness window (${FRESHNESS_WINDOW_MS / 60_000} minutes) after it was signed: refused`, async () => {
        const later = new Date(Date.now() + FRESHNESS_WINDOW_MS + 60_000);
        const reading = await adapter.readCallback(captured, later);
        expect(reading).toMatchObject({ accepted: false });
        expect(!reading.accepted && reading.reply.status).toBeGreaterThanOrEqual(400);
      });
    });
  });
});
