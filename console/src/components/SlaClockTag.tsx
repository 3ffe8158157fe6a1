// An SLA clock as one coloured tag: the state and the working days left ("临期 · 剩2个工作日",
// "超期 3个工作日"); once finished only the verdict (按期办结 / 超期办结, or the caller's own words
// for a clock that ends in something else than a decision, e.g. 按期受理).

import { Tag } from 'antd';
import { SLA_COLOR, SLA_STATE, label } from '../labels';
import { PAUSED_STATUSES } from '../../../src/referrals/referral-status';

/** A referral's clock stands still in `status`: 补正, or a typed step (入户调查, 经济状况核对, 评估). */
export function isPaused(status: string): boolean {
  return (PAUSED_STATUSES as readonly string[]).includes(status);
}

export interface SlaClock {
  state: string;
  workingDaysLeft: number;
}

/** Words for a finished clock (MET, MISSED) in place of the resolution clock's 按期办结 / 超期办结. */
export type SlaVerdicts = Partial<Record<'MET' | 'MISSED', string>>;

export function slaClockText(sla: SlaClock, paused = false, verdicts?: SlaVerdicts): string {
  const name = verdicts?.[sla.state as keyof SlaVerdicts] ?? label(SLA_STATE, sla.state);
  const left = sla.workingDaysLeft;
  switch (sla.state) {
    case 'OVERDUE':
      return left < 0 ? `${name} ${-left}个工作日` : name;
    case 'ON_TRACK':
    case 'AT_RISK':
      return `${name} · 剩${left}个工作日${paused ? '（暂停计时）' : ''}`;
    default:
      return name;
  }
}

export function SlaClockTag({ sla, paused = false, verdicts }: { sla: SlaClock; paused?: boolean; verdicts?: SlaVerdicts }) {
  // Solid colours with white text (labels.SLA_COLOR), each at least 4.5:1.
  return (
    <Tag color={SLA_COLOR[sla.state]} style={{ marginInlineEnd: 0 }}>
      {slaClockText(sla, paused, verdicts)}
    </Tag>
  );
}
