// 我负责的案件 (首问负责): the open cases the signed-in clerk owns — accepted by her, or handed to her —
// on one screen, the ones that need her first at the top. Each section is one query of the case
// list (cases with ownedBy = the clerk), or of the supervision notices (督办单) on her cases.

import { Card, Space, Typography } from 'antd';
import type { CaseFilter } from '../gql/graphql';
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
        <Card title={heading(OTHERS.title)}>
          <CaseTable filter={OTHERS.filter(owner)} filterKey={`${OTHERS.key}:${owner}`} emptyMessage={OTHERS.emptyMessage} testId={`mine-${OTHERS.key}`} />
        </Card>
      </Space>
    </>
  );
}
