import { checkCharacter, maskIdNumber } from '../../src/access/identity-number';
import type { PiiCrypto } from '../../src/access/pii-crypto';
import { RowSink } from './bulk-insert';
import { SeededRandom } from './random';
import { iso } from './vocabulary';

// The applicant and household of a case (persons + household_members), as intake writes them:
// identity numbers sealed and blind-indexed with the hub's own PiiCrypto, masked copies for
// readers who may not see them whole. Only written when a benchmark reads them (the dashboard
// page does; the SLA scan does not).

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '郑'];
const GIVEN = ['秀英', '桂英', '秀兰', '玉兰', '建国', '建华', '国强', '志强', '淑珍', '海燕', '明', '强', '伟', '磊', '静', '丽', '芳', '军', '勇', '杰', '小明', '小红', '子涵', '浩然', '欣怡'];
const RELATIVES = ['SPOUSE', 'CHILD', 'CHILD', 'PARENT', 'GRANDCHILD', 'SIBLING', 'OTHER'];
const STAGES = ['PRESCHOOL', 'PRIMARY', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL', 'UNDERGRADUATE'];

export class Households {
  /** Blind indexes of the applicants of open cases: one open case per applicant (uq_cases_open_applicant). */
  private readonly openApplicants = new Set<string>();

  constructor(
    private readonly crypto: PiiCrypto,
    private readonly random: SeededRandom,
    private readonly rows: RowSink,
  ) {}

  /**
   * An identity number of someone registered in `township`'s county, born in `year`. Never born
   * on 1 January: the benches' own applications use those (bench/floor/intake.ts).
   */
  private idNumber(township: string, year: number): string {
    const { random } = this;
    const date = `${year}${String(random.int(1, 12)).padStart(2, '0')}${String(random.int(2, 28)).padStart(2, '0')}`;
    const first17 = `${township.slice(0, 6)}${date}${String(random.int(0, 999)).padStart(3, '0')}`;
    return first17 + checkCharacter(first17);
  }

  /** The applicant's identity number: for an open case, one no other open case has. Returns its blind index. */
  applicantIndex(township: string, open: boolean): { idNumber: string; index: string } {
    for (;;) {
      const idNumber = this.idNumber(township, this.random.int(1945, 2004));
      const index = this.crypto.blindIndex(idNumber);
      if (!open) return { idNumber, index };
      if (this.openApplicants.has(index)) continue;
      this.openApplicants.add(index);
      return { idNumber, index };
    }
  }

  /** Writes the household: the applicant (position 0, SELF) and size − 1 relatives. */
  async write(caseId: string, township: string, acceptedAt: number, size: number, applicant: { id: string; idNumber: string; index: string }): Promise<void> {
    const { random } = this;
    const at = iso(acceptedAt);
    for (let position = 0; position < size; position++) {
      const relation = position === 0 ? 'SELF' : random.pick(RELATIVES);
      const child = relation === 'CHILD' || relation === 'GRANDCHILD';
      const idNumber = position === 0 ? applicant.idNumber : this.idNumber(township, child ? random.int(2004, 2022) : random.int(1940, 2000));
      const personId = position === 0 ? applicant.id : random.idAt(acceptedAt);
      await this.rows.add('persons', {
        id: personId,
        name: random.pick(SURNAMES) + random.pick(GIVEN),
        id_number_sealed: this.crypto.encrypt(idNumber),
        id_number_index: position === 0 ? applicant.index : this.crypto.blindIndex(idNumber),
        id_number_masked: maskIdNumber(idNumber),
        phone_sealed: position === 0 ? this.crypto.encrypt(`138${String(random.int(0, 99_999_999)).padStart(8, '0')}`) : null,
        created_at: at,
        updated_at: at,
      });
      const adult = !child;
      await this.rows.add('household_members', {
        id: random.idAt(acceptedAt),
        case_id: caseId,
        person_id: personId,
        position,
        relation,
        monthly_income_fen: adult && random.chance(0.5) ? random.int(0, 2500) * 100 : 0,
        school_stage: child && random.chance(0.8) ? random.pick(STAGES) : null,
        labor_capable: adult && random.chance(0.6) ? 1 : 0,
        employed: adult && random.chance(0.3) ? 1 : 0,
        disabled: random.chance(0.08) ? 1 : 0,
        seriously_ill: random.chance(0.12) ? 1 : 0,
      });
    }
  }
}
