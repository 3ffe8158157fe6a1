// One status's referrals of the department, most urgent first, with the actions legal from it.

import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { Department, ReferralStatus, WorkbenchReferralsQuery } from '../../gql/graphql';
import { errorText } from '../../api';
import { dateTime, longDate, yuan } from '../../format';
import { CATEGORY, DECISION, PAUSE_STATE, PAUSE_TYPE, SLA_COLOR, SLA_STATE, label, placeName } from '../../labels';
import { SlaClockTag, isPaused } from '../../components/SlaClockTag';
import { AcknowledgementClock } from '../../components/AcknowledgementClock';
import { KeysetPager, useKeysetPages } from '../../components/KeysetPager';
import { ACTION_LABEL, actionsFrom, type ReferralActionKind } from './referral-actions';
import type { ActionTarget } from './ActionModal';
import { emptyText } from '../../components/EmptyText';

const WORKBENCH_REFERRALS = graphql(`
  query WorkbenchReferrals($filter: ReferralFilter!, $first: Int, $after: String, $withLease: Boolean!, $withPauses: Boolean!) {
    referrals(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          category
          status
          externalRef
          outstandingMaterials
          pauseType
          pauses @include(if: $withPauses) {
            id
            type
            reason
            evidenceRef
            startedOn
            deadline
            state
            endedOn
          }
          outcome {
            decision
            amountFen
            note
            decidedAt
          }
          sla {
            state
            dueDate
            workingDaysLeft
            pausedWorkingDays
          }
          acknowledgement {
            state
            acknowledgeBy
            acknowledgedOn
            workingDaysLeft
            provisional
          }
          case {
            id
            caseNo
            townshipCode
            townshipName
            acceptedAt
            applicant {
              id
              name
              idNumber
            }
          }
          timeline @include(if: $withLease) {
            at
            type
            note
          }
        }
      }
    }
  }
`);

type Row = WorkbenchReferralsQuery['referrals']['edges'][number]['node'];

const PAGE_SIZE = 20;

/** The lease of a claimed referral, as the hub wrote it when the referral was claimed. */
function leaseOf(row: Row): string {
  const claimed = row.timeline?.filter((e) => e.type === 'REFERRAL_DELIVERED').at(-1);
  return claimed?.note ?? '—';
}

/** The running pause of a paused referral: its type, why, on what evidence, and the day it must end by. */
function RunningPause({ row }: { row: Row }) {
  const pause = row.pauses?.find((p) => !p.endedOn);
  if (!pause) return <>{label(PAUSE_TYPE, row.pauseType)}</>;
  return (
    <Space direction="vertical" size={2}>
      <span>
        {label(PAUSE_TYPE, pause.type)}：{pause.reason}
      </span>
      {pause.evidenceRef && <Typography.Text type="secondary">依据 {pause.evidenceRef}</Typography.Text>}
      <Typography.Text type="secondary">
        {pause.startedOn} 起{pause.deadline ? `，须于 ${pause.deadline} 前结束` : ''}
      </Typography.Text>
      {pause.state && (
        <Tag color={SLA_COLOR[pause.state]} style={{ marginInlineEnd: 0, alignSelf: 'flex-start' }}>
          {label(PAUSE_STATE, pause.state)}
        </Tag>
      )}
    </Space>
  );
}

export function ReferralTable({
  department,
  status,
  refreshKey,
  onAction,
}: {
  department: Department;
  status: string;
  /** Changes after every action: the table reads again from the hub. */
  refreshKey: number;
  onAction(action: ReferralActionKind, target: ActionTarget): void;
}) {
  const pages = useKeysetPages(status);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: WORKBENCH_REFERRALS,
    variables: { filter: { department, status: [status as ReferralStatus] }, first: PAGE_SIZE, after: pages.after, withLease: status === 'DELIVERED', withPauses: status === 'PAUSED' },
  });
  const seen = useRef(refreshKey);
  useEffect(() => {
    if (seen.current === refreshKey) return;
    seen.current = refreshKey;
    reexecute({ requestPolicy: 'network-only' });
  }, [refreshKey, reexecute]);
  const connection = data?.referrals;

  const columns: TableColumnsType<Row> = [
    { title: '受理编号', key: 'caseNo', render: (_, r) => <Link to={`/cases/${r.case.id}`}>{r.case.caseNo}</Link> },
    {
      title: '申请人',
      key: 'applicant',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span>{r.case.applicant.name}</span>
          <Typography.Text type="secondary">{r.case.applicant.idNumber}</Typography.Text>
        </Space>
      ),
    },
    { title: '乡镇（街道）', key: 'township', render: (_, r) => placeName(r.case.townshipName, r.case.townshipCode) },
    { title: '救助类别', dataIndex: 'category', render: (c: string) => label(CATEGORY, c) },
    { title: '受理时限', key: 'acknowledgement', render: (_, r) => <AcknowledgementClock clock={r.acknowledgement} /> },
    {
      title: '办理时限',
      key: 'sla',
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          <SlaClockTag sla={r.sla} paused={isPaused(r.status)} />
          <Typography.Text type="secondary">期限 {longDate(r.sla.dueDate)}</Typography.Text>
        </Space>
      ),
    },
  ];
  if (status === 'DELIVERED') columns.push({ title: '领取期限', key: 'lease', render: (_, r) => leaseOf(r) });
  if (status !== 'PENDING' && status !== 'DELIVERED') columns.push({ title: '本部门业务编号', dataIndex: 'externalRef', render: (ref: string | null) => ref ?? '—' });
  if (status === 'SUPPLEMENT_REQUESTED') columns.push({ title: '待补充材料', dataIndex: 'outstandingMaterials', render: (m: string[]) => m.join('、') || '—' });
  if (status === 'PAUSED') columns.push({ title: '暂停事由', key: 'pause', render: (_, r) => <RunningPause row={r} /> });
  if (status === 'RESOLVED') {
    columns.push({
      title: '办理结果',
      key: 'outcome',
      render: (_, r) =>
        r.outcome ? `${label(DECISION, r.outcome.decision)}${r.outcome.amountFen != null ? `，${yuan(r.outcome.amountFen)} 元` : ''}（${dateTime(r.outcome.decidedAt)}）` : '—',
    });
  }
  const offered = actionsFrom(status);
  if (offered.length > 0) {
    columns.push({
      title: '操作',
      key: 'actions',
      render: (_, r) => (
        <Space wrap>
          {actionsFrom(r.status).map((action) => (
            <Button
              key={action}
              size="small"
              type={action === 'REQUEST_SUPPLEMENT' || action === 'PAUSE' ? 'default' : 'primary'}
              onClick={() => onAction(action, { id: r.id, category: r.category, caseNo: r.case.caseNo })}
              aria-label={`${ACTION_LABEL[action]} ${r.case.caseNo} ${label(CATEGORY, r.category)}`}
            >
              {ACTION_LABEL[action]}
            </Button>
          ))}
        </Space>
      ),
    });
  }

  return (
    <>
      {error && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 16 }} />}
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={fetching && !connection}
        dataSource={connection?.edges.map((e) => e.node)}
        columns={columns}
        pagination={false}
        locale={{ emptyText: emptyText(fetching ? '加载中…' : '暂无此状态的转办事项') }}
      />
      <KeysetPager pages={pages} pageInfo={connection?.pageInfo} totalCount={connection?.totalCount} pageSize={PAGE_SIZE} fetching={fetching} />
    </>
  );
}
