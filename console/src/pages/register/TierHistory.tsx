// The household's tiers, newest first: each dated, with the basis it was decided on (认定依据) and,
// once it ended by an exit, why. Never overwritten: a later record ends the one before.

import { Link } from 'react-router-dom';
import { Card, Space, Table, Typography } from 'antd';
import { yuan } from '../../format';
import { EXIT_REASON, REGISTER_TIER, TIER_SOURCE, label } from '../../labels';
import type { TierRecord } from './types';
import { emptyText } from '../../components/EmptyText';

export function TierHistory({ tiers }: { tiers: readonly TierRecord[] }) {
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>类别认定记录</h2>}>
      <Table<TierRecord>
        data-testid="tier-history"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={tiers as TierRecord[]}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: emptyText('暂无认定记录') }}
        columns={[
          { title: '类别', dataIndex: 'tier', render: (t: string) => label(REGISTER_TIER, t) },
          { title: '起止日期', key: 'dates', render: (_, t) => `${t.effectiveFrom} 至 ${t.effectiveTo ?? '今'}` },
          {
            title: '认定依据',
            key: 'reasons',
            render: (_, t) => (
              <Space direction="vertical" size={0} style={{ maxWidth: 420 }}>
                {t.reasons.map((r, i) => (
                  <span key={i}>{r}</span>
                ))}
                {t.perCapitaIncomeFen != null && (
                  <Typography.Text type="secondary">
                    月人均收入 {yuan(t.perCapitaIncomeFen)} 元{t.standardFen != null && `，标准 ${yuan(t.standardFen)} 元`}
                    {t.standardSource && `（${t.standardSource}）`}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: '来源',
            key: 'source',
            render: (_, t) => (
              <Space direction="vertical" size={0}>
                <span>{label(TIER_SOURCE, t.source)}</span>
                {t.case && <Link to={`/cases/${encodeURIComponent(t.case.id)}`}>{t.case.caseNo}</Link>}
              </Space>
            ),
          },
          { title: '批准文号', dataIndex: 'documentNo', render: (no: string | null) => no ?? '—' },
          { title: '保障金额（元/月）', dataIndex: 'monthlyAmountFen', align: 'right', render: (fen: number | null) => yuan(fen) },
          { title: '下次复核', dataIndex: 'nextReviewDate', render: (d: string | null) => d ?? '—' },
          {
            title: '退出原因',
            key: 'exit',
            render: (_, t) =>
              t.exitReason ? (
                <Space direction="vertical" size={0}>
                  <span>{label(EXIT_REASON, t.exitReason)}</span>
                  {t.exitNote && <Typography.Text type="secondary">{t.exitNote}</Typography.Text>}
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}
