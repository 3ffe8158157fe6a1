import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// The report's daily rollup (日汇总): a day's figures for each region level a report can ask for
// (province 2, city 4, county 6 and township 9 digits), so a province's year
// is a sum over a few thousand rows instead of a count over a million cases. Written by
// ReportRollup for days that are over (report-rollup.ts); what counts is daily-figures.ts.

/** One day's figures for a region: department '' holds the case figures, a department its referrals'. */
@Entity({ name: 'report_days' })
// The township rows of a region's case figures (SlaReport.townships), read without the other levels' rows.
@Index('idx_report_days_townships', ['department', 'day', 'regionCode', 'opened', 'closed'])
// A day counted again replaces its rows, found by day (the key starts with the region).
@Index('idx_report_days_day', ['day'])
export class ReportDayEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 12 }) regionCode: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @PrimaryColumn({ type: 'varchar', length: 16 }) department: string;
  /** Cases accepted that day; for a department, its referrals accepted that day. */
  @Column({ type: 'int' }) opened: number;
  /** Cases closed that day; for a department, its referrals resolved that day. */
  @Column({ type: 'int' }) closed: number;
  /** Of those, the ones on time. */
  @Column({ name: 'closed_on_time', type: 'int' }) closedOnTime: number;
}

/** Referrals of a department resolved that day in a region, by working days from acceptance (for the median). */
@Entity({ name: 'report_resolutions' })
@Index('idx_report_resolutions_day', ['day'])
export class ReportResolutionEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 12 }) regionCode: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @PrimaryColumn({ type: 'varchar', length: 16 }) department: string;
  @PrimaryColumn({ name: 'working_days', type: 'int' }) workingDays: number;
  @Column({ type: 'int' }) referrals: number;
}

/** Referrals of a department acknowledged that day in a region, by working days taken (for the median), and how many on time. */
@Entity({ name: 'report_acknowledgements' })
@Index('idx_report_acknowledgements_day', ['day'])
export class ReportAcknowledgementEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 12 }) regionCode: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @PrimaryColumn({ type: 'varchar', length: 16 }) department: string;
  @PrimaryColumn({ name: 'working_days', type: 'int' }) workingDays: number;
  @Column({ type: 'int' }) referrals: number;
  @Column({ name: 'on_time', type: 'int' }) onTime: number;
}

/** One row: the last day the rollup holds (NULL before the first roll). Days after it are counted live. */
@Entity({ name: 'report_rollup' })
export class ReportRollupEntity {
  @PrimaryColumn({ type: 'int' }) id: number;
  @Column({ name: 'rolled_through', type: 'varchar', length: 10, nullable: true }) rolledThrough: string | null;
}
