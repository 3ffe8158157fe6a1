// The pauses of one referral's clock (暂停计时), oldest first: each step's type, when it began, why
// and on what document, the day it must end by with its own clock, and when it ended with what result.

import { Space, Table, Tag, Typography } from 'antd';
import { CATEGORY, DEPARTMENT, PAUSE_STATE, PAUSE_TYPE, SLA_COLOR, label } from '../../labels';
import type { CaseReferral } from './types';

type Pause = CaseReferral['pauses'][number];

/** "10个工作日" / "7天": a pause's maximum as the loop standard counts it. */
const maximum = (p: Pause): string | null => (p.maxDays == null ? null : `${p.maxDays}${p.maxUnit === 'CALENDAR_DAYS' ? '天' : '个工作日'}`);

export function PauseList({ referral }: { referral: CaseReferral }) {
  const title = `${label(DEPARTMENT, referral.department)} · ${label(CATEGORY, referral.category)} 暂停计时`;
  return (
    <section aria-label={title}>
      <Typography.Title level={3} style={{ fontSize: 14, margin: '16px 0 8px' }}>
        {title}（{referral.pauses.length}次）
      </Typography.Title>
      <Table<Pause>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={referral.pauses}
        columns={[
          { title: '类型', dataIndex: 'type', render: (t: string) => label(PAUSE_TYPE, t) },
          { title: '开始', dataIndex: 'startedOn' },
          { title: '原因', dataIndex: 'reason' },
          { title: '依据', dataIndex: 'evidenceRef', render: (ref: string | null) => ref ?? '—' },
          {
            title: '时限',
            key: 'deadline',
            render: (_, p) =>
              p.deadline ? (
                <Space direction="vertical" size={0}>
                  <span>{p.deadline}</span>
                  {maximum(p) && <Typography.Text type="secondary">最长{maximum(p)}</Typography.Text>}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: '状态',
            key: 'state',
            render: (_, p) => (
              <Space direction="vertical" size={0}>
                {p.state ? (
                  <Tag color={SLA_COLOR[p.state]} style={{ marginInlineEnd: 0 }}>
                    {label(PAUSE_STATE, p.state)}
                  </Tag>
                ) : (
                  '—'
                )}
                <Typography.Text type="secondary">已用{p.workingDays}个工作日</Typography.Text>
              </Space>
            ),
          },
          { title: '结束', dataIndex: 'endedOn', render: (d: string | null) => d ?? '进行中' },
          {
            title: '结果',
            key: 'result',
            render: (_, p) =>
              p.endEvidenceRef || p.endNote ? (
                <Space direction="vertical" size={0}>
                  {p.endEvidenceRef && <span>{p.endEvidenceRef}</span>}
                  {p.endNote && <Typography.Text type="secondary">{p.endNote}</Typography.Text>}
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </section>
  );
}
