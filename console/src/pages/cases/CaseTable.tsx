// One page of cases (newest first) for clerks, supervisors and administrators; on a clerk's own
// screen (我负责的案件) a page may be shown most urgent first.

import { useEffect, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Space, Table, Typography } from 'antd';
import { useQuery, type CombinedError } from 'urql';
import { graphql } from '../../gql';
import type { CaseFilter, CaseListQuery } from '../../gql/graphql';
import { errorText } from '../../api';
import { dateTime } from '../../format';
import { CASE_STATUS, DEPARTMENT, REFERRAL_STATUS, label, placeName } from '../../labels';
import { formFieldOf } from './filters';
import { SlaClockTag } from '../../components/SlaClockTag';
import { KeysetPager, useKeysetPages } from '../../components/KeysetPager';
import { emptyText } from '../../components/EmptyText';

const CASE_LIST = graphql(`
  query CaseList($filter: CaseFilter, $first: Int, $after: String) {
    cases(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          caseNo
          townshipCode
          townshipName
          status
          acceptedAt
          owner
          applicant {
            id
            name
            idNumber
          }
          referrals {
            id
            department
            status
          }
          sla {
            state
            dueDate
            workingDaysLeft
          }
        }
      }
    }
  }
`);

type CaseRow = CaseListQuery['cases']['edges'][number]['node'];

const PAGE_SIZE = 20;

/** Overdue first, then at risk, then the rest; within each the fewest working days left first. */
const URGENCY: Record<string, number> = { OVERDUE: 0, AT_RISK: 1 };
export const byUrgency = (a: { sla: { state: string; workingDaysLeft: number; dueDate: string } }, b: typeof a): number =>
  (URGENCY[a.sla.state] ?? 2) - (URGENCY[b.sla.state] ?? 2) || a.sla.workingDaysLeft - b.sla.workingDaysLeft || a.sla.dueDate.localeCompare(b.sla.dueDate);

export interface CaseTableProps {
  filter: CaseFilter;
  /** A change of it starts again at page one. */
  filterKey: string;
  /** A refused filter field (the form's name of it) and the hub's message. */
  onFieldError?(field: string, message: string): void;
  pageSize?: number;
  /** Sorts each page most urgent first (byUrgency) instead of newest first. */
  mostUrgentFirst?: boolean;
  emptyMessage?: string;
  testId?: string;
}

/** The input field a BAD_USER_INPUT error names, e.g. "idNumber" for ["filter","idNumber"]. */
export function filterFieldOf(error: CombinedError | undefined): string | undefined {
  const field = error?.graphQLErrors[0]?.extensions?.field;
  return Array.isArray(field) && field[0] === 'filter' ? String(field[1]) : undefined;
}

export function CaseTable({ filter, filterKey, onFieldError, pageSize = PAGE_SIZE, mostUrgentFirst = false, emptyMessage = '暂无符合条件的案件', testId }: CaseTableProps) {
  const pages = useKeysetPages(filterKey);
  const [{ data, fetching, error }] = useQuery({ query: CASE_LIST, variables: { filter, first: pageSize, after: pages.after } });

  // A filter the API refused is shown on its field of the form; anything else above the table.
  const field = formFieldOf(filterFieldOf(error));
  const message = errorText(error);
  useEffect(() => {
    if (field && message) onFieldError?.(field, message);
  }, [field, message, onFieldError]);
  const placed = field !== null && onFieldError !== undefined;

  const connection = data?.cases;
  const rows = useMemo(() => {
    const nodes = connection?.edges.map((e) => e.node) ?? [];
    return mostUrgentFirst ? [...nodes].sort(byUrgency) : nodes;
  }, [connection, mostUrgentFirst]);
  return (
    <>
      {error && !placed && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 16 }} />}
      <Table<CaseRow>
        data-testid={testId}
        rowKey="id"
        size="middle"
        loading={fetching && !connection}
        dataSource={error ? [] : rows}
        pagination={false}
        locale={{ emptyText: emptyText(fetching ? '加载中…' : emptyMessage) }}
        columns={[
          {
            title: '受理编号',
            dataIndex: 'caseNo',
            render: (caseNo: string, row) => <Link to={`/cases/${row.id}`}>{caseNo}</Link>,
          },
          {
            title: '申请人',
            key: 'applicant',
            render: (_, row) => (
              <Space direction="vertical" size={0}>
                <span>{row.applicant.name}</span>
                <Typography.Text type="secondary">{row.applicant.idNumber}</Typography.Text>
              </Space>
            ),
          },
          { title: '乡镇（街道）', key: 'township', render: (_, row) => placeName(row.townshipName, row.townshipCode) },
          { title: '受理时间', dataIndex: 'acceptedAt', render: (at: string) => dateTime(at) },
          { title: '状态', dataIndex: 'status', render: (status: string) => label(CASE_STATUS, status) },
          { title: '负责人', dataIndex: 'owner' },
          {
            title: '转办部门',
            key: 'referrals',
            render: (_, row) =>
              row.referrals.length === 0 ? (
                '—'
              ) : (
                <Space direction="vertical" size={0}>
                  {row.referrals.map((r) => (
                    <span key={r.id}>
                      {label(DEPARTMENT, r.department)}
                      <Typography.Text type="secondary">（{label(REFERRAL_STATUS, r.status)}）</Typography.Text>
                    </span>
                  ))}
                </Space>
              ),
          },
          { title: '办理时限', key: 'sla', render: (_, row) => <SlaClockTag sla={row.sla} /> },
        ]}
      />
      <KeysetPager pages={pages} pageInfo={connection?.pageInfo} totalCount={connection?.totalCount} pageSize={pageSize} fetching={fetching} />
    </>
  );
}
