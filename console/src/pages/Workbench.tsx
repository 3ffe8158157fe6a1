// 部门工作台: for a department with no system of its own. It takes (领取) its pending referrals —
// a lease: acknowledge within it or they go back — then acknowledges, asks for materials, pauses the
// clock for a step outside it (暂停计时) and decides, one referral at a time. The hub shows a department only its own referrals.

import { DEFAULT_LEASE_SECONDS } from '../../../src/referrals/claim-rules';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Badge, Button, Card, Form, InputNumber, Result, Select, Space, Tabs, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { Department } from '../gql/graphql';
import { errorText } from '../api';
import { useSession } from '../auth';
import { DEPARTMENT, SUPERVISED_CLOCK, label } from '../labels';
import { STATUS_TABS, type ReferralActionKind } from './workbench/referral-actions';
import { ReferralTable } from './workbench/ReferralTable';
import { ActionModal, type ActionTarget } from './workbench/ActionModal';
import { AnswerNoticeModal, type NoticeTarget } from './workbench/AnswerNoticeModal';
import { NoticeTable } from './supervision/NoticeTable';
import { cardHeading } from '../components/FilterForm';

const WORKBENCH_COUNTS = graphql(`
  query WorkbenchCounts($department: Department!) {
    pending: referrals(filter: { department: $department, status: [PENDING] }, first: 1) {
      totalCount
    }
    delivered: referrals(filter: { department: $department, status: [DELIVERED] }, first: 1) {
      totalCount
    }
    inProgress: referrals(filter: { department: $department, status: [IN_PROGRESS] }, first: 1) {
      totalCount
    }
    supplement: referrals(filter: { department: $department, status: [SUPPLEMENT_REQUESTED] }, first: 1) {
      totalCount
    }
    paused: referrals(filter: { department: $department, status: [PAUSED] }, first: 1) {
      totalCount
    }
    resolved: referrals(filter: { department: $department, status: [RESOLVED] }, first: 1) {
      totalCount
    }
    cancelled: referrals(filter: { department: $department, status: [CANCELLED] }, first: 1) {
      totalCount
    }
    failed: referrals(filter: { department: $department, status: [DELIVERY_FAILED] }, first: 1) {
      totalCount
    }
    openNotices: supervisionNotices(filter: { department: $department, status: [OPEN] }, first: 1) {
      totalCount
    }
  }
`);

