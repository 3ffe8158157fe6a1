// What each department was asked to do and what it did, with its own clock; under it, the pauses of
// each referral that had any (PauseList).

import { Card, Space, Table, Typography } from 'antd';
import { dateTime, longDate, yuan } from '../../format';
import { CATEGORY, DECISION, DEPARTMENT, REFERRAL_STATUS, label } from '../../labels';
import { SlaClockTag, isPaused } from '../../components/SlaClockTag';
import { AcknowledgementClock } from '../../components/AcknowledgementClock';
import type { CaseReferral } from './types';
import { PauseList } from './PauseList';
import { emptyText } from '../../components/EmptyText';

export function ReferralList({ referrals }: { referrals: CaseReferral[] }) {
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>转办部门（{referrals.length}项）</h2>}>
      <Table<CaseReferral>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={referrals}
        locale={{ emptyText: emptyText('暂无转办事项') }}
        columns={[
          { title: '部门', dataIndex: 'department', render: (d: string) => label(DEPARTMENT, d) },
          { title: '救助类别', dataIndex: 'category', render: (c: string) => label(CATEGORY, c) },
          { title: '状态', dataIndex: 'status', render: (s: string) => label(REFERRAL_STATUS, s) },
          { title: '部门业务编号', dataIndex: 'externalRef', render: (ref: string | null) => ref ?? '—' },
          {
            title: '办理结果',
            key: 'outcome',
            render: (_, r) =>
              r.outcome ? (
                <Space direction="vertical" size={0}>
                  <span>
                    {label(DECISION, r.outcome.decision)}
                    {r.outcome.amountFen != null && `，${yuan(r.outcome.amountFen)} 元`}
                  </span>
                  {r.outcome.note && <Typography.Text type="secondary">{r.outcome.note}</Typography.Text>}
                  <Typography.Text type="secondary">{dateTime(r.outcome.decidedAt)}</Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: '待补充材料',
            dataIndex: 'outstandingMaterials',
            render: (materials: string[]) => (materials.length ? materials.join('、') : '—'),
          },
          { title: '受理时限', key: 'acknowledgement', render: (_, r) => <AcknowledgementClock clock={r.acknowledgement} /> },
          {
            title: '办理时限',
            key: 'sla',
            render: (_, r) => (
              <Space direction="vertical" size={2}>
                <SlaClockTag sla={r.sla} paused={isPaused(r.status)} />
                <Typography.Text type="secondary">
                  期限 {longDate(r.sla.dueDate)}
                  {r.sla.provisional ? '（暂定）' : ''}
                </Typography.Text>
                {r.sla.pausedWorkingDays > 0 && <Typography.Text type="secondary">暂停 {r.sla.pausedWorkingDays} 个工作日</Typography.Text>}
              </Space>
            ),
          },
        ]}
      />
      {referrals
        .filter((r) => r.pauses.length > 0)
        .map((r) => (
          <PauseList key={r.id} referral={r} />
        ))}
    </Card>
  );
}
