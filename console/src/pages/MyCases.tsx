// 我负责的案件 (首问负责): the open cases the signed-in clerk owns — accepted by her, or handed to her —
// on one screen, the ones that need her first at the top. Each section is one query of the case
// list (cases with ownedBy = the clerk), of the supervision notices (督办单) on her cases, of her
// referrals whose pause runs near or past its maximum (补正 above all), or of the refusals of her
// cases still to be told to the applicant (不予批准书面告知).

import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useQuery, type CombinedError } from 'urql';
import type { ColumnsType } from 'antd/es/table';
import { graphql } from '../gql';
import { errorText } from '../api';
import { CATEGORY, DEPARTMENT, PAUSE_STATE, PAUSE_TYPE, SLA_COLOR, SLA_STATE, label } from '../labels';
import { emptyText } from '../components/EmptyText';
import type { CaseFilter, PauseType } from '../gql/graphql';
import { useSession } from '../auth';
import { CaseTable } from './cases/CaseTable';
import { NoticeTable } from './supervision/NoticeTable';

interface Section {
  key: string;
  title: string;
  /** What the section lists, for the clerk `owner`. */
  filter(owner: string): CaseFilter;
  emptyMessage: string;
}

/** What needs the owner first, most urgent first: each a list of at most one full page (100). */
const ATTENTION: readonly Section[] = [
  {
    key: 'sla',
    title: '已超期、临期的案件',
    filter: (owner) => ({ ownedBy: owner, status: ['OPEN'], slaState: ['OVERDUE', 'AT_RISK'] }),
    emptyMessage: '没有超期或临期的案件',
  },
];

/**
 * The open and escalated notices of the clerk's cases. The notices query has no owner filter: one page
 * of 100 of the township's notices, kept to the clerk's own here.
 */
function NoticeSection({ owner }: { owner: string }) {
  return (
    <Card title={heading('被督办的事项')}>
      <NoticeTable
        filter={{ status: ['OPEN', 'ESCALATED'] }}
        filterKey={`notices:${owner}`}
        only={(n) => n.caseOwner === owner}
        pageSize={100}
        columns={['level', 'clock', 'department', 'case', 'raisedOn', 'respondBy', 'status', 'answer']}
        emptyMessage="您负责的案件没有待反馈或已升级的督办单"
        testId="mine-notices"
      />
    </Card>
  );
}

const REFUSALS = graphql(`
  query MyRefusalNotices($filter: RefusalNoticeFilterInput!) {
    refusalNotices(filter: $filter, first: 100) {
      totalCount
      edges {
        node {
          id
          refusedOn
          tellBy
          clock {
            state
          }
          referral {
            id
            department
            category
            case {
              id
              caseNo
              applicant {
                name
              }
            }
          }
        }
      }
    }
  }
`);

/** The refusals of the clerk's cases not yet told to the applicant, the earliest deadline first. */
function RefusalSection({ owner }: { owner: string }) {
  const [{ data, fetching, error }] = useQuery({ query: REFUSALS, variables: { filter: { ownedBy: owner, told: false } }, requestPolicy: 'cache-and-network' });
  return (
    <AttentionCard
      title="待告知申请人的不予批准事项"
      testId="mine-refusals"
      emptyMessage="没有待告知申请人的不予批准事项"
      rows={data?.refusalNotices.edges.map((e) => e.node) ?? []}
      fetching={fetching}
      error={error}
      referralOf={(n) => n.referral}
      columns={[
        { title: '不予批准日期', dataIndex: 'refusedOn' },
        { title: '告知期限', dataIndex: 'tellBy' },
        { title: '状态', key: 'state', render: (_, n) => <Tag color={SLA_COLOR[n.clock.state]}>{label(SLA_STATE, n.clock.state)}</Tag> },
      ]}
    />
  );
}

const PAUSES = graphql(`
  query MyOverduePauses($filter: ReferralFilter!) {
    referrals(filter: $filter, first: 100) {
      edges {
        node {
          id
          department
          category
          pauseType
          pauses {
            id
            deadline
            state
            endedOn
          }
          case {
            id
            caseNo
            applicant {
              name
            }
          }
        }
      }
    }
  }
`);

/** 公示 runs to its last day by design and ends by itself: not a pause to chase. */
const WATCHED_PAUSES: PauseType[] = ['MATERIALS', 'HOUSEHOLD_VISIT', 'FINANCIAL_CHECK', 'ASSESSMENT'];

