// By department: the on-time rate of referrals resolved in the period, the referrals open today
// that are overdue or at risk, and one table with every figure (the charts' text alternative) and the
// acknowledgement clock's (受理时限): on-time rate, median working days, overdue now.

import { useMemo } from 'react';
import { Card, Col, Row, Table, Typography } from 'antd';
import { DEPARTMENT, label } from '../../labels';
import { ChartCard } from './ChartCard';
import { onTimeOption, onTimeSummary, percentText, riskOption, riskSummary, type DepartmentRow } from './charts';
import { percent } from './period';
import { emptyText } from '../../components/EmptyText';

const NONE: readonly DepartmentRow[] = [];
const orDash = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v);

export interface DepartmentSectionProps {
  rows: readonly DepartmentRow[] | null;
  loading: boolean;
  periodNote: string;
}

export function DepartmentSection({ rows, loading, periodNote }: DepartmentSectionProps) {
  const list = rows ?? NONE;
  const risk = useMemo(() => list.map((r) => ({ name: label(DEPARTMENT, r.department), openOverdue: r.openOverdue, openAtRisk: r.openAtRisk })), [list]);
  const onTime = useMemo(() => onTimeOption(list), [list]);
  const riskChart = useMemo(() => riskOption(risk), [risk]);
  const anyResolved = list.some((r) => r.resolved > 0);
  const anyRisk = list.some((r) => r.openOverdue + r.openAtRisk > 0);

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            title="各部门按期办结率"
            note={`${periodNote}办结的转办事项中按期办结的比例`}
            loading={loading}
            empty={anyResolved ? null : '该期间暂无数据'}
            option={onTime}
            summary={onTimeSummary(list)}
            testId="chart-on-time"
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title="各部门超期与临期"
            note="当前办理中的转办事项"
            loading={loading}
            empty={anyRisk ? null : '当前没有超期或临期的转办事项'}
            option={riskChart}
            summary={riskSummary('各部门办理中的转办事项', risk)}
            testId="chart-department-risk"
          />
        </Col>
      </Row>
      <Card>
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          各部门数据
        </Typography.Title>
        <Table<DepartmentRow>
          data-testid="department-table"
          size="small"
          rowKey="department"
          loading={loading}
          pagination={false}
          dataSource={list as DepartmentRow[]}
          locale={{ emptyText: emptyText('该期间暂无数据') }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '部门', dataIndex: 'department', render: (d: string) => label(DEPARTMENT, d) },
            { title: '期间受理转办', dataIndex: 'opened', align: 'right' },
            { title: '期间办结', dataIndex: 'resolved', align: 'right' },
            { title: '按期办结', dataIndex: 'resolvedOnTime', align: 'right' },
            { title: '按期办结率', key: 'rate', align: 'right', render: (_, r) => percentText(percent(r.resolvedOnTime, r.resolved)) },
            { title: '办结用时中位数（工作日）', dataIndex: 'medianWorkingDays', align: 'right', render: orDash },
            { title: '当前超期', dataIndex: 'openOverdue', align: 'right' },
            { title: '当前临期', dataIndex: 'openAtRisk', align: 'right' },
            {
              title: '受理及时率',
              key: 'acknowledgedRate',
              align: 'right',
              render: (_, r) => percentText(percent(r.acknowledgedOnTime ?? 0, r.acknowledged ?? 0), '无受理'),
            },
            { title: '受理用时中位数（工作日）', dataIndex: 'medianWorkingDaysToAcknowledge', align: 'right', render: orDash },
            { title: '受理超时', dataIndex: 'openAcknowledgementOverdue', align: 'right', render: orDash },
          ]}
        />
      </Card>
    </>
  );
}
