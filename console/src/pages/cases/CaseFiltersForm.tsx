// The case list's filter form. Every control has a visible label; the search fields that name a
// person (applicant name, identity number) are checked here the way the API checks them.

import { Col, DatePicker, Form, Input, Select, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { dayjs } from '../../format';
import { DEPARTMENT, SLA_STATE } from '../../labels';
import { ID_NUMBER, type ListFilters, type PrivateSearch } from './filters';
import { hubRule } from '../../forms';
import { enumOptions as options, FILTER_COL, FilterForm } from '../../components/FilterForm';
import { isRegionPrefix, REGION_PREFIX_RULE } from '../../../../src/access/division-code';

export interface FilterValues {
  status?: string[];
  slaState?: string[];
  department?: string | null;
  region?: string;
  accepted?: [Dayjs | null, Dayjs | null] | null;
  caseNoPrefix?: string;
  applicantName?: string;
  idNumber?: string;
}

export function formValuesOf(filters: ListFilters, search: PrivateSearch): FilterValues {
  return {
    status: filters.status,
    slaState: filters.slaState,
    department: filters.department,
    region: filters.region,
    accepted: filters.acceptedFrom || filters.acceptedTo ? [filters.acceptedFrom ? dayjs(filters.acceptedFrom) : null, filters.acceptedTo ? dayjs(filters.acceptedTo) : null] : null,
    caseNoPrefix: filters.caseNoPrefix ?? undefined,
    applicantName: search.applicantName ?? undefined,
    idNumber: search.idNumber ?? undefined,
  };
}

export function filtersOfForm(values: FilterValues, userRegion: string): { filters: ListFilters; search: PrivateSearch } {
  const text = (value: string | undefined) => value?.trim() || null;
  const [from, to] = values.accepted ?? [null, null];
  return {
    filters: {
      status: values.status ?? [],
      slaState: values.slaState ?? [],
      department: values.department ?? null,
      region: text(values.region) ?? userRegion,
      acceptedFrom: from ? from.format('YYYY-MM-DD') : null,
      acceptedTo: to ? to.format('YYYY-MM-DD') : null,
      caseNoPrefix: text(values.caseNoPrefix),
    },
    search: { applicantName: text(values.applicantName), idNumber: text(values.idNumber)?.toUpperCase() ?? null },
  };
}

export function CaseFiltersForm({
  form,
  userRegion,
  statusLabel,
  statusNames,
  withSearch,
  withDepartment,
  withDates,
  onSearch,
  onReset,
}: {
  form: FormInstance<FilterValues>;
  userRegion: string;
  statusLabel: string;
  statusNames: Record<string, string>;
  /** Receipt number, applicant name and identity number (the cases query has them; referrals do not). */
  withSearch: boolean;
  withDepartment: boolean;
  withDates: boolean;
  onSearch(values: FilterValues): void;
  onReset(): void;
}) {
  const col = FILTER_COL;
  return (
    <FilterForm form={form} label="案件查询条件" onSearch={onSearch} onReset={onReset}>
      <Col {...col}>
        <Form.Item label={statusLabel} name="status">
          <Select mode="multiple" allowClear placeholder="全部" options={options(statusNames)} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item label="办理时限" name="slaState">
          <Select mode="multiple" allowClear placeholder="全部" options={options(SLA_STATE)} />
        </Form.Item>
      </Col>
      {withDepartment && (
        <Col {...col}>
          <Form.Item label="转办部门" name="department">
            <Select allowClear placeholder="全部部门" options={options(DEPARTMENT)} />
          </Form.Item>
        </Col>
      )}
      <Col {...col}>
        <Form.Item
          label="乡镇（街道）代码"
          name="region"
          tooltip="行政区划代码前缀：9位为乡镇（街道），6位为县（市、区）"
          rules={[
            hubRule(isRegionPrefix, REGION_PREFIX_RULE),
            {
              validator: async (_rule, value: string | undefined) => {
                if (value && userRegion && !value.startsWith(userRegion)) throw new Error(`只能查询本辖区（${userRegion}）内的案件`);
              },
            },
          ]}
        >
          <Input inputMode="numeric" maxLength={12} placeholder={userRegion || '全国'} autoComplete="off" />
        </Form.Item>
      </Col>
      {withDates && (
        <Col {...col}>
          <Form.Item label="受理日期" name="accepted">
            <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['起始日期', '截止日期']} allowEmpty={[true, true]} />
          </Form.Item>
        </Col>
      )}
      {withSearch && (
        <>
          <Col {...col}>
            <Form.Item label="受理编号" name="caseNoPrefix" rules={[{ pattern: /^\d{1,22}$/, message: '受理编号为数字，可只填前几位' }]}>
              <Input inputMode="numeric" maxLength={22} placeholder="可只填前几位" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              label="申请人姓名"
              name="applicantName"
              dependencies={['region']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: string | undefined) => {
                    const region = (getFieldValue('region') as string | undefined)?.trim() || userRegion;
                    if (value?.trim() && region.length < 9) throw new Error('按姓名查找只能在一个乡镇（街道）内进行，请先填写9位乡镇（街道）代码');
                  },
                }),
              ]}
            >
              <Input maxLength={50} placeholder="可只填姓氏" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item label="身份证号" name="idNumber" rules={[{ pattern: ID_NUMBER, message: '身份证号应为18位，最后一位可以是X' }]}>
              <Input maxLength={18} placeholder="申请人或家庭成员" autoComplete="off" spellCheck={false} />
            </Form.Item>
          </Col>
        </>
      )}
    </FilterForm>
  );
}
