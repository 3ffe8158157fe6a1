// A department's case list. The hub lets a department read cases only through its own referrals
// (the `cases` list is for windows and supervisors), so this lists the department's referrals,
// most urgent first, each with the case it belongs to.

import { Link } from 'react-router-dom';
import { Alert, Space, Table, Typography } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { DepartmentCaseListQuery, ReferralFilter } from '../../gql/graphql';
import { errorText } from '../../api';
import { dateTime } from '../../format';
import { CASE_STATUS, CATEGORY, REFERRAL_STATUS, label, placeName } from '../../labels';
import { SlaClockTag, isPaused } from '../../components/SlaClockTag';
import { KeysetPager, useKeysetPages } from '../../components/KeysetPager';
import { emptyText } from '../../components/EmptyText';

const DEPARTMENT_CASE_LIST = graphql(`
  query DepartmentCaseList($filter: ReferralFilter, $first: Int, $after: String) {
    referrals(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          category
          status
          sla {
            state
            workingDaysLeft
          }
          case {
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
          }
        }
      }
    }
  }
`);

type Row = DepartmentCaseListQuery['referrals']['edges'][number]['node'];

const PAGE_SIZE = 20;

export function DepartmentCaseTable({ filter, filterKey }: { filter: ReferralFilter; filterKey: string }) {
  const pages = useKeysetPages(filterKey);
  const [{ data, fetching, error }] = useQuery({ query: DEPARTMENT_CASE_LIST, variables: { filter, first: PAGE_SIZE, after: pages.after } });
  const connection = data?.referrals;
  return (
    <>
      {error && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 16 }} />}
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={fetching && !connection}
        dataSource={error ? [] : connection?.edges.map((e) => e.node)}
        pagination={false}
        locale={{ emptyText: emptyText(fetching ? '加载中…' : '暂无转办给本部门的案件') }}
        columns={[
          { title: '受理编号', key: 'caseNo', render: (_, row) => <Link to={`/cases/${row.case.id}`}>{row.case.caseNo}</Link> },
          {
            title: '申请人',
            key: 'applicant',
            render: (_, row) => (
              <Space direction="vertical" size={0}>
                <span>{row.case.applicant.name}</span>
                <Typography.Text type="secondary">{row.case.applicant.idNumber}</Typography.Text>
              </Space>
            ),
          },
          { title: '乡镇（街道）', key: 'township', render: (_, row) => placeName(row.case.townshipName, row.case.townshipCode) },
          { title: '受理时间', key: 'acceptedAt', render: (_, row) => dateTime(row.case.acceptedAt) },
          { title: '案件状态', key: 'caseStatus', render: (_, row) => label(CASE_STATUS, row.case.status) },
          {
            title: '本部门事项',
            key: 'referral',
            render: (_, row) => (
              <span>
                {label(CATEGORY, row.category)}
                <Typography.Text type="secondary">（{label(REFERRAL_STATUS, row.status)}）</Typography.Text>
              </span>
            ),
          },
          { title: '办理时限', key: 'sla', render: (_, row) => <SlaClockTag sla={row.sla} paused={isPaused(row.status)} /> },
        ]}
      />
      <KeysetPager pages={pages} pageInfo={connection?.pageInfo} totalCount={connection?.totalCount} pageSize={PAGE_SIZE} fetching={fetching} />
    </>
  );
}
