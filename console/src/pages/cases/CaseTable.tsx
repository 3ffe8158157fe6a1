// One page of cases (newest first) for clerks, supervisors and administrators.

import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Space, Table, Typography } from 'antd';
import { useQuery, type CombinedError } from 'urql';
import { graphql } from '../../gql';
import type { CaseFilter, CaseListQuery } from '../../gql/graphql';
import { errorText } from '../../api';
import { dateTime } from '../../format';
import { CASE_STATUS, DEPARTMENT, REFERRAL_STATUS, label, placeName } from '../../labels';
import { formFieldOf } from './filters';
import { SlaClockTag } from '../../components/SlaClockTag';
import { KeysetPager, useKeysetPages } from '../../components/KeysetPager';
import { emptyText } from '../../components/EmptyText';

const CASE_LIST = graphql(`
  query CaseList($filter: CaseFilter, $first: Int, $after: String) {
    cases(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          caseNo
          townshipCode
          townshipName
          status
          acceptedAt
          applicant {
            id
            name
            idNumber
          }
          referrals {
            id
            department
            status
          }
          sla {
            state
            workingDaysLeft
          }
        }
      }
    }
  }
`);

type CaseRow = CaseListQuery['cases']['edges'][number]['node'];

const PAGE_SIZE = 20;

/** The input field a BAD_USER_INPUT error names, e.g. "idNumber" for ["filter","idNumber"]. */
export function filterFieldOf(error: CombinedError | undefined): string | undefined {
  const field = error?.graphQLErrors[0]?.extensions?.field;
  return Array.isArray(field) && field[0] === 'filter' ? String(field[1]) : undefined;
}

export function CaseTable({ filter, filterKey, onFieldError }: { filter: CaseFilter; filterKey: string; onFieldError(field: string, message: string): void }) {
  const pages = useKeysetPages(filterKey);
  const [{ data, fetching, error }] = useQuery({ query: CASE_LIST, variables: { filter, first: PAGE_SIZE, after: pages.after } });

  // A filter the API refused is shown on its field of the form; anything else above the table.
  const field = formFieldOf(filterFieldOf(error));
  const message = errorText(error);
  useEffect(() => {
    if (field && message) onFieldError(field, message);
  }, [field, message, onFieldError]);
  const placed = field !== null;

  const connection = data?.cases;
  return (
    <>
      {error && !placed && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 16 }} />}
      <Table<CaseRow>
        rowKey="id"
        size="middle"
        loading={fetching && !connection}
        dataSource={error ? [] : connection?.edges.map((e) => e.node)}
        pagination={false}
        locale={{ emptyText: emptyText(fetching ? '加载中…' : '暂无符合条件的案件') }}
        columns={[
          {
            title: '受理编号',
            dataIndex: 'caseNo',
            render: (caseNo: string, row) => <Link to={`/cases/${row.id}`}>{caseNo}</Link>,
          },
          {
            title: '申请人',
            key: 'applicant',
            render: (_, row) => (
              <Space direction="vertical" size={0}>
                <span>{row.applicant.name}</span>
                <Typography.Text type="secondary">{row.applicant.idNumber}</Typography.Text>
              </Space>
            ),
          },
          { title: '乡镇（街道）', key: 'township', render: (_, row) => placeName(row.townshipName, row.townshipCode) },
          { title: '受理时间', dataIndex: 'acceptedAt', render: (at: string) => dateTime(at) },
          { title: '状态', dataIndex: 'status', render: (status: string) => label(CASE_STATUS, status) },
          {
            title: '转办部门',
            key: 'referrals',
            render: (_, row) =>
              row.referrals.length === 0 ? (
                '—'
              ) : (
                <Space direction="vertical" size={0}>
                  {row.referrals.map((r) => (
                    <span key={r.id}>
                      {label(DEPARTMENT, r.department)}
                      <Typography.Text type="secondary">（{label(REFERRAL_STATUS, r.status)}）</Typography.Text>
                    </span>
                  ))}
                </Space>
              ),
          },
          { title: '办理时限', key: 'sla', render: (_, row) => <SlaClockTag sla={row.sla} /> },
        ]}
      />
      <KeysetPager pages={pages} pageInfo={connection?.pageInfo} totalCount={connection?.totalCount} pageSize={PAGE_SIZE} fetching={fetching} />
    </>
  );
}
