// 督办单: the supervision notices of the supervisor's region (county and city notices the hub's SLA scan
// raised on overdue acknowledgements and resolutions), with the departments' answers. The counts by
// status follow the other filters; the filters live in the URL, as the case list's do.

import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Card, Col, Form, Row, Select, Statistic, Typography } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { Department, NoticeStatus, SupervisedClock, SupervisionLevel, SupervisionNoticeFilter } from '../gql/graphql';
import { errorText } from '../api';
import { DEPARTMENT, NOTICE_STATUS, SUPERVISED_CLOCK, SUPERVISION_LEVEL, label } from '../labels';
import { listParam, oneParam } from '../url-filters';
import { cardHeading, enumOptions, FILTER_COL, FilterCard, FilterForm } from '../components/FilterForm';
import { NoticeTable } from './supervision/NoticeTable';

const NOTICE_COUNTS = graphql(`
  query SupervisionNoticeCounts($department: Department, $level: SupervisionLevel, $clock: SupervisedClock) {
    open: supervisionNotices(filter: { status: [OPEN], department: $department, level: $level, clock: $clock }, first: 1) {
      totalCount
    }
    answered: supervisionNotices(filter: { status: [ANSWERED], department: $department, level: $level, clock: $clock }, first: 1) {
      totalCount
    }
    escalated: supervisionNotices(filter: { status: [ESCALATED], department: $department, level: $level, clock: $clock }, first: 1) {
      totalCount
    }
  }
`);

interface Filters {
  status: string[];
  level: string | null;
  department: string | null;
  clock: string | null;
}

const filtersFromUrl = (params: URLSearchParams): Filters => ({
  status: listParam(params, 'status', NOTICE_STATUS),
  level: oneParam(params, 'level', SUPERVISION_LEVEL),
  department: oneParam(params, 'department', DEPARTMENT),
  clock: oneParam(params, 'clock', SUPERVISED_CLOCK),
});

function filtersToUrl(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status.length) params.set('status', filters.status.join(','));
  for (const key of ['level', 'department', 'clock'] as const) if (filters[key]) params.set(key, filters[key]);
  return params;
}

/** The counts on top: each a status, over the other filters. */
const COUNTED = [
  { key: 'open', status: 'OPEN' },
  { key: 'answered', status: 'ANSWERED' },
  { key: 'escalated', status: 'ESCALATED' },
] as const;

export function SupervisionPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromUrl(params), [params]);
  const [form] = Form.useForm<Filters>();
  useEffect(() => form.setFieldsValue(filters), [form, filters]);

  const others = {
    department: (filters.department as Department | null) ?? null,
    level: (filters.level as SupervisionLevel | null) ?? null,
    clock: (filters.clock as SupervisedClock | null) ?? null,
  };
  const [counts] = useQuery({ query: NOTICE_COUNTS, variables: others });
  const filter: SupervisionNoticeFilter = {
    status: filters.status.length ? (filters.status as NoticeStatus[]) : undefined,
    department: others.department ?? undefined,
    level: others.level ?? undefined,
    clock: others.clock ?? undefined,
  };
  const onSearch = (values: Filters) =>
    setParams(filtersToUrl({ status: values.status ?? [], level: values.level ?? null, department: values.department ?? null, clock: values.clock ?? null }));
  const onReset = () => {
    form.resetFields();
    setParams(new URLSearchParams());
  };

  return (
    <>
      <Typography.Title level={1}>督办单</Typography.Title>
      <Typography.Paragraph type="secondary">
        转办事项超过受理时限或办理时限后，系统生成县级督办单；部门须在反馈期限内反馈原因和承诺办结日期，逾期未反馈或未按承诺办结的升级为市级督办。事项办结（或受理）后督办单销号。
      </Typography.Paragraph>
      {counts.error && <Alert type="error" showIcon message={errorText(counts.error)} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="notice-counts">
        {COUNTED.map(({ key, status }) => (
          <Col key={key} xs={24} sm={8}>
            <Card loading={counts.fetching && !counts.data}>
              <Statistic title={label(NOTICE_STATUS, status)} value={counts.data?.[key].totalCount ?? '—'} suffix="件" />
            </Card>
          </Col>
        ))}
      </Row>
      <FilterCard>
        <FilterForm form={form} label="督办单查询条件" onSearch={onSearch} onReset={onReset}>
          <Col {...FILTER_COL}>
            <Form.Item label="状态" name="status">
              <Select mode="multiple" allowClear placeholder="全部" options={enumOptions(NOTICE_STATUS)} />
            </Form.Item>
          </Col>
          <Col {...FILTER_COL}>
            <Form.Item label="督办层级" name="level">
              <Select allowClear placeholder="全部" options={enumOptions(SUPERVISION_LEVEL)} />
            </Form.Item>
          </Col>
          <Col {...FILTER_COL}>
            <Form.Item label="部门" name="department">
              <Select allowClear placeholder="全部部门" options={enumOptions(DEPARTMENT)} />
            </Form.Item>
          </Col>
          <Col {...FILTER_COL}>
            <Form.Item label="事由" name="clock">
              <Select allowClear placeholder="全部" options={enumOptions(SUPERVISED_CLOCK)} />
            </Form.Item>
          </Col>
        </FilterForm>
      </FilterCard>
      <Card title={cardHeading('督办单列表')}>
        <NoticeTable filter={filter} filterKey={JSON.stringify(filter)} testId="notice-list" />
      </Card>
    </>
  );
}
