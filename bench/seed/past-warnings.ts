import { RowSink } from './bulk-insert';
import { SeededRandom } from './random';
import { iso } from './vocabulary';
import { WorkingYear } from './working-year';

/** A timeline event of a case, collected while its history is made up and written in time order. */
export interface TimelineEntry {
  at: number;
  referralId: string | null;
  type: string;
  actor: string;
  note: string | null;
}

/** The sla_warnings rows (and their timeline events) of subjects that finished before today. */
export class PastWarnings {
  constructor(
    private readonly year: WorkingYear,
    private readonly random: SeededRandom,
    private readonly rows: RowSink,
  ) {}

  /** At risk from 3 working days before the due offset, overdue the day after it; none once finished. */
  async write(subjectId: string, type: 'CASE' | 'REFERRAL', age: number, dueOffset: number, finishOffset: number, note: string, timeline: TimelineEntry[]): Promise<void> {
    const warn = async (kind: string, offset: number) => {
      if (finishOffset < offset || offset > age) return;
      const at = this.year.at(age, offset, 0) + this.random.int(1, 59) * 1000; // the first scan of that day
      await this.rows.add('sla_warnings', { subject_id: subjectId, kind, subject_type: type, created_at: iso(at) });
      timeline.push({ at, referralId: type === 'REFERRAL' ? subjectId : null, type: kind, actor: 'SYSTEM', note });
    };
    await warn('SLA_AT_RISK', dueOffset - 3);
    await warn('SLA_OVERDUE', dueOffset + 1);
  }
}
