// Cases opened and closed week by week (the WEEKS calendar weeks ending with the period's last
// day), with the same figures as a table: weeks across, figures down.

import { useMemo } from 'react';
import { Table } from 'antd';
import { ChartCard } from './ChartCard';
import { weeklyOption, weeklySummary, type WeekRow } from './charts';
import { WEEKS, weekLabel } from './period';

interface FigureRow {
  key: string;
  figure: string;
  values: number[];
}

export function WeeklySection({ weeks, loading, to }: { weeks: readonly WeekRow[] | null; loading: boolean; to: string }) {
  const option = useMemo(() => weeklyOption(weeks ?? []), [weeks]);
  const list = weeks ?? [];
  const empty = list.every((w) => w.casesOpened === 0 && w.casesClosed === 0);
  const rows: FigureRow[] = [
    { key: 'opened', figure: '受理', values: list.map((w) => w.casesOpened) },
    { key: 'closed', figure: '办结', values: list.map((w) => w.casesClosed) },
    { key: 'onTime', figure: '按期办结', values: list.map((w) => w.casesClosedOnTime) },
  ];
  return (
    <ChartCard
      title="每周受理与办结"
      note={`截至${to.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}的最近${WEEKS}周（周一至周日），单位：件`}
      loading={loading}
      empty={empty ? '该期间暂无数据' : null}
      option={option}
      summary={weeklySummary(list)}
      testId="chart-weekly"
    >
      <Table<FigureRow>
        data-testid="weekly-table"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          { title: '项目', dataIndex: 'figure', fixed: 'left' },
          ...list.map((w, i) => ({
            title: weekLabel(w),
            key: w.from,
            align: 'right' as const,
            render: (_: unknown, row: FigureRow) => row.values[i],
          })),
        ]}
      />
    </ChartCard>
  );
}
