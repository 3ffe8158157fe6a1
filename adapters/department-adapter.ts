import { Department } from '../src/access/roles';

/**
 * The one seam between the hub and a department's system (push delivery). Each department gets a
 * folder here (client.ts for the wire, mapping.ts pure and unit-tested, <department>.adapter.ts,
 * simulator.ts, README.md) and registers one implementation in a registry keyed by department.
 *
 * Until a department's adapter lands, the department is PULL: its system leases referrals with
 * the claimReferrals mutation. The dispatcher that drives these adapters (outbox, retries with
 * backoff and jitter, a circuit breaker per department) is not built yet.
 */
export interface DepartmentAdapter {
  readonly department: Department;
  /**
   * Delivers one referral. `idempotencyKey` is the referral id: the department's system must
   * treat a repeat as the same delivery, which makes at-least-once delivery exactly-once in effect.
   */
  deliver(referral: ReferralDelivery, idempotencyKey: string): Promise<DeliveryOutcome>;
  /** Tells the department a referral was cancelled because its case was withdrawn. */
  cancel(referralId: string, reason: string): Promise<DeliveryOutcome>;
}

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
