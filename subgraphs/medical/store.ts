import { createHash } from 'node:crypto';

// The medical insurance bureau's data, simulated: the settlements of the referrals the bureau
// received and the enrolment of insured people, each with the division code it belongs to (the
// township of the referral's case, as the hub sent it; the person's place of enrolment, 参保地).
// The bureau answers only for what it holds — an id it never received is unknown, whatever a
// caller claims about it — and the subgraph scopes every answer by these codes. What a record
// holds was put there (tests, demos) or derived from the id, the same every time: a real bureau
// would answer from its settlement and enrolment systems. Look-ups come in batches.

export interface MedicalSettlement {
  insuredStatus: 'INSURED' | 'NOT_INSURED' | 'SUSPENDED';
  reimbursedFen: number;
  selfPaidFen: number;
  settledAt: string;
}

export interface MedicalInsurance {
  scheme: 'URBAN_EMPLOYEE' | 'URBAN_RURAL_RESIDENT';
  insuredSince: string;
}

/** A referral the bureau received: the township it came from, and its settlement (null: not settled yet). */
export interface SettlementRecord {
  townshipCode: string;
  settlement: MedicalSettlement | null;
}

/** An insured person: where they are enrolled, and their insurance (null: not enrolled). */
export interface InsuranceRecord {
  regionCode: string;
  insurance: MedicalInsurance | null;
}

const hashOf = (id: string) => createHash('sha256').update(id).digest();

export class MedicalStore {
  private readonly settlements = new Map<string, SettlementRecord>();
  private readonly insurances = new Map<string, InsuranceRecord>();
  /** Batched look-ups served so far (a test counts them: one per request, not one per entity). */
  batches = 0;

  /** Records a referral the bureau received from `townshipCode`; without a settlement, a simulated one. */
  setSettlement(referralId: string, townshipCode: string, settlement: MedicalSettlement | null = simulatedSettlement(referralId)): void {
    this.settlements.set(referralId, { townshipCode, settlement });
  }

  /** Records a person enrolled in `regionCode`; without an insurance, a simulated one. */
  setInsurance(personId: string, regionCode: string, insurance: MedicalInsurance | null = simulatedInsurance(personId)): void {
    this.insurances.set(personId, { regionCode, insurance });
  }

  /** The bureau's records of these referrals, in order (null: a referral it never received). */
  async settlementsOf(referralIds: readonly string[]): Promise<Array<SettlementRecord | null>> {
    this.batches++;
    return referralIds.map((id) => this.settlements.get(id) ?? null);
  }

  /** The bureau's records of these people, in order (null: not known to it). */
  async insurancesOf(personIds: readonly string[]): Promise<Array<InsuranceRecord | null>> {
    this.batches++;
    return personIds.map((id) => this.insurances.get(id) ?? null);
  }
}

function simulatedSettlement(referralId: string): MedicalSettlement | null {
  const h = hashOf(referralId);
  if (h[0] % 10 >= 7) return null; // about three in ten not settled yet
  const status = h[1] % 10 === 0 ? 'SUSPENDED' : h[1] % 10 === 1 ? 'NOT_INSURED' : 'INSURED';
  const total = 200_000 + h.readUInt32BE(2) % 2_000_000; // 2,000–22,000 yuan of expenses
  const reimbursedFen = status === 'INSURED' ? Math.round(total * 0.7) : Math.round(total * 0.3);
  const day = 1 + (h[6] % 28);
  return { insuredStatus: status, reimbursedFen, selfPaidFen: total - reimbursedFen, settledAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000+08:00` };
}

function simulatedInsurance(personId: string): MedicalInsurance | null {
  const h = hashOf(personId);
  if (h[0] % 20 === 0) return null;
  return { scheme: h[1] % 3 === 0 ? 'URBAN_EMPLOYEE' : 'URBAN_RURAL_RESIDENT', insuredSince: `${2008 + (h[2] % 17)}-01-01` };
}