/**
 * The clerk's referrals whose pause runs near or past its maximum — above all 补正, the materials the
 * township must record — which the case's own clock (stopped while paused) does not show.
 */
function PauseSection({ owner }: { owner: string }) {
  const [{ data, fetching, error }] = useQuery({ query: PAUSES, variables: { filter: { ownedBy: owner, pauseState: ['OVERDUE', 'AT_RISK'], pauseType: WATCHED_PAUSES } }, requestPolicy: 'cache-and-network' });
  type Row = NonNullable<typeof data>['referrals']['edges'][number]['node'];
  const running = (r: Row) => r.pauses.find((p) => !p.endedOn);
  return (
    <AttentionCard
      title="暂停即将超时、已超时的事项"
      testId="mine-pauses"
      emptyMessage="没有即将超时或已超时的暂停"
      rows={data?.referrals.edges.map((e) => e.node) ?? []}
      fetching={fetching}
      error={error}
      referralOf={(r) => r}
      columns={[
        { title: '暂停类型', key: 'type', render: (_, r) => label(PAUSE_TYPE, r.pauseType) },
        { title: '最迟结束', key: 'deadline', render: (_, r) => running(r)?.deadline ?? '—' },
        {
          title: '状态',
          key: 'state',
          render: (_, r) => {
            const p = running(r);
            return p?.state ? <Tag color={SLA_COLOR[p.state]}>{label(PAUSE_STATE, p.state)}</Tag> : '—';
          },
        },
      ]}
    />
  );
}

interface ReferralOnCase {
  department: string;
  category: string;
  case: { id: string; caseNo: string; applicant: { name: string } };
}

/** One of the clerk's lists of referrals to chase: the case, the applicant and the department first, then the list's own columns. */
function AttentionCard<T extends { id: string }>(props: {
  title: string;
  testId: string;
  emptyMessage: string;
  rows: T[];
  fetching: boolean;
  error: CombinedError | undefined;
  referralOf(row: T): ReferralOnCase;
  columns: ColumnsType<T>;
}) {
  const { referralOf } = props;
  return (
    <Card title={heading(props.title)}>
      {props.error && <Alert type="error" showIcon message={errorText(props.error)} style={{ marginBottom: 8 }} />}
      <Table<T>
        rowKey="id"
        size="small"
        loading={props.fetching}
        pagination={false}
        dataSource={props.rows}
        data-testid={props.testId}
        locale={{ emptyText: emptyText(props.emptyMessage) }}
        columns={[
          { title: '案件', key: 'case', render: (_, row) => <Link to={`/cases/${referralOf(row).case.id}`}>{referralOf(row).case.caseNo}</Link> },
          { title: '申请人', key: 'applicant', render: (_, row) => referralOf(row).case.applicant.name },
          { title: '部门', key: 'department', render: (_, row) => `${label(DEPARTMENT, referralOf(row).department)} · ${label(CATEGORY, referralOf(row).category)}` },
          ...props.columns,
        ]}
      />
    </Card>
  );
}

const OTHERS: Section = {
  key: 'on-track',
  title: '其他办理中的案件',
  filter: (owner) => ({ ownedBy: owner, status: ['OPEN'], slaState: ['ON_TRACK'] }),
  emptyMessage: '没有其他办理中的案件',
};

const heading = (text: string) => <h2 style={{ margin: 0, fontSize: 16 }}>{text}</h2>;

export function MyCasesPage() {
  const { session } = useSession();
  const owner = session.userId;
  return (
    <>
      <Typography.Title level={1}>我负责的案件</Typography.Title>
      <Typography.Paragraph type="secondary">
        首问负责：您受理的、或由他人转交给您的正在办理的案件。已超期、临期的排在最前，请优先督促办理；案件需要他人接手时，可在案件页“转交”。
      </Typography.Paragraph>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {ATTENTION.map((s) => (
          <Card key={s.key} title={heading(s.title)}>
            <CaseTable filter={s.filter(owner)} filterKey={`${s.key}:${owner}`} pageSize={100} mostUrgentFirst emptyMessage={s.emptyMessage} testId={`mine-${s.key}`} />
          </Card>
        ))}
        <NoticeSection owner={owner} />
        <PauseSection owner={owner} />
        <RefusalSection owner={owner} />
        <Card title={heading(OTHERS.title)}>
          <CaseTable filter={OTHERS.filter(owner)} filterKey={`${OTHERS.key}:${owner}`} emptyMessage={OTHERS.emptyMessage} testId={`mine-${OTHERS.key}`} />
        </Card>
      </Space>
    </>
  );
}
