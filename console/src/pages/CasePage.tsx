// One case: the household, the facts it was accepted on, what each department did, the timeline,
// and — for the township's clerk while it is open — recording materials and withdrawing it; its
// owner (首问负责人), whom a clerk or an administrator may replace while it is open (转交); the public
// notices of its approvals with their objections, and the telling of its refusals to the applicant.

import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Result, Space, Spin, Typography } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { errorText } from '../api';
import { useSession } from '../auth';
import { CaseSummary } from './case/CaseSummary';
import { HouseholdTable } from './case/HouseholdTable';
import { ReferralList } from './case/ReferralList';
import { CaseTimeline } from './case/CaseTimeline';
import { SupplementModal } from './case/SupplementModal';
import { WithdrawModal } from './case/WithdrawModal';
import { TransferModal } from './case/TransferModal';
import { PublicNoticeSection } from './case/PublicNoticeSection';
import { RefusalNoticeSection } from './case/RefusalNoticeSection';

const CASE_DETAIL = graphql(`
  query CaseDetail($id: ID!) {
    case(id: $id) {
      id
      caseNo
      townshipCode
      townshipName
      countyName
      status
      mode
      channel
      acceptedAt
      closedAt
      owner
      village
      perCapitaMonthlyIncomeFen
      emergencyAdvanceFen
      missingMaterials
      applicant {
        id
        name
        idNumber
        phone
      }
      household {
        relation
        monthlyIncomeFen
        schoolStage
        laborCapable
        employed
        disabled
        seriouslyIll
        person {
          id
          name
          idNumber
        }
      }
      sla {
        state
        dueDate
        workingDaysUsed
        workingDaysLeft
        pausedWorkingDays
        provisional
      }
      referrals {
        id
        department
        category
        status
        externalRef
        outstandingMaterials
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
          provisional
        }
        acknowledgement {
          state
          acknowledgeBy
          acknowledgedOn
          workingDaysLeft
          provisional
        }
        pauses {
          id
          type
          startedOn
          reason
          evidenceRef
          deadline
          maxDays
          maxUnit
          state
          workingDays
          endedOn
          endEvidenceRef
          endNote
        }
        publicNotice {
          startsOn
          endsOn
          running
          text
          objections {
            id
            receivedOn
            summary
            status
            decidedOn
            decisionNote
          }
        }
        refusalNotice {
          id
          refusedOn
          noticeDays
          tellBy
          toldOn
          toldMeans
          evidenceRef
          clock {
            state
            workingDaysLeft
          }
        }
      }
      timeline {
        at
        type
        actor
        note
        referral {
          id
          department
        }
      }
    }
  }
`);

export function CasePage() {
  const { id = '' } = useParams<{ id: string }>();
  const { session } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: CASE_DETAIL, variables: { id } });
  const [dialog, setDialog] = useState<'supplement' | 'withdraw' | 'transfer' | null>(null);
  const c = data?.case;

  const back = <Link to="/cases">返回案件列表</Link>;
  if (!c) {
    if (fetching) {
      return (
        <>
          <Typography.Title level={1}>案件详情</Typography.Title>
          <Spin tip="正在加载案件…">
            <div style={{ height: 120 }} />
          </Spin>
        </>
      );
    }
    return (
      <>
        <Typography.Title level={1}>案件详情</Typography.Title>
        {/* The hub answers an unknown id and one outside the caller's scope alike (FORBIDDEN), so both read as not found. */}
        {error && error.graphQLErrors[0]?.extensions?.code !== 'FORBIDDEN' ? (
          <Alert type="error" showIcon message={errorText(error)} action={back} />
        ) : (
          <Result status="404" title="找不到该案件" subTitle="该案件不存在，或不在您的辖区、部门范围内。" extra={back} />
        )}
      </>
    );
  }

  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const clerkMayAct = session.role === 'CLERK' && c.status === 'OPEN';
  const mayTransfer = (session.role === 'CLERK' || session.role === 'ADMIN') && c.status === 'OPEN';
  const outstanding = [...new Set([...c.missingMaterials, ...c.referrals.flatMap((r) => (r.status === 'SUPPLEMENT_REQUESTED' ? r.outstandingMaterials : []))])];

  return (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%', alignItems: 'flex-start' }} wrap>
        <div>
          <Typography.Title level={1} style={{ marginBottom: 0 }}>
            案件 {c.caseNo}
          </Typography.Title>
          {back}
        </div>
        {mayTransfer && (
          <Space>
            {clerkMayAct && (
              <Button type="primary" onClick={() => setDialog('supplement')} disabled={outstanding.length === 0} title={outstanding.length === 0 ? '本案没有待补充的材料' : undefined}>
                登记补充材料
              </Button>
            )}
            <Button onClick={() => setDialog('transfer')}>转交</Button>
            {clerkMayAct && (
              <Button danger onClick={() => setDialog('withdraw')}>
                撤回申请
              </Button>
            )}
          </Space>
        )}
      </Space>
      {error && <Alert type="error" showIcon message={errorText(error)} style={{ marginTop: 16 }} />}
      <Space direction="vertical" size="middle" style={{ width: '100%', marginTop: 16 }}>
        <CaseSummary c={c} me={session.userId} />
        <HouseholdTable household={c.household} />
        <ReferralList referrals={c.referrals} />
        {c.referrals.some((r) => r.publicNotice || r.refusalNotice) && (
          <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>公示与告知</h2>}>
            {c.referrals.map((r) => (
              <div key={r.id}>
                {r.publicNotice && (
                  <PublicNoticeSection caseId={c.id} referral={r} mayObject={session.role === 'CLERK'} mayDecide={session.role === 'DEPARTMENT' && session.department === r.department} onChanged={refresh} />
                )}
                {r.refusalNotice && <RefusalNoticeSection referral={r} mayRecord={session.role === 'CLERK'} onChanged={refresh} />}
              </div>
            ))}
          </Card>
        )}
        <CaseTimeline events={c.timeline} />
      </Space>
      {clerkMayAct && (
        <>
          <SupplementModal open={dialog === 'supplement'} caseId={c.id} outstanding={outstanding} onClose={() => setDialog(null)} onDone={refresh} />
          <WithdrawModal open={dialog === 'withdraw'} caseId={c.id} caseNo={c.caseNo} onClose={() => setDialog(null)} onDone={refresh} />
        </>
      )}
      {mayTransfer && <TransferModal open={dialog === 'transfer'} caseId={c.id} caseNo={c.caseNo} owner={c.owner} onClose={() => setDialog(null)} onDone={refresh} />}
    </>
  );
}
