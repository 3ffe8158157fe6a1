// The household's periodic review tasks, newest scheduled date first; an open one can have its
// outcome recorded here by those who record them.

import { Button, Card, Table } from 'antd';
import { REGISTER_TIER, label } from '../../labels';
import { ReviewDeadline, ReviewResult } from '../reviews/ReviewCells';
import type { HouseholdReview } from './types';
import { emptyText } from '../../components/EmptyText';

export function HouseholdReviews({ reviews, onRecord }: { reviews: readonly HouseholdReview[]; onRecord: ((review: HouseholdReview) => void) | null }) {
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>定期复核（{reviews.length}次）</h2>}>
      <Table<HouseholdReview>
        data-testid="household-reviews"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={reviews as HouseholdReview[]}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: emptyText('尚未到复核日期') }}
        columns={[
          { title: '复核类别', dataIndex: 'tier', render: (t: string) => label(REGISTER_TIER, t) },
          { title: '应复核日期', dataIndex: 'dueDate' },
          { title: '办理时限', key: 'deadline', render: (_, r) => <ReviewDeadline task={r} /> },
          { title: '复核结果', key: 'result', render: (_, r) => <ReviewResult task={r} /> },
          ...(onRecord
            ? [
                {
                  title: '操作',
                  key: 'action',
                  render: (_: unknown, r: HouseholdReview) =>
                    r.status === 'OPEN' ? (
                      <Button size="small" type="primary" onClick={() => onRecord(r)} aria-label={`登记复核结果 应复核日期${r.dueDate}`}>
                        登记复核结果
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
