// One card of the dashboard: an h2, then a chart with its figures in words, or a loading or
// empty state in its place; what `children` adds (the data table) comes below the chart.

import type { ReactNode } from 'react';
import { Card, Empty, Spin, Typography } from 'antd';
import { EChart, type ChartOption } from './EChart';

export interface ChartCardProps {
  title: string;
  /** Shown under the title: what the figures count and for when. */
  note?: ReactNode;
  loading: boolean;
  /** When set, the chart gives way to this empty-state sentence. */
  empty?: string | null;
  option: ChartOption;
  summary: string;
  height?: number;
  testId: string;
  children?: ReactNode;
}

export function ChartCard({ title, note, loading, empty, option, summary, height = 280, testId, children }: ChartCardProps) {
  return (
    <Card data-testid={testId} style={{ height: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        {title}
      </Typography.Title>
      {note && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {note}
        </Typography.Paragraph>
      )}
      {loading ? (
        <div style={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Spin tip="加载中…">
            <div style={{ width: 120, height: 40 }} />
          </Spin>
        </div>
      ) : empty ? (
        <Empty description={empty} style={{ paddingBlock: 32 }} />
      ) : (
        <>
          <EChart option={option} label={summary} height={height} testId={`${testId}-chart`} />
          {children}
        </>
      )}
    </Card>
  );
}
