import { Department } from '../access/roles';
import { IsoDate } from '../common/dates';
import { entryInForce } from '../common/regional-data';

// The closed loop's regional data (闭环标准), kept like the 低保 lines and the register's standards:
// versioned by effective date, the entry in force on a day being the latest whose `effectiveFrom` is
// on or before it, of the longest region prefix that matches the township.

export interface LoopStandard {
  /** Administrative-division code prefix ('' = everywhere). */
  prefix: string;
  effectiveFrom: IsoDate;
  source: string;
  /** Working days a department has to acknowledge (受理) a referral once it is before it. */
  acknowledgeDays: Record<Department, number>;
}

/**
 * An acknowledgement is AT_RISK when this many working days or fewer are left: the same everywhere
 * (the SLA scan and the filters judge every region in one range), the last working day but one.
 */
export const ACKNOWLEDGE_WARNING_DAYS = 1;

/**
 * 首问负责制、"转介"工作制和限时办理制度 set a time limit on every step but publish no national
 * figure for a department's acknowledgement: two working days is the hub's default (a referral
 * pushed on Monday is taken on by Wednesday).
 */
export const DEFAULT_LOOP_STANDARD: LoopStandard = {
  prefix: '',
  effectiveFrom: '2024-01-01',
  source: '默认标准（限时办理制度；受理时限为本系统默认值）',
  acknowledgeDays: {
    [Department.CIVIL_AFFAIRS]: 2,
    [Department.MEDICAL]: 2,
    [Department.EDUCATION]: 2,
    [Department.HOUSING]: 2,
    [Department.EMPLOYMENT]: 2,
    [Department.JUDICIAL]: 2,
    [Department.CHARITY]: 2,
  },
};

export const LOOP_STANDARDS: readonly LoopStandard[] = [DEFAULT_LOOP_STANDARD];

/** The standard in force for a township on a day. */
export function loopStandardFor(townshipCode: string, on: IsoDate, standards: readonly LoopStandard[] = LOOP_STANDARDS): LoopStandard {
  return entryInForce(standards, townshipCode, on) ?? DEFAULT_LOOP_STANDARD;
}
