// 案件: the case list for every role, with its filters. A clerk's list covers the township, a
// supervisor's the county; a department sees the cases referred to it.

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Form, Typography } from 'antd';
import { useSession } from '../auth';
import { CASE_STATUS, DEPARTMENT, REFERRAL_STATUS } from '../labels';
import type { ReferralFilter, ReferralStatus, SlaState } from '../gql/graphql';
import { caseFilterOf, filtersFromUrl, filtersToUrl, NO_PRIVATE_SEARCH, type ListFilters, type PrivateSearch } from './cases/filters';
import { CaseFiltersForm, filtersOfForm, formValuesOf, type FilterValues } from './cases/CaseFiltersForm';
import { CaseTable } from './cases/CaseTable';
import { DepartmentCaseTable } from './cases/DepartmentCaseTable';
import { cardHeading, FilterCard } from '../components/FilterForm';

export function CaseListPage() {
  const { session } = useSession();
  const isDepartment = session.role === 'DEPARTMENT';
  const statusNames = isDepartment ? REFERRAL_STATUS : CASE_STATUS;
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromUrl(params, session.region, statusNames), [params, session.region, statusNames]);
  // Never in the URL (see cases/filters.ts).
  const [search, setSearch] = useState<PrivateSearch>(NO_PRIVATE_SEARCH);
  const [form] = Form.useForm<FilterValues>();

  // The form follows the URL (back/forward, a shared link).
  useEffect(() => {
    // (antd's value type cannot express a cleared RangePicker, null)
    form.setFieldsValue(formValuesOf(filters, search) as Parameters<typeof form.setFieldsValue>[0]);
  }, [form, filters, search]);

  const apply = (next: ListFilters, nextSearch: PrivateSearch) => {
    setSearch(nextSearch);
    setParams(filtersToUrl(next, session.region));
  };
  const onSearch = (values: FilterValues) => {
    const { filters: next, search: nextSearch } = filtersOfForm(values, session.region);
    apply(next, nextSearch);
  };
  const onReset = () => {
    form.resetFields();
    apply(filtersFromUrl(new URLSearchParams(), session.region, statusNames), NO_PRIVATE_SEARCH);
  };
  const onFieldError = useCallback((field: string, message: string) => form.setFields([{ name: field as keyof FilterValues, errors: [message] }]), [form]);

  const filterKey = JSON.stringify([filters, search]);
  const departmentFilter: ReferralFilter = {
    status: filters.status.length ? (filters.status as ReferralStatus[]) : undefined,
    slaState: filters.slaState.length ? (filters.slaState as SlaState[]) : undefined,
    regionCode: filters.region || undefined,
  };

  return (
    <>
      <Typography.Title level={1}>案件</Typography.Title>
      {isDepartment && (
        <Typography.Paragraph type="secondary">
          本页列出转办给{DEPARTMENT[session.department ?? ''] ?? '本部门'}的案件；受理、办结请到“部门工作台”。
        </Typography.Paragraph>
      )}
      <FilterCard>
        <CaseFiltersForm
          form={form}
          userRegion={session.region}
          statusLabel={isDepartment ? '转办状态' : '案件状态'}
          statusNames={statusNames}
          withSearch={!isDepartment}
          withDepartment={!isDepartment}
          withDates={!isDepartment}
          onSearch={onSearch}
          onReset={onReset}
        />
      </FilterCard>
      <Card title={cardHeading('案件列表')}>
        {isDepartment ? (
          <DepartmentCaseTable filter={departmentFilter} filterKey={filterKey} />
        ) : (
          <CaseTable filter={caseFilterOf(filters, search)} filterKey={filterKey} onFieldError={onFieldError} />
        )}
      </Card>
    </>
  );
}
