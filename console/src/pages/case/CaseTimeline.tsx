// The case's timeline (oldest first, as appended): the audit trail every party reads.

import { Card, Space, Timeline, Typography } from 'antd';
import { dateTime } from '../../format';
import { DEPARTMENT, TIMELINE_EVENT, label } from '../../labels';
import type { CaseEvent } from './types';

/** Who did it: a user id, a department (its system or its staff on the workbench), or the hub itself. */
export function actorName(actor: string): string {
  if (actor === 'SYSTEM') return '系统';
  return DEPARTMENT[actor] ?? actor;
}

const COLOR: Record<string, string> = {
  CASE_CLOSED: 'green',
  REFERRAL_RESOLVED: 'green',
  SLA_AT_RISK: 'orange',
  SLA_OVERDUE: 'red',
  ACKNOWLEDGEMENT_AT_RISK: 'orange',
  ACKNOWLEDGEMENT_OVERDUE: 'red',
  REFERRAL_DELIVERY_FAILED: 'red',
  CASE_WITHDRAWN: 'gray',
  REFERRAL_CANCELLED: 'gray',
};

export function CaseTimeline({ events }: { events: CaseEvent[] }) {
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>办理过程</h2>}>
      {events.length === 0 ? (
        <Typography.Text type="secondary">暂无办理记录</Typography.Text>
      ) : (
        <Timeline
          items={events.map((e, i) => ({
            key: `${e.at}-${i}`,
            color: COLOR[e.type] ?? 'blue',
            children: (
              <Space direction="vertical" size={0}>
                <Space size="small" wrap>
                  <Typography.Text strong>{label(TIMELINE_EVENT, e.type)}</Typography.Text>
                  {e.referral && <Typography.Text>· {label(DEPARTMENT, e.referral.department)}</Typography.Text>}
                  <Typography.Text type="secondary">
                    {dateTime(e.at)} · 经办：{actorName(e.actor)}
                  </Typography.Text>
                </Space>
                {e.note && <Typography.Text>{e.note}</Typography.Text>}
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}
