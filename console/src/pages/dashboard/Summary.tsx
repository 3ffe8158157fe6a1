// The period's figures at the top of the dashboard: cases opened, closed, closed on time, and the rate.

import { Card, Col, Row, Statistic } from 'antd';
import { percent } from './period';

export interface SummaryFigures {
  casesOpened: number;
  casesClosed: number;
  casesClosedOnTime: number;
}

export function Summary({ figures, loading }: { figures: SummaryFigures | null; loading: boolean }) {
  const rate = figures ? percent(figures.casesClosedOnTime, figures.casesClosed) : null;
  const items = [
    { title: '受理案件', value: figures?.casesOpened, suffix: '件' },
    { title: '办结案件', value: figures?.casesClosed, suffix: '件' },
    { title: '按期办结', value: figures?.casesClosedOnTime, suffix: '件' },
    { title: '按期办结率', value: rate ?? (figures ? '—' : undefined), suffix: rate === null ? undefined : '%', precision: rate === null ? undefined : 1 },
  ];
  return (
    <Row gutter={[16, 16]} data-testid="dashboard-summary">
      {items.map((item) => (
        <Col key={item.title} xs={12} lg={6}>
          <Card loading={loading && !figures}>
            <Statistic title={item.title} value={item.value ?? '—'} suffix={item.suffix} precision={item.precision} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
