// One page of review tasks, earliest deadline first (the township's work order), each opening its
// household; an open task's outcome is recorded from its row.

import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Space, Table, Typography } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { RegisterReviewListQuery, ReviewFilter } from '../../gql/graphql';
import { errorText } from '../../api';
import { REGISTER_TIER, label, placeName } from '../../labels';
import { KeysetPager, useKeysetPages } from '../../components/KeysetPager';
import { ReviewDeadline, ReviewResult } from './ReviewCells';
import { OutcomeModal, type ReviewTask } from './OutcomeModal';
import { emptyText } from '../../components/EmptyText';

const REVIEW_LIST = graphql(`
  query RegisterReviewList($filter: ReviewFilter, $first: Int, $after: String) {
    registerReviews(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          tier
          townshipCode
          townshipName
          dueDate
          deadlineDate
          deadlineProvisional
          status
          outcome
          completedOn
          note
          slaState
          workingDaysLeft
          household {
            id
            headName
            headIdNumberMasked
            memberCount
          }
        }
      }
    }
  }
`);

type Row = RegisterReviewListQuery['registerReviews']['edges'][number]['node'];

const PAGE_SIZE = 20;

export function ReviewTable({ filter, filterKey, mayRecord }: { filter: ReviewFilter; filterKey: string; mayRecord: boolean }) {
  const pages = useKeysetPages(filterKey);
  const [{ data, fetching, error }, refetch] = useQuery({ query: REVIEW_LIST, variables: { filter, first: PAGE_SIZE, after: pages.after } });
  const [recording, setRecording] = useState<ReviewTask | null>(null);
  const connection = data?.registerReviews;

  return (
    <>
      {error && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 16 }} />}
      <Table<Row>
        data-testid="review-list"
        rowKey="id"
        size="middle"
        loading={fetching && !connection}
        dataSource={error ? [] : connection?.edges.map((e) => e.node)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: emptyText(fetching ? '加载中…' : '暂无符合条件的复核任务') }}
        columns={[
          {
            title: '户主',
            key: 'head',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Link to={`/register/${encodeURIComponent(r.household.id)}`}>{r.household.headName}</Link>
                <Typography.Text type="secondary">
                  {r.household.headIdNumberMasked} · {r.household.memberCount}人
                </Typography.Text>
              </Space>
            ),
          },
          { title: '乡镇（街道）', key: 'township', render: (_, r) => placeName(r.townshipName, r.townshipCode) },
          { title: '复核类别', dataIndex: 'tier', render: (t: string) => label(REGISTER_TIER, t) },
          { title: '应复核日期', dataIndex: 'dueDate' },
          { title: '办理时限', key: 'deadline', render: (_, r) => <ReviewDeadline task={r} /> },
          { title: '复核结果', key: 'result', render: (_, r) => <ReviewResult task={r} /> },
          ...(mayRecord
            ? [
                {
                  title: '操作',
                  key: 'action',
                  render: (_: unknown, r: Row) =>
                    r.status === 'OPEN' ? (
                      <Button
                        size="small"
                        type="primary"
                        aria-label={`登记结果 户主${r.household.headName} 应复核日期${r.dueDate}`}
                        onClick={() => setRecording({ id: r.id, tier: r.tier, dueDate: r.dueDate, headName: r.household.headName })}
                      >
                        登记结果
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <KeysetPager pages={pages} pageInfo={connection?.pageInfo} totalCount={connection?.totalCount} pageSize={PAGE_SIZE} fetching={fetching} />
      {recording && <OutcomeModal review={recording} onClose={() => setRecording(null)} onDone={() => refetch({ requestPolicy: 'network-only' })} />}
    </>
  );
}
