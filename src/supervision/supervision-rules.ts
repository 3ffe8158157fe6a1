import { IsoDate } from '../common/dates';

// The escalation ladder of supervision notices (督办), as rules: who supervises a township's
// departments at each level, and what moves a notice up. Pure.

/** Which clock of the referral ran out. */
export enum SupervisedClock {
  ACKNOWLEDGEMENT = 'ACKNOWLEDGEMENT', // 受理时限
  RESOLUTION = 'RESOLUTION', // 办理时限
}

/** The supervising level (督办层级): the county first, then the city. */
export enum SupervisionLevel {
  COUNTY = 'COUNTY',
  CITY = 'CITY',
}

export enum NoticeStatus {
  OPEN = 'OPEN', // waiting for the department's answer
  ANSWERED = 'ANSWERED', // answered with a reason and a promised date
  ESCALATED = 'ESCALATED', // moved to the next level
  CLOSED = 'CLOSED', // the step it was raised for is done
}

/** The ladder, lowest first. */
export const LEVELS: readonly SupervisionLevel[] = [SupervisionLevel.COUNTY, SupervisionLevel.CITY];

/** The division code of the level supervising a township's departments: the county's 6 digits, the city's 4. */
export function supervisorRegion(townshipCode: string, level: SupervisionLevel): string {
  return townshipCode.slice(0, level === SupervisionLevel.COUNTY ? 6 : 4);
}

/** The level above, or null at the top. */
export function nextLevel(level: SupervisionLevel): SupervisionLevel | null {
  return LEVELS[LEVELS.indexOf(level) + 1] ?? null;
}

/**
 * Whether a notice moves up today: not answered by its day, or answered with a date that has passed
 * while its step is still not done. Never from the top level.
 */
export function escalatesOn(notice: { level: string; status: string; respondBy: IsoDate; promisedDate: IsoDate | null }, today: IsoDate): boolean {
  if (nextLevel(notice.level as SupervisionLevel) === null) return false;
  if (notice.status === NoticeStatus.OPEN) return today > notice.respondBy;
  if (notice.status === NoticeStatus.ANSWERED) return notice.promisedDate !== null && today > notice.promisedDate;
  return false;
}

/** Answered on time: on or before its day. Null while unanswered. */
export function answeredOnTime(notice: { answeredOn: IsoDate | null; respondBy: IsoDate }): boolean | null {
  return notice.answeredOn === null ? null : notice.answeredOn <= notice.respondBy;
}
