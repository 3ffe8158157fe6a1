// By township: open cases overdue or at risk now (stacked bars, the most pressing townships), and
// every township's figures in a table beside it (the chart's text alternative).

import { useMemo } from 'react';
import { Card, Col, Empty, Row, Table, Typography } from 'antd';
import { EChart } from './EChart';
import { riskOption, riskSummary } from './charts';
import { placeName } from '../../labels';
import { emptyText } from '../../components/EmptyText';

export interface TownshipRow {
  townshipCode: string;
  /** Null when the national division codes do not know the code: the code is shown instead. */
  townshipName?: string | null;
  opened: number;
  closed: number;
  openOverdue: number;
  openAtRisk: number;
}

/** Bars beyond this many would not be legible; the table lists every township. */
const MAX_BARS = 15;
const NONE: readonly TownshipRow[] = [];

export function TownshipSection({ rows, loading, periodNote }: { rows: readonly TownshipRow[] | null; loading: boolean; periodNote: string }) {
  const list = rows ?? NONE;
  const pressing = useMemo(
    () =>
      list
        .filter((r) => r.openOverdue + r.openAtRisk > 0)
        .sort((a, b) => b.openOverdue - a.openOverdue || b.openAtRisk - a.openAtRisk || a.townshipCode.localeCompare(b.townshipCode))
        .slice(0, MAX_BARS)
        .map((r) => ({ name: placeName(r.townshipName, r.townshipCode), openOverdue: r.openOverdue, openAtRisk: r.openAtRisk })),
    [list],
  );
  const option = useMemo(() => riskOption(pressing, true), [pressing]);
  const pressingCount = list.filter((r) => r.openOverdue + r.openAtRisk > 0).length;

  return (
    <Card data-testid="chart-township">
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        各乡镇（街道）超期与临期案件
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        图为当前办理中的超期与临期案件{pressingCount > MAX_BARS ? `（最多的 ${MAX_BARS} 个乡镇）` : ''}；表中另列{periodNote}受理与办结的案件数。
      </Typography.Paragraph>
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={13}>
          {loading ? null : pressing.length === 0 ? (
            <Empty description="当前没有超期或临期的案件" style={{ paddingBlock: 32 }} />
          ) : (
            <EChart
              option={option}
              label={riskSummary('各乡镇（街道）办理中的案件', pressing)}
              height={Math.max(160, 56 + pressing.length * 36)}
              testId="chart-township-chart"
            />
          )}
        </Col>
        <Col xs={24} xl={11}>
          <Table<TownshipRow>
            data-testid="township-table"
            size="small"
            rowKey="townshipCode"
            loading={loading}
            dataSource={list as TownshipRow[]}
            pagination={list.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            locale={{ emptyText: emptyText('该期间暂无数据') }}
            columns={[
              { title: '乡镇（街道）', key: 'township', render: (_, r) => placeName(r.townshipName, r.townshipCode) },
              { title: '期间受理', dataIndex: 'opened', align: 'right' },
              { title: '期间办结', dataIndex: 'closed', align: 'right' },
              { title: '当前超期', dataIndex: 'openOverdue', align: 'right', sorter: (a, b) => a.openOverdue - b.openOverdue },
              { title: '当前临期', dataIndex: 'openAtRisk', align: 'right', sorter: (a, b) => a.openAtRisk - b.openAtRisk },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}
