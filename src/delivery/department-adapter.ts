import { Department } from '../access/roles';

/**
 * The one seam between the hub and a department's system (push delivery, 推送). The dispatcher
 * (this module's side) calls it; each department's implementation lives in `adapters/<department>/`
 * (client.ts for the wire, mapping.ts pure and unit-tested, index.ts the adapter and its protocol,
 * simulator.ts, README.md) and is built from the partner file at start-up. A department without
 * an adapter is PULL: its system leases referrals with the claimReferrals mutation.
 *
 * Every network call takes an AbortSignal: the dispatcher gives each request a deadline and aborts
 * it on shutdown, and an adapter passes the signal to every call it makes.
 */
export interface DepartmentAdapter {
  readonly department: Department;
  readonly protocol: string;
  /**
   * Delivers one referral. `delivery.referralId` is the idempotency key every protocol carries:
   * the partner treats a repeat as the same delivery, which makes at-least-once delivery
   * exactly-once in effect.
   */
  deliver(delivery: ReferralDelivery, signal: AbortSignal): Promise<DeliveryOutcome>;
  /** Tells the partner a referral it holds was cancelled (the case was withdrawn); same key. */
  cancel(cancellation: ReferralCancellation, signal: AbortSignal): Promise<DeliveryOutcome>;
  /**
   * Tells the partner of a supervision notice (督办单) on a referral it holds: the supervising level
   * asks why a step is late and by when it will be done (the answer comes through the API,
   * answerSupervisionNotice). `notice.noticeId` is the idempotency key. A protocol without such a
   * message leaves it out: the department reads its notices through the API.
   */
  supervise?(notice: SupervisionNoticeMessage, signal: AbortSignal): Promise<DeliveryOutcome>;
  /** The people whose whole identity number `deliver` sends (the access log names them). */
  disclosedPersons(delivery: ReferralDelivery): string[];
  /**
   * Verifies and reads a callback the partner POSTed to /partners/<department>/callback, in the
   * partner's protocol: signature, timestamp window, shape. Pure apart from the clock reading;
   * asynchronous where the cryptography is costly (SM2 runs off the event loop), so that requests
   * nobody signed cannot hold the hub up.
   */
  readCallback(request: CallbackRequest, now: Date): CallbackReading | Promise<CallbackReading>;
  /** The public keys a partner may fetch to verify the hub's signatures (served at /.well-known/jwks.json). */
  signingKeys?(): Array<Record<string, string>>;
  /** Asynchronous protocols: asks the partner for what it decided when its callback is overdue. */
  queryStatus?(referralId: string, signal: AbortSignal): Promise<PartnerAnswer[]>;
}

/** A household member as a department may need it; each protocol's mapping picks what it sends. */
export interface DeliveredPerson {
  personId: string;
  name: string;
  idNumber: string;
  relation: string; // SELF | SPOUSE | CHILD | PARENT | …
  monthlyIncomeFen: number;
  schoolStage: string | null;
  laborCapable: boolean;
  employed: boolean;
  disabled: boolean;
  seriouslyIll: boolean;
}

/** What the hub holds about one referral; an adapter sends only what its department needs. */
export interface ReferralDelivery {
  /** The idempotency key. */
  referralId: string;
  caseNo: string;
  department: Department;
  category: string;
  townshipCode: string;
  acceptedDate: string;
  dueDate: string;
  householdSize: number;
  perCapitaMonthlyIncomeFen: number;
  /** The applicant first (relation SELF), then the other members. */
  household: DeliveredPerson[];
}

export interface ReferralCancellation {
  referralId: string;
  caseNo: string;
  /** The partner's own reference, when it gave one on delivery. */
  externalRef: string | null;
  reason: string;
}

/** A supervision notice as a partner receives it: no personal data, only the referral and the ask. */
export interface SupervisionNoticeMessage {
  /** The idempotency key. */
  noticeId: string;
  referralId: string;
  caseNo: string;
  /** The partner's own reference of the referral, when it gave one. */
  externalRef: string | null;
  /** Which clock ran out: ACKNOWLEDGEMENT (受理) or RESOLUTION (办结). */
  clock: string;
  /** COUNTY or CITY. */
  level: string;
  /** The supervising level's division code. */
  supervisorRegion: string;
  /** The day the step was due. */
  dueDate: string;
  raisedOn: string;
  /** The day the department must answer by (a reason and a promised date). */
  respondBy: string;
}

/**
 * `ok`: the partner has it (its reference when it gave one). Otherwise `retryable` says whether
 * trying again later can help (down, timeout, 5xx, 429) or not (the partner refused the content);
 * `reason` is a short code for logs and the timeline, never partner text or personal data.
 */
export type DeliveryOutcome = { ok: true; externalRef: string | null } | { ok: false; retryable: boolean; reason: string };

/** A callback request as received: the raw bytes, for signatures. Header names are lower case. */
export interface CallbackRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

/** What a partner reports about a referral. */
export type PartnerAnswer = { referralId: string; externalRef?: string | null } & (
  | { kind: 'ACKNOWLEDGED' }
  | { kind: 'SUPPLEMENT_REQUESTED'; materials: string[]; note?: string | null }
  | { kind: 'RESOLVED'; decision: 'APPROVED' | 'REJECTED'; amountFen?: number | null; note?: string | null }
);

/** An HTTP answer in the partner's protocol. */
export interface HttpReply {
  status: number;
  contentType: string;
  body: string;
}

/** How the hub applied a callback, for the protocol's reply. */
export type CallbackResult = 'APPLIED' | 'DUPLICATE' | 'REJECTED';

export type CallbackReading =
  | {
      accepted: false;
      /** Short code for the log and the metric (BAD_SIGNATURE, STALE_TIMESTAMP, MALFORMED …). */
      reason: string;
      reply: HttpReply;
    }
  | {
      accepted: true;
      /** The partner's message id: the inbox applies each message once. */
      messageId: string;
      /** A signed request's nonce: the hub refuses a second use (replay). */
      nonce: string | null;
      answers: PartnerAnswer[];
      /**
       * The answers are the partner's whole history of one referral (a status answer): the hub
       * applies only those after the answers it already has, as the status poller does.
       */
      history?: boolean;
      reply: (result: CallbackResult) => HttpReply;
    };

/** How a department's system is reached, from the partner file (secrets resolved). */
export interface PartnerConnection {
  department: Department;
  protocol: string;
  endpoint: URL;
  /** Credential values by the protocol's key names (read from the environment variables the file names). */
  credentials: Record<string, string>;
  timeoutMs: number;
  /** Where partners call back: <publicUrl>/partners/<department>/callback. */
  callbackUrl: string;
}

/** A protocol an adapter speaks, as the partner file names it. */
export interface PartnerProtocol {
  name: string;
  department: Department;
  /** Credential keys the partner file must give (each the NAME of an environment variable). */
  credentialKeys: readonly string[];
  /** Credential keys it may give besides (the adapter checks which combinations it accepts). */
  optionalCredentialKeys?: readonly string[];
  create(connection: PartnerConnection): DepartmentAdapter;
}
