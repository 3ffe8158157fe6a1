// One household of the register (户): where it lives, its members, every tier it held with the
// basis of each, its cases and its periodic reviews — where a township clerk, civil affairs or an
// administrator records a review's outcome.

import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Card, Descriptions, Result, Space, Spin, Table, Typography } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { errorText } from '../api';
import { useSession } from '../auth';
import { recordsReviews } from '../access';
import { dateTime } from '../format';
import { CASE_STATUS, REGISTER_TIER, RELATION, label, placeName } from '../labels';
import { TierHistory } from './register/TierHistory';
import { HouseholdReviews } from './register/HouseholdReviews';
import { OutcomeModal, type ReviewTask } from './reviews/OutcomeModal';
import type { Household } from './register/types';
import { emptyText } from '../components/EmptyText';

const HOUSEHOLD = graphql(`
  query RegisterHouseholdDetail($id: ID!) {
    registerHousehold(id: $id) {
      id
      townshipCode
      townshipName
      countyName
      villageCode
      headName
      headIdNumberMasked
      memberCount
      tier
      tierSince
      nextReviewDate
      members {
        id
        name
        relation
        idNumber
        joinedOn
        leftOn
      }
      tiers {
        id
        tier
        effectiveFrom
        effectiveTo
        perCapitaIncomeFen
        standardFen
        standardSource
        source
        documentNo
        monthlyAmountFen
        nextReviewDate
        exitReason
        exitNote
        reasons
        case {
          id
          caseNo
        }
      }
      cases {
        id
        caseNo
        status
        acceptedAt
      }
      reviews {
        id
        tier
        dueDate
        deadlineDate
        deadlineProvisional
        status
        outcome
        completedOn
        completedBy
        note
        slaState
        workingDaysLeft
      }
    }
  }
`);

type Member = Household['members'][number];
type HouseholdCase = Household['cases'][number];

const cardTitle = (text: string) => <h2 style={{ margin: 0, fontSize: 16 }}>{text}</h2>;

export function HouseholdPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { session } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: HOUSEHOLD, variables: { id } });
  const [recording, setRecording] = useState<ReviewTask | null>(null);
  const h = data?.registerHousehold;
  const back = <Link to="/register">返回低收入人口列表</Link>;

  if (!h) {
    return (
      <>
        <Typography.Title level={1}>低收入人口家庭</Typography.Title>
        {fetching ? (
          <Spin tip="正在加载…">
            <div style={{ height: 120 }} />
          </Spin>
        ) : error && error.graphQLErrors[0]?.extensions?.code !== 'FORBIDDEN' ? (
          <Alert type="error" showIcon message={errorText(error)} action={back} />
        ) : (
          // The hub answers an unknown id and one outside the caller's region alike.
          <Result status="404" title="找不到该家庭" subTitle="该家庭不在低收入人口库中，或不在您的辖区范围内。" extra={back} />
        )}
      </>
    );
  }

  const current = h.members.filter((m) => !m.leftOn);
  return (
    <>
      <Typography.Title level={1} style={{ marginBottom: 0 }}>
        户主 {h.headName}
      </Typography.Title>
      {back}
      {error && <Alert type="error" showIcon message={errorText(error)} style={{ marginTop: 16 }} />}
      <Space direction="vertical" size="middle" style={{ width: '100%', marginTop: 16 }}>
        <Card title={cardTitle('家庭基本情况')}>
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
            <Descriptions.Item label="当前类别">{h.tier ? label(REGISTER_TIER, h.tier) : '已退出'}</Descriptions.Item>
            <Descriptions.Item label="认定日期">{h.tierSince ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="下次复核">{h.nextReviewDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="户主身份证号码">{h.headIdNumberMasked}</Descriptions.Item>
            <Descriptions.Item label="县（市、区）">{placeName(h.countyName, h.townshipCode.slice(0, 6))}</Descriptions.Item>
            <Descriptions.Item label="乡镇（街道）">{placeName(h.townshipName, h.townshipCode)}</Descriptions.Item>
            <Descriptions.Item label="村（社区）代码">{h.villageCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="现有成员">{h.memberCount}人</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={cardTitle(`家庭成员（现有${current.length}人）`)}>
          <Table<Member>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={h.members}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '与户主关系', dataIndex: 'relation', render: (r: string) => label(RELATION, r) },
              { title: '身份证号码', dataIndex: 'idNumber' },
              { title: '加入日期', dataIndex: 'joinedOn' },
              { title: '离开日期', dataIndex: 'leftOn', render: (d: string | null) => d ?? '—（现有成员）' },
            ]}
          />
        </Card>
        <TierHistory tiers={h.tiers} />
        <Card title={cardTitle(`救助案件（${h.cases.length}件）`)}>
          <Table<HouseholdCase>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={h.cases}
            locale={{ emptyText: emptyText('暂无相关案件（存量导入的家庭没有受理案件）') }}
            columns={[
              { title: '受理编号', dataIndex: 'caseNo', render: (caseNo: string, c) => <Link to={`/cases/${encodeURIComponent(c.id)}`}>{caseNo}</Link> },
              { title: '案件状态', dataIndex: 'status', render: (s: string) => label(CASE_STATUS, s) },
              { title: '受理时间', dataIndex: 'acceptedAt', render: (at: string) => dateTime(at) },
            ]}
          />
        </Card>
        <HouseholdReviews reviews={h.reviews} onRecord={recordsReviews(session) ? (r) => setRecording({ ...r, headName: h.headName }) : null} />
      </Space>
      {recording && <OutcomeModal review={recording} onClose={() => setRecording(null)} onDone={() => refetch({ requestPolicy: 'network-only' })} />}
    </>
  );
}
