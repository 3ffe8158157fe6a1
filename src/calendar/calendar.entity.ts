import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An exception to Monday–Friday in a published year (or a named weekend day of a holiday). */
@Entity({ name: 'calendar_days' })
@Index('idx_calendar_days_year', ['year'])
export class CalendarDayEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 }) date: string;
  @Column({ type: 'int' }) year: number;
  @Column({ type: 'boolean' }) workday: boolean;
  @Column({ type: 'varchar', length: 50, nullable: true }) name: string | null;
}

/** A year whose official calendar is loaded; years not here count Monday–Friday (provisional). */
@Entity({ name: 'calendar_years' })
export class CalendarYearEntity {
  @PrimaryColumn({ type: 'int' }) year: number;
  @Column({ name: 'published_at', type: 'varchar', length: 24 }) publishedAt: string;
  @Column({ name: 'published_by', type: 'varchar', length: 100 }) publishedBy: string;
}
