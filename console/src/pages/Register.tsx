// 低收入人口: the register's households in the user's region, oldest entry first. Tier, township
// and review date go in the URL (a list can be bookmarked and shared); a resident's identity number
// never does (see cases/filters.ts): it lives only in the page's memory.

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useSession } from '../auth';
import { dayjs } from '../format';
import { hubRule } from '../forms';
import { REGISTER_TIER } from '../labels';
import type { RegisterFilter, RegisterTier } from '../gql/graphql';
import { isRegionPrefix, REGION_PREFIX_RULE } from '../../../src/access/division-code';
import { ID_NUMBER } from './cases/filters';
import { RegisterTable } from './register/RegisterTable';

interface Filters {
  tier: string[];
  /** Region code prefix; the user's own region by default. */
  region: string;
  reviewDueBy: string | null;
}

interface Values {
  tier?: string[];
  region?: string;
  reviewDueBy?: Dayjs | null;
  idNumber?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function filtersFromUrl(params: URLSearchParams, userRegion: string): Filters {
  const region = params.get('region');
  const due = params.get('due');
  return {
    tier: (params.get('tier') ?? '').split(',').filter((t) => t in REGISTER_TIER),
    region: region !== null && isRegionPrefix(region, true) ? region : userRegion,
    reviewDueBy: due && DATE.test(due) ? due : null,
  };
}

function filtersToUrl(filters: Filters, userRegion: string): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.tier.length) params.set('tier', filters.tier.join(','));
  if (filters.region !== userRegion) params.set('region', filters.region);
  if (filters.reviewDueBy) params.set('due', filters.reviewDueBy);
  return params;
}

/** The form field of an API filter field named in a BAD_USER_INPUT error. */
const FORM_FIELD: Record<string, keyof Values> = { regionCode: 'region', tier: 'tier', reviewDueBy: 'reviewDueBy', idNumber: 'idNumber' };

export function RegisterListPage() {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromUrl(params, session.region), [params, session.region]);
  const [idNumber, setIdNumber] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();

  // The form follows the URL (back/forward, a shared link). The identity number is the form's own
  // (never in the URL): left alone here, so a number typed while the URL changes is not wiped.
  useEffect(() => {
    form.setFieldsValue({ tier: filters.tier, region: filters.region, reviewDueBy: filters.reviewDueBy ? dayjs(filters.reviewDueBy) : null });
  }, [form, filters]);

  const onSearch = (values: Values) => {
    setIdNumber(values.idNumber?.trim().toUpperCase() || null);
    setParams(filtersToUrl({ tier: values.tier ?? [], region: values.region?.trim() || session.region, reviewDueBy: values.reviewDueBy?.format('YYYY-MM-DD') ?? null }, session.region));
  };
  const onReset = () => {
    form.resetFields();
    setIdNumber(null);
    setParams(new URLSearchParams());
  };
  const onFieldError = useCallback(
    (apiField: string, message: string) => {
      const field = FORM_FIELD[apiField];
      if (field) form.setFields([{ name: field, errors: [message] }]);
    },
    [form],
  );

  const filter: RegisterFilter = {
    tier: filters.tier.length ? (filters.tier as RegisterTier[]) : undefined,
    regionCode: filters.region || undefined,
    reviewDueBy: filters.reviewDueBy ?? undefined,
    idNumber: idNumber ?? undefined,
  };
  const col = { xs: 24, sm: 12, lg: 6 };

  return (
    <>
      <Typography.Title level={1}>低收入人口</Typography.Title>
      <Typography.Paragraph type="secondary">低收入人口库中本辖区的家庭，按纳入先后排列；点击户主姓名查看家庭成员、类别认定记录和复核情况。</Typography.Paragraph>
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>查询条件</h2>} style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" onFinish={onSearch} aria-label="低收入人口查询条件">
          <Row gutter={16}>
            <Col {...col}>
              <Form.Item label="类别" name="tier">
                <Select mode="multiple" allowClear placeholder="全部类别" options={Object.entries(REGISTER_TIER).map(([value, label]) => ({ value, label }))} />
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
                      if (value && session.region && !value.startsWith(session.region)) throw new Error(`只能查询本辖区（${session.region}）内的家庭`);
                    },
                  },
                ]}
              >
                <Input inputMode="numeric" maxLength={12} placeholder={session.region || '全国'} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label="复核到期" name="reviewDueBy" tooltip="下次复核日期在此日期或之前的家庭">
                <DatePicker style={{ width: '100%' }} placeholder="选择日期" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label="身份证号码" name="idNumber" rules={[{ pattern: ID_NUMBER, message: '身份证号码应为18位，最后一位可以是X' }]}>
                <Input maxLength={18} placeholder="户主或家庭成员" autoComplete="off" spellCheck={false} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button onClick={onReset}>重置</Button>
          </Space>
        </Form>
      </Card>
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>家庭列表</h2>}>
        <RegisterTable filter={filter} filterKey={JSON.stringify(filter)} onFieldError={onFieldError} />
      </Card>
    </>
  );
}
