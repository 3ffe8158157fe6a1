// 低收入人口库 on the dashboard (registerFigures): households and people by tier now (a chart and
// its table), the periodic reviews (open ones by the state of their clock today; those completed in
// the period on time or late), and every township's households by tier, by name.

import { useMemo } from 'react';
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import type { DashboardRegisterQuery } from '../../gql/graphql';
import { REGISTER_TIER, label, placeName } from '../../labels';
import { ChartCard } from './ChartCard';
import { tierOption, tierSummary, type TierCountRow } from './charts';
import { emptyText } from '../../components/EmptyText';

type Figures = DashboardRegisterQuery['registerFigures'];
type TownshipRow = Figures['byTownship'][number];

export function RegisterSection({ figures, loading, periodNote }: { figures: Figures | null; loading: boolean; periodNote: string }) {
  // Every tier, in the name table's order, nought where the region has none.
  const tiers = useMemo<TierCountRow[]>(
    () =>
      Object.keys(REGISTER_TIER).map((tier) => {
        const found = figures?.byTier.find((t) => t.tier === tier);
        return { name: label(REGISTER_TIER, tier), households: found?.households ?? 0, people: found?.people ?? 0 };
      }),
    [figures],
  );
  const option = useMemo(() => tierOption(tiers), [tiers]);
  const households = tiers.reduce((n, t) => n + t.households, 0);
  const people = tiers.reduce((n, t) => n + t.people, 0);
  const present = Object.keys(REGISTER_TIER).filter((tier) => figures?.byTier.some((t) => t.tier === tier && t.households > 0));
  const reviews = figures?.reviews;
  const reviewFigures = [
    { title: '待复核 · 正常', value: reviews?.onTrack },
    { title: '待复核 · 临期', value: reviews?.atRisk },
    { title: '待复核 · 超期', value: reviews?.overdue },
    { title: '期间按期完成', value: reviews?.doneOnTime },
    { title: '期间超期完成', value: reviews?.doneLate },
  ];

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            title="低收入人口库"
            note={`当前在库 ${households} 户 ${people} 人（按家庭现有成员计）`}
            loading={loading}
            empty={households === 0 ? '辖区内暂无低收入人口' : null}
            option={option}
            summary={tierSummary(tiers)}
            testId="chart-register-tiers"
          >
            <Table<TierCountRow>
              data-testid="register-tier-table"
              size="small"
              rowKey="name"
              pagination={false}
              dataSource={tiers}
              columns={[
                { title: '类别', dataIndex: 'name' },
                { title: '户数', dataIndex: 'households', align: 'right' },
                { title: '人数', dataIndex: 'people', align: 'right' },
              ]}
            />
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <Card data-testid="register-reviews" style={{ height: '100%' }}>
            <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
              定期复核
            </Typography.Title>
            <Typography.Paragraph type="secondary">待复核为当前未完成的复核任务，按办理期限计；完成数为{periodNote}完成复核的任务。单位：户次</Typography.Paragraph>
            <Row gutter={[16, 16]}>
              {reviewFigures.map((f) => (
                <Col key={f.title} xs={12} md={8}>
                  <Card size="small" loading={loading && !reviews}>
                    <Statistic title={f.title} value={f.value ?? '—'} />
                  </Card>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
      <Card>
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          各乡镇（街道）低收入人口
        </Typography.Title>
        <Table<TownshipRow>
          data-testid="register-township-table"
          size="small"
          rowKey="townshipCode"
          loading={loading}
          dataSource={figures?.byTownship}
          pagination={(figures?.byTownship.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          locale={{ emptyText: emptyText('辖区内暂无低收入人口') }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '乡镇（街道）', key: 'township', render: (_, r) => placeName(r.townshipName, r.townshipCode) },
            { title: '户数', dataIndex: 'households', align: 'right' },
            { title: '人数', dataIndex: 'people', align: 'right' },
            ...present.map((tier) => ({
              title: `${label(REGISTER_TIER, tier)}（户）`,
              key: tier,
              align: 'right' as const,
              render: (_: unknown, r: TownshipRow) => r.byTier.find((t) => t.tier === tier)?.households ?? 0,
            })),
          ]}
        />
      </Card>
    </>
  );
}
