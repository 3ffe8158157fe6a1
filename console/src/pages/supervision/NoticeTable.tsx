// One page of supervision notices (督办单), newest first: the supervisor's list, the department's open
// notices on its workbench (with 反馈) and the clerk's notices on 我负责的案件 all show this table, each
// with the columns it needs.

import { useEffect, useMemo, useRef } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { SupervisionNoticeFilter, SupervisionNoticeListQuery } from '../../gql/graphql';
import { errorText } from '../../api';
import { DEPARTMENT, NOTICE_STATUS, NOTICE_STATUS_COLOR, SUPERVISED_CLOCK, SUPERVISION_LEVEL, label } from '../../labels';
import { KeysetPager, useKeysetPages } from '../../components/KeysetPager';
import { emptyText } from '../../components/EmptyText';

const NOTICE_LIST = graphql(`
  query SupervisionNoticeList($filter: SupervisionNoticeFilter, $first: Int, $after: String) {
    supervisionNotices(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          department
          clock
          level
          dueDate
          raisedOn
          respondBy
          status
          answeredOn
          answerReason
          promisedDate
          closedOn
          answeredOnTime
          caseOwner
          case {
            id
            caseNo
          }
        }
      }
    }
  }
`);

export type NoticeRow = SupervisionNoticeListQuery['supervisionNotices']['edges'][number]['node'];

export type NoticeColumn = 'level' | 'clock' | 'department' | 'case' | 'owner' | 'raisedOn' | 'respondBy' | 'status' | 'answer' | 'onTime';

export const ALL_NOTICE_COLUMNS: readonly NoticeColumn[] = ['level', 'clock', 'department', 'case', 'owner', 'raisedOn', 'respondBy', 'status', 'answer', 'onTime'];

export function NoticeStatusTag({ status }: { status: string }) {
  return (
    <Tag color={NOTICE_STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {label(NOTICE_STATUS, status)}
    </Tag>
  );
}

/** The department's answer: why it is late, and by when the step will be done. */
function Answer({ notice }: { notice: NoticeRow }) {
  if (!notice.answerReason) return <>—</>;
  return (
    <Space direction="vertical" size={0}>
      <span>{notice.answerReason}</span>
      <Typography.Text type="secondary">
        承诺 {notice.promisedDate} 前办结（{notice.answeredOn} 反馈）
      </Typography.Text>
    </Space>
  );
}

const onTimeText = (onTime: boolean | null | undefined): string => (onTime === true ? '按时' : onTime === false ? '逾期' : '—');

const COLUMNS: Record<NoticeColumn, ColumnsType<NoticeRow>[number]> = {
  level: { title: '督办层级', key: 'level', render: (_, n) => label(SUPERVISION_LEVEL, n.level) },
  clock: {
    title: '事由',
    key: 'clock',
    render: (_, n) => (
      <Space direction="vertical" size={0}>
        <span>{label(SUPERVISED_CLOCK, n.clock)}</span>
        <Typography.Text type="secondary">时限 {n.dueDate}</Typography.Text>
      </Space>
    ),
  },
  department: { title: '部门', key: 'department', render: (_, n) => label(DEPARTMENT, n.department) },
  case: { title: '案件', key: 'case', render: (_, n) => <Link to={`/cases/${n.case.id}`}>{n.case.caseNo}</Link> },
  owner: { title: '首问负责人', key: 'owner', render: (_, n) => n.caseOwner },
  raisedOn: { title: '督办日期', key: 'raisedOn', render: (_, n) => n.raisedOn },
  respondBy: { title: '反馈期限', key: 'respondBy', render: (_, n) => n.respondBy },
  status: { title: '状态', key: 'status', render: (_, n) => <NoticeStatusTag status={n.status} /> },
  answer: { title: '反馈', key: 'answer', render: (_, n) => <Answer notice={n} /> },
  onTime: { title: '按时反馈', key: 'onTime', render: (_, n) => onTimeText(n.answeredOnTime) },
};

export interface NoticeTableProps {
  filter: SupervisionNoticeFilter;
  /** A change of it starts again at page one. */
  filterKey: string;
  columns?: readonly NoticeColumn[];
  /** A last column of actions on a notice (反馈 on the workbench). */
  action?: { title: string; render(notice: NoticeRow): React.ReactNode };
  /** Keeps only these rows of the page (a filter the API has not): the list is then one page, without a pager. */
  only?(notice: NoticeRow): boolean;
  pageSize?: number;
  /** A change of it fetches the page again (after an action). */
  refreshKey?: number;
  emptyMessage?: string;
  testId?: string;
}

export function NoticeTable({ filter, filterKey, columns = ALL_NOTICE_COLUMNS, action, only, pageSize = 20, refreshKey = 0, emptyMessage = '暂无符合条件的督办单', testId }: NoticeTableProps) {
  const pages = useKeysetPages(filterKey);
  const [{ data, fetching, error }, refetch] = useQuery({ query: NOTICE_LIST, variables: { filter, first: pageSize, after: only ? null : pages.after } });

  const seen = useRef(refreshKey);
  useEffect(() => {
    if (seen.current === refreshKey) return;
    seen.current = refreshKey;
    refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, refetch]);

  const connection = data?.supervisionNotices;
  const rows = useMemo(() => {
    const nodes = connection?.edges.map((e) => e.node) ?? [];
    return only ? nodes.filter(only) : nodes;
  }, [connection, only]);
  const shown: ColumnsType<NoticeRow> = [
    ...columns.map((c) => COLUMNS[c]),
    ...(action ? [{ title: action.title, key: 'action', render: (_: unknown, n: NoticeRow) => action.render(n) }] : []),
  ];
  return (
    <>
      {error && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 16 }} />}
      <Table<NoticeRow>
        data-testid={testId}
        rowKey="id"
        size="middle"
        loading={fetching && !connection}
        dataSource={error ? [] : rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: emptyText(fetching ? '加载中…' : emptyMessage) }}
        columns={shown}
      />
      {!only && <KeysetPager pages={pages} pageInfo={connection?.pageInfo} totalCount={connection?.totalCount} pageSize={pageSize} fetching={fetching} />}
    </>
  );
}
