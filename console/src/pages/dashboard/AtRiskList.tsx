// Open cases that are overdue or at risk, most urgent first. Identity numbers are shown exactly as
// the hub returns them (masked for dashboards); the case number opens the case.

import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Card, Table, Tag, Typography } from 'antd';
import { SLA_COLOR, SLA_STATE, label, placeName } from '../../labels';
import { emptyText } from '../../components/EmptyText';

export interface AtRiskCase {
  id: string;
  caseNo: string;
  townshipCode: string;
  townshipName?: string | null;
  applicant: { name: string; idNumber: string };
  sla: { state: string; dueDate: string; workingDaysLeft: number };
}

export interface AtRiskListProps {
  cases: readonly AtRiskCase[] | null;
  totalCount: number;
  loading: boolean;
  regionCode: string;
}

export function AtRiskList({ cases, totalCount, loading, regionCode }: AtRiskListProps) {
  const sorted = useMemo(
    () =>
      [...(cases ?? [])].sort(
        (a, b) => a.sla.workingDaysLeft - b.sla.workingDaysLeft || a.sla.dueDate.localeCompare(b.sla.dueDate) || a.caseNo.localeCompare(b.caseNo),
      ),
    [cases],
  );
  return (
    <Card>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        超期与临期案件
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        辖区 {regionCode} 内当前办理中、已超期或临近办结期限的案件，剩余工作日少的在前。
        {totalCount > sorted.length && `共 ${totalCount} 件，此处列出最近受理的 ${sorted.length} 件；其余请到“案件”页按条件查询。`}
      </Typography.Paragraph>
      <Table<AtRiskCase>
        data-testid="at-risk-list"
        size="middle"
        rowKey="id"
        loading={loading}
        dataSource={sorted}
        pagination={sorted.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: emptyText(loading ? '加载中…' : '暂无超期或临期案件') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '受理编号', dataIndex: 'caseNo', render: (caseNo: string, c) => <Link to={`/cases/${encodeURIComponent(c.id)}`}>{caseNo}</Link> },
          { title: '申请人', key: 'name', render: (_, c) => c.applicant.name },
          { title: '身份证号', key: 'idNumber', render: (_, c) => c.applicant.idNumber },
          { title: '乡镇（街道）', key: 'township', render: (_, c) => placeName(c.townshipName, c.townshipCode) },
          { title: '办结期限', key: 'dueDate', render: (_, c) => c.sla.dueDate },
          {
            title: '剩余工作日',
            key: 'left',
            align: 'right',
            render: (_, c) => (c.sla.workingDaysLeft < 0 ? `已超期 ${-c.sla.workingDaysLeft}` : c.sla.workingDaysLeft),
          },
          { title: '状态', key: 'state', render: (_, c) => <Tag color={SLA_COLOR[c.sla.state]}>{label(SLA_STATE, c.sla.state)}</Tag> },
        ]}
      />
    </Card>
  );
}
