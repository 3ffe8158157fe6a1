// 复核: the periodic review tasks (定期复核) of the user's region by deadline, with their clocks.
// Township clerks, civil affairs and administrators record outcomes; a supervisor only reads.
// The filters live in the URL, as the case list's do.

import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Col, Form, Input, Select, Typography } from 'antd';
import { useSession } from '../auth';
import { recordsReviews } from '../access';
import { hubRule } from '../forms';
import { REVIEW_STATUS, SLA_STATE } from '../labels';
import type { ReviewFilter, ReviewStatus, SlaState } from '../gql/graphql';
import { isRegionPrefix, REGION_PREFIX_RULE } from '../../../src/access/division-code';
import { ReviewTable } from './reviews/ReviewTable';
import { cardHeading, enumOptions, FilterCard, FilterForm } from '../components/FilterForm';

interface Filters {
  status: string;
  slaState: string[];
  region: string;
}

/** The clock states each task status can be in (the hub: open ones run, done ones are MET or MISSED). */
const STATES_OF: Record<string, readonly string[]> = { OPEN: ['ON_TRACK', 'AT_RISK', 'OVERDUE'], DONE: ['MET', 'MISSED'], SUPERSEDED: [] };

function filtersFromUrl(params: URLSearchParams, userRegion: string): Filters {
  const status = params.get('status') ?? 'OPEN';
  const known = status in STATES_OF ? status : 'OPEN';
  const region = params.get('region');
  return {
    status: known,
    slaState: (params.get('sla') ?? '').split(',').filter((s) => STATES_OF[known].includes(s)),
    region: region !== null && isRegionPrefix(region, true) ? region : userRegion,
  };
}

function filtersToUrl(filters: Filters, userRegion: string): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status !== 'OPEN') params.set('status', filters.status);
  if (filters.slaState.length) params.set('sla', filters.slaState.join(','));
  if (filters.region !== userRegion) params.set('region', filters.region);
  return params;
}

export function ReviewsPage() {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromUrl(params, session.region), [params, session.region]);
  const [form] = Form.useForm<Filters>();
  const status = Form.useWatch('status', form) ?? filters.status;
  useEffect(() => form.setFieldsValue(filters), [form, filters]);

  const onSearch = (values: Filters) => {
    setParams(filtersToUrl({ status: values.status, slaState: (values.slaState ?? []).filter((s) => STATES_OF[values.status].includes(s)), region: values.region?.trim() || session.region }, session.region));
  };
  const filter: ReviewFilter = {
    status: [filters.status as ReviewStatus],
    slaState: filters.slaState.length ? (filters.slaState as SlaState[]) : undefined,
    regionCode: filters.region || undefined,
  };
  const col = { xs: 24, sm: 12, lg: 8 };
  const mayRecord = recordsReviews(session);

  return (
    <>
      <Typography.Title level={1}>定期复核</Typography.Title>
      <Typography.Paragraph type="secondary">
        到期应复核的低收入人口家庭，按办理期限先后排列；期限为应复核日期后的规定工作日。
        {mayRecord ? '入户核查后，点击“登记结果”填写复核结论。' : '本页仅供查看。'}
      </Typography.Paragraph>
      <FilterCard>
        <FilterForm form={form} label="复核任务查询条件" onSearch={onSearch} onReset={() => setParams(new URLSearchParams())}>
          <Col {...col}>
            <Form.Item label="任务状态" name="status">
              <Select options={enumOptions(REVIEW_STATUS)} onChange={() => form.setFieldValue('slaState', [])} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item label="办理时限" name="slaState">
              <Select
                mode="multiple"
                allowClear
                placeholder={STATES_OF[status].length ? '全部' : '已失效的任务没有办理时限'}
                disabled={STATES_OF[status].length === 0}
                options={STATES_OF[status].map((value) => ({ value, label: SLA_STATE[value] }))}
              />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              label="乡镇（街道）代码"
              name="region"
              tooltip="行政区划代码前缀：9位为乡镇（街道），6位为县（市、区）"
              rules={[
                hubRule(isRegionPrefix, REGION_PREFIX_RULE),
                {
                  validator: async (_rule, value: string | undefined) => {
                    if (value && session.region && !value.startsWith(session.region)) throw new Error(`只能查询本辖区（${session.region}）内的复核任务`);
                  },
                },
              ]}
            >
              <Input inputMode="numeric" maxLength={12} placeholder={session.region || '全国'} autoComplete="off" />
            </Form.Item>
          </Col>
        </FilterForm>
      </FilterCard>
      <Card title={cardHeading('复核任务')}>
        <ReviewTable filter={filter} filterKey={JSON.stringify(filter)} mayRecord={mayRecord} />
      </Card>
    </>
  );
}
