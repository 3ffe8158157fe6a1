import { createHash } from 'node:crypto';

// The medical insurance bureau's data, simulated: a small store keyed by referral and person. What
// it holds was put there (tests, demos) or is derived from the id, the same every time — a real
// bureau would answer from its settlement and enrolment systems. Look-ups come in batches.

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

const hashOf = (id: string) => createHash('sha256').update(id).digest();

export class MedicalStore {
  private readonly settlements = new Map<string, MedicalSettlement | null>();
  private readonly insurances = new Map<string, MedicalInsurance | null>();
  /** Batched look-ups served so far (a test counts them: one per request, not one per entity). */
  batches = 0;

  setSettlement(referralId: string, settlement: MedicalSettlement | null): void {
    this.settlements.set(referralId, settlement);
  }

  setInsurance(personId: string, insurance: MedicalInsurance | null): void {
    this.insurances.set(personId, insurance);
  }

  /** Settlements of these referrals, in order (null: not settled yet). */
  async settlementsOf(referralIds: readonly string[]): Promise<Array<MedicalSettlement | null>> {
    this.batches++;
    return referralIds.map((id) => (this.settlements.has(id) ? this.settlements.get(id)! : simulatedSettlement(id)));
  }

  /** Basic medical insurance of these people, in order (null: not enrolled). */
  async insurancesOf(personIds: readonly string[]): Promise<Array<MedicalInsurance | null>> {
    this.batches++;
    return personIds.map((id) => (this.insurances.has(id) ? this.insurances.get(id)! : simulatedInsurance(id)));
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
