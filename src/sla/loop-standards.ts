import { Department } from '../access/roles';
import { IsoDate } from '../common/dates';
import { entryInForce } from '../common/regional-data';

// The closed loop's regional data (闭环标准), kept like the 低保 lines and the register's standards:
// versioned by effective date, the entry in force on a day being the latest whose `effectiveFrom` is
// on or before it, of the longest region prefix that matches the township.

/** Why a referral's clock is paused (暂停计时的事由). */
export enum PauseType {
  MATERIALS = 'MATERIALS', // 补正: the applicant's materials, recorded by the township
  PUBLIC_NOTICE = 'PUBLIC_NOTICE', // 公示: a 低保 or 特困 approval on public notice
  HOUSEHOLD_VISIT = 'HOUSEHOLD_VISIT', // 入户调查
  FINANCIAL_CHECK = 'FINANCIAL_CHECK', // 经济状况核对 by the verification platform
  ASSESSMENT = 'ASSESSMENT', // 评估: disability or self-care assessment
}

/** How long a pause of a type may run: working days, or calendar days where practice counts those (公示 "为期7天"). */
export interface PauseMaximum {
  days: number;
  unit: 'WORKING_DAYS' | 'CALENDAR_DAYS';
}

export interface LoopStandard {
  /** Administrative-division code prefix ('' = everywhere). */
  prefix: string;
  effectiveFrom: IsoDate;
  source: string;
  /** Working days a department has to acknowledge (受理) a referral once it is before it. */
  acknowledgeDays: Record<Department, number>;
  /** How long each kind of pause may run before it warns (for 补正: the township's time to record the materials). */
  pauseMaximum: Record<PauseType, PauseMaximum>;
  /** Working days a department has to answer a supervision notice (督办单) before it escalates. */
  supervisionAnswerDays: number;
  /** Working days after a refusal (不予批准) for the applicant to be told in writing, with the reason. */
  refusalNoticeDays: number;
}

/**
 * An acknowledgement is AT_RISK when this many working days or fewer are left: the same everywhere
 * (the SLA scan and the filters judge every region in one range), the last working day but one.
 */
export const ACKNOWLEDGE_WARNING_DAYS = 1;

/** A pause is AT_RISK when this many working days or fewer are left before its maximum runs out. */
export const PAUSE_WARNING_DAYS = 1;

/** Telling an applicant of a refusal is AT_RISK with this many working days or fewer left, like an acknowledgement. */
export const REFUSAL_NOTICE_WARNING_DAYS = 1;

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
  pauseMaximum: {
    // 民政部《最低生活保障审核确认办法》(2021): the approval is on public notice for 7 days.
    [PauseType.PUBLIC_NOTICE]: { days: 7, unit: 'CALENDAR_DAYS' },
    // The hub's defaults, each to be set by the region: two working weeks for the applicant's
    // materials to be recorded, a household visit or the verification platform's report, four
    // for a disability or self-care assessment.
    [PauseType.MATERIALS]: { days: 10, unit: 'WORKING_DAYS' },
    [PauseType.HOUSEHOLD_VISIT]: { days: 10, unit: 'WORKING_DAYS' },
    [PauseType.FINANCIAL_CHECK]: { days: 10, unit: 'WORKING_DAYS' },
    [PauseType.ASSESSMENT]: { days: 20, unit: 'WORKING_DAYS' },
  },
  // The hub's default: 督办件 are commonly to be answered (反馈) within three working days.
  supervisionAnswerDays: 3,
  // 民政部《最低生活保障审核确认办法》(民发〔2021〕57号): a refusal is told to the applicant in
  // writing, with the reason, within 3 working days of the decision; the hub holds every refusal
  // at the window to it, whatever the department (the applicant came to one door).
  refusalNoticeDays: 3,
};

export const LOOP_STANDARDS: readonly LoopStandard[] = [DEFAULT_LOOP_STANDARD];

/** The standard in force for a township on a day. */
export function loopStandardFor(townshipCode: string, on: IsoDate, standards: readonly LoopStandard[] = LOOP_STANDARDS): LoopStandard {
  return entryInForce(standards, townshipCode, on) ?? DEFAULT_LOOP_STANDARD;
}
