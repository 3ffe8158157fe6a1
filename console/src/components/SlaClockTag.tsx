// An SLA clock as one coloured tag: the state and the working days left ("临期 · 剩2个工作日",
// "超期 3个工作日"); once finished only the verdict (按期办结 / 超期办结).

import { Tag } from 'antd';
import { SLA_COLOR, SLA_STATE, label } from '../labels';

export interface SlaClock {
  state: string;
  workingDaysLeft: number;
}

export function slaClockText(sla: SlaClock, paused = false): string {
  const name = label(SLA_STATE, sla.state);
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

/**
 * Darker text where antd's preset tag text falls below 4.5:1 on the tag's own background
 * (orange 3.3:1, cyan 3.4:1): the next shade of the same palette.
 */
const READABLE_TEXT: Record<string, string> = { orange: '#ad4e00', cyan: '#006d75', green: '#237804' };

export function SlaClockTag({ sla, paused = false }: { sla: SlaClock; paused?: boolean }) {
  const color = SLA_COLOR[sla.state];
  return (
    <Tag color={color} style={{ marginInlineEnd: 0, color: READABLE_TEXT[color] }}>
      {slaClockText(sla, paused)}
    </Tag>
  );
}
