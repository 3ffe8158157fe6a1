import type { CallbackReading } from '../../src/delivery/department-adapter';
import { StatusQueryError } from './index';
import { delivery, Hub, setup, waitFor } from './test-bureau';

// The justice adapter's status queries (registry/txn/status, asynchronous and synchronous) and the
// bureau's key read from its JWKS URL, against the simulated bureau (test-bureau.ts).

describe('the bureau’s key read from its JWKS URL', () => {
  it('verifies callbacks by kid against the bureau’s JWKS, and follows a rotated key without a restart', async () => {
    const { sim, hub, adapter, signal } = await setup({ bureauKeyFromJwks: true, timeoutMs: 5000, answers: { acknowledgeAfterMs: 10 } });
    const taken = () => hub.readings.filter((r): r is Extract<CallbackReading, { accepted: true }> => r.accepted);
    await waitFor(() => sim.jwksReads() === 1); // read at start
    expect(await adapter.deliver(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7ZH'), signal())).toMatchObject({ ok: true });
    await waitFor(() => hub.readings.length === 1);
    expect(taken().map((r) => r.answers[0].kind)).toEqual(['ACKNOWLEDGED']);

    // The bureau rotates its key: the first callback with the new kid is refused, and makes the
    // hub read the JWKS again; what the bureau sends next with the new key is taken.
    sim.rotateKey();
    expect(await adapter.deliver(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7ZJ'), signal())).toMatchObject({ ok: true });
    await waitFor(() => hub.readings.length === 2);
    expect(hub.readings[1]).toMatchObject({ accepted: false, reason: 'BAD_SIGNATURE' });
    await waitFor(() => sim.jwksReads() === 2);
    expect(await adapter.queryStatus('01JNQ7Y2D5R8K3M6T9V1W4X7ZJ', signal())).toEqual([]);
    await waitFor(() => hub.readings.length === 3);
    expect(taken()[1]).toMatchObject({ history: true, answers: [{ referralId: '01JNQ7Y2D5R8K3M6T9V1W4X7ZJ', kind: 'ACKNOWLEDGED' }] });
  });
});

describe('judicial status queries (txn/status)', () => {
  /** The status answers (txn-on-status) the hub's endpoint took, as histories. */
  const statusAnswers = (hub: Hub) =>
    hub.readings.filter((r): r is Extract<CallbackReading, { accepted: true }> => r.accepted && r.history === true).map((r) => r.answers);

  it('asks on the specification’s path (registry/txn/status, a TxnStatusRequest); the bureau ACKs and answers by a txn-on-status callback, the only way to learn the outcome with on-refer callbacks lost', async () => {
    const { sim, hub, adapter, signal } = await setup({
      callbacks: false,
      answers: { acknowledgeAfterMs: 10, supplement: { afterMs: 10, materials: ['经济困难状况说明表'] }, decide: { afterMs: 10, decision: 'APPROVED' } },
    });
    const referralId = '01JNQ7Y2D5R8K3M6T9V1W4X7ZC';
    expect(await adapter.queryStatus(referralId, signal())).toEqual([]); // ACKed: the answer follows
    await waitFor(() => statusAnswers(hub).length === 1);
    expect(statusAnswers(hub)[0]).toEqual([]); // nothing decided about an unknown transaction
    await adapter.deliver(delivery(referralId), signal());
    await waitFor(() => sim.decided(referralId).length === 3);
    expect(await adapter.queryStatus(referralId, signal())).toEqual([]);
    await waitFor(() => statusAnswers(hub).length === 2);
    expect(statusAnswers(hub)[1]).toEqual([
      { referralId, externalRef: 'D-1', kind: 'ACKNOWLEDGED' },
      { referralId, externalRef: 'D-1', kind: 'SUPPLEMENT_REQUESTED', materials: ['经济困难状况说明表'], note: null },
      { referralId, externalRef: 'D-1', kind: 'RESOLVED', decision: 'APPROVED', amountFen: null, note: null },
    ]);
    expect(hub.replies.every((r) => r.status === 200)).toBe(true);
    expect(hub.readings.filter((r) => r.accepted && !r.history)).toHaveLength(0);
    expect(sim.callbacks.byStatus[0]).toBe(3); // on-refer: decided, never sent
  });

  it('asks the synchronous way (registry/sync/txn/status) where the bureau offers it: the answer at once, no callback; elsewhere it falls back to the asynchronous way once and for all', async () => {
    const answers = { acknowledgeAfterMs: 10, decide: { afterMs: 10, decision: 'APPROVED' as const } };
    const offering = await setup({ callbacks: false, answers, syncStatus: true });
    const referralId = '01JNQ7Y2D5R8K3M6T9V1W4X7ZK';
    await offering.adapter.deliver(delivery(referralId), offering.signal());
    await waitFor(() => offering.sim.decided(referralId).length === 2);
    expect((await offering.adapter.queryStatus(referralId, offering.signal())).map((a) => a.kind)).toEqual(['ACKNOWLEDGED', 'RESOLVED']);
    expect(offering.hub.readings).toHaveLength(0); // nothing came by callback

    const notOffering = await setup({ callbacks: false, answers });
    await notOffering.adapter.deliver(delivery(referralId), notOffering.signal());
    await waitFor(() => notOffering.sim.decided(referralId).length === 2);
    expect(await notOffering.adapter.queryStatus(referralId, notOffering.signal())).toEqual([]); // 404 there: asked the asynchronous way
    await waitFor(() => statusAnswers(notOffering.hub).length === 1);
    expect(await notOffering.adapter.queryStatus(referralId, notOffering.signal())).toEqual([]);
    const statusPaths = notOffering.sim.posted.filter((p) => p.includes('txn/status'));
    expect(statusPaths).toEqual(['/registry/sync/txn/status', '/registry/txn/status', '/registry/txn/status']); // the synchronous path tried once
  });

  it('the status answer is in order even when the bureau decided out of order', async () => {
    const { sim, hub, adapter, signal } = await setup({ callbacks: false, answers: { acknowledgeAfterMs: 10, decide: { afterMs: 10, decision: 'REJECTED' } } });
    sim.faults.outOfOrderCallbacks = true;
    const referralId = '01JNQ7Y2D5R8K3M6T9V1W4X7ZD';
    await adapter.deliver(delivery(referralId), signal());
    await waitFor(() => sim.decided(referralId).length === 2);
    expect(sim.decided(referralId).map((a) => a.kind)).toEqual(['RESOLVED', 'ACKNOWLEDGED']);
    await adapter.queryStatus(referralId, signal());
    await waitFor(() => statusAnswers(hub).length === 1);
    expect(statusAnswers(hub)[0].map((a) => a.kind)).toEqual(['ACKNOWLEDGED', 'RESOLVED']);
  });

  it('throws a StatusQueryError with a short reason when the bureau cannot answer', async () => {
    const { sim, adapter, signal } = await setup();
    await adapter.deliver(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7ZE'), signal()); // holds a token now
    sim.faults.serverError = true;
    await expect(adapter.queryStatus('01JNQ7Y2D5R8K3M6T9V1W4X7ZE', signal())).rejects.toMatchObject({ name: 'StatusQueryError', reason: 'HTTP_503', retryable: true });
    sim.faults.serverError = false;
    sim.faults.malformed = true;
    await expect(adapter.queryStatus('01JNQ7Y2D5R8K3M6T9V1W4X7ZE', signal())).rejects.toBeInstanceOf(StatusQueryError);
  });
});

