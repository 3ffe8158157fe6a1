import { Department } from '../access/roles';

/**
 * The one seam between the hub and a department's system (push delivery, 推送). The dispatcher
 * (this module's side) calls it; each department's implementation lives in `adapters/<department>/`
 * (client.ts for the wire, mapping.ts pure and unit-tested, <department>.adapter.ts, simulator.ts,
 * README.md) and is registered in the AdapterRegistry at start-up. A department without an adapter
 * is PULL: its system leases referrals with the claimReferrals mutation.
 *
 * Every call takes an AbortSignal: the dispatcher gives each request a deadline and aborts it on
 * shutdown, and an adapter passes the signal to every network call it makes.
 */
export interface DepartmentAdapter {
  readonly department: Department;
  /**
   * Delivers one referral. `idempotencyKey` is the referral id: the department's system must
   * treat a repeat as the same delivery, which makes at-least-once delivery exactly-once in effect.
   */
  deliver(referral: ReferralDelivery, idempotencyKey: string, signal: AbortSignal): Promise<DeliveryOutcome>;
  /** Tells the department a referral was cancelled because its case was withdrawn. */
  cancel(referralId: string, reason: string, signal: AbortSignal): Promise<DeliveryOutcome>;
}

/** What a department receives about one referral: only what it needs to act. */
export interface ReferralDelivery {
  referralId: string;
  caseNo: string;
  category: string;
  townshipCode: string;
  dueDate: string;
  applicant: { name: string; idNumber: string };
}

export type DeliveryOutcome =
  | { ok: true; externalRef: string | null }
  | { ok: false; retryable: boolean; reason: string };