const CLAIM = graphql(`
  mutation ClaimReferrals($department: Department!, $limit: Int!, $leaseSeconds: Int!) {
    claimReferrals(department: $department, limit: $limit, leaseSeconds: $leaseSeconds) {
      referrals {
        id
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const COUNT_KEY: Record<string, 'pending' | 'delivered' | 'inProgress' | 'supplement' | 'paused' | 'resolved' | 'cancelled' | 'failed'> = {
  PENDING: 'pending',
  DELIVERED: 'delivered',
  IN_PROGRESS: 'inProgress',
  SUPPLEMENT_REQUESTED: 'supplement',
  PAUSED: 'paused',
  RESOLVED: 'resolved',
  CANCELLED: 'cancelled',
  DELIVERY_FAILED: 'failed',
};

const LEASES = [
  { value: 300, label: '5分钟' },
  { value: 900, label: '15分钟' },
  { value: 1800, label: '30分钟' },
  { value: 3600, label: '1小时' },
];

export function WorkbenchPage() {
  const { session } = useSession();
  const department = session.department as Department | null;
  if (session.role !== 'DEPARTMENT' || !department) {
    return (
      <>
        <Typography.Title level={1}>部门工作台</Typography.Title>
        <Result status="403" title="仅部门经办人可以使用部门工作台" />
      </>
    );
  }
  return <Workbench department={department} region={session.region} />;
}

function Workbench({ department, region }: { department: Department; region: string }) {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const tab = STATUS_TABS.some((t) => t.status === params.get('status')) ? params.get('status')! : 'PENDING';
  const [refreshKey, setRefreshKey] = useState(0);
  const [{ data: counts, error: countsError }, recount] = useQuery({ query: WORKBENCH_COUNTS, variables: { department } });
  const [claimState, claim] = useMutation(CLAIM);
  const [claimForm] = Form.useForm<{ limit: number; leaseSeconds: number }>();
  const [claimProblem, setClaimProblem] = useState<string | null>(null);
  const [acting, setActing] = useState<{ action: ReferralActionKind; target: ActionTarget } | null>(null);
  const [answering, setAnswering] = useState<NoticeTarget | null>(null);

  const seen = useRef(refreshKey);
  useEffect(() => {
    if (seen.current === refreshKey) return;
    seen.current = refreshKey;
    recount({ requestPolicy: 'network-only' });
  }, [refreshKey, recount]);
  const refresh = () => setRefreshKey((k) => k + 1);
  const showTab = (status: string) => setParams(status === 'PENDING' ? {} : { status }, { replace: true });

  async function onClaim({ limit, leaseSeconds }: { limit: number; leaseSeconds: number }) {
    setClaimProblem(null);
    const result = await claim({ department, limit, leaseSeconds });
    const payload = result.data?.claimReferrals;
    if (!payload) return setClaimProblem(errorText(result.error) ?? '领取失败，请稍后重试。');
    if (payload.userErrors.length > 0) {
      claimForm.setFields(
        payload.userErrors.filter((e) => e.field?.[0] === 'limit' || e.field?.[0] === 'leaseSeconds').map((e) => ({ name: e.field![0] as 'limit' | 'leaseSeconds', errors: [e.message] })),
      );
      const other = payload.userErrors.filter((e) => e.field?.[0] !== 'limit' && e.field?.[0] !== 'leaseSeconds');
      if (other.length) setClaimProblem(other.map((e) => e.message).join(' '));
      return;
    }
    const n = payload.referrals.length;
    const lease = LEASES.find((l) => l.value === leaseSeconds)?.label ?? `${leaseSeconds}秒`;
    if (n === 0) message.info('暂无待领取的转办事项');
    else message.success(`已领取 ${n} 件，请在领取期限（${lease}）内受理，逾期将退回待领取`);
    refresh();
    if (n > 0) showTab('DELIVERED');
  }

  const count = (status: string) => counts?.[COUNT_KEY[status]]?.totalCount;
  const openNotices = counts?.openNotices.totalCount ?? 0;
  const tabs = STATUS_TABS.filter((t) => t.status !== 'DELIVERY_FAILED' || (count(t.status) ?? 0) > 0);

  return (
    <>
      <Typography.Title level={1}>部门工作台</Typography.Title>
      <Typography.Paragraph type="secondary">
        {DEPARTMENT[department]} · 辖区 {region || '全国'}。本部门的转办事项按办理期限由近到远排列。
      </Typography.Paragraph>
      {countsError && <Alert type="error" showIcon message={errorText(countsError)} style={{ marginBottom: 16 }} />}
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>领取待办</h2>} style={{ marginBottom: 16 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            待领取 <Typography.Text strong>{count('PENDING') ?? '…'}</Typography.Text> 件。领取后须在领取期限内受理，逾期未受理的将退回待领取。
          </Typography.Text>
          {claimProblem && <Alert type="error" showIcon message={claimProblem} />}
          <Form form={claimForm} layout="inline" onFinish={onClaim} initialValues={{ limit: 10, leaseSeconds: DEFAULT_LEASE_SECONDS }}>
            <Form.Item label="领取数量" name="limit" rules={[{ required: true, message: '请填写领取数量' }]}>
              <InputNumber min={1} max={100} precision={0} />
            </Form.Item>
            <Form.Item label="领取期限" name="leaseSeconds">
              <Select options={LEASES} style={{ width: 120 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={claimState.fetching}>
              领取
            </Button>
          </Form>
        </Space>
      </Card>
      {openNotices > 0 && (
        // Only while the department has notices to answer, as the delivery-failure tab.
        <Card title={cardHeading(`督办单（待反馈 ${openNotices} 件）`)} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">上级督办的逾期事项：请在反馈期限内说明逾期原因并承诺办结日期。</Typography.Paragraph>
          <NoticeTable
            filter={{ department, status: ['OPEN'] }}
            filterKey={`open-notices:${department}`}
            columns={['level', 'clock', 'case', 'owner', 'raisedOn', 'respondBy']}
            refreshKey={refreshKey}
            pageSize={100}
            testId="workbench-notices"
            action={{
              title: '操作',
              render: (n) => (
                <Button
                  size="small"
                  type="primary"
                  aria-label={`反馈 ${n.case.caseNo} ${label(SUPERVISED_CLOCK, n.clock)}`}
                  onClick={() => setAnswering({ id: n.id, caseNo: n.case.caseNo, level: n.level, clock: n.clock, raisedOn: n.raisedOn, respondBy: n.respondBy })}
                >
                  反馈
                </Button>
              ),
            }}
          />
        </Card>
      )}
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>本部门转办事项</h2>}>
        <Tabs
          activeKey={tab}
          onChange={showTab}
          items={tabs.map((t) => ({
            key: t.status,
            label: (
              <Space size={6}>
                {t.title}
                <Badge count={count(t.status) ?? 0} showZero overflowCount={9999} color={!count(t.status) ? '#6b7280' : t.status === 'DELIVERED' ? '#c2410c' : '#1d4ed8'} />
              </Space>
            ),
          }))}
        />
        <ReferralTable department={department} status={tab} refreshKey={refreshKey} onAction={(action, target) => setActing({ action, target })} />
      </Card>
      <ActionModal action={acting?.action ?? null} target={acting?.target ?? null} onClose={() => setActing(null)} onDone={refresh} />
      <AnswerNoticeModal notice={answering} onClose={() => setAnswering(null)} onDone={refresh} />
    </>
  );
}
