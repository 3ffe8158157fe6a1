// One page of the register's households. Identity numbers come masked from the list (the hub shows
// them whole only on a household opened on purpose).

import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Space, Table, Typography } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { RegisterFilter, RegisterListQuery } from '../../gql/graphql';
import { errorText } from '../../api';
import { REGISTER_TIER, label, placeName } from '../../labels';
import { filterFieldOf } from '../cases/CaseTable';
import { KeysetPager, useKeysetPages } from '../../components/KeysetPager';
import { emptyText } from '../../components/EmptyText';

const REGISTER_LIST = graphql(`
  query RegisterList($filter: RegisterFilter, $first: Int, $after: String) {
    registerHouseholds(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          townshipCode
          townshipName
          headName
          headIdNumberMasked
          memberCount
          tier
          tierSince
          nextReviewDate
        }
      }
    }
  }
`);

type Row = RegisterListQuery['registerHouseholds']['edges'][number]['node'];

const PAGE_SIZE = 20;

/** Every field of RegisterFilter has its control on the form, so a refused one is shown there. */
export function RegisterTable({ filter, filterKey, onFieldError }: { filter: RegisterFilter; filterKey: string; onFieldError(apiField: string, message: string): void }) {
  const pages = useKeysetPages(filterKey);
  const [{ data, fetching, error }] = useQuery({ query: REGISTER_LIST, variables: { filter, first: PAGE_SIZE, after: pages.after } });

  // A filter the hub refused is shown on its field of the form; anything else above the table.
  const field = filterFieldOf(error);
  const message = errorText(error);
  const placed = field !== undefined;
  useEffect(() => {
    if (field && message) onFieldError(field, message);
  }, [field, message, onFieldError]);

  const connection = data?.registerHouseholds;
  return (
    <>
      {error && !placed && <Alert type="error" showIcon message={message} style={{ marginBottom: 16 }} />}
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={fetching && !connection}
        dataSource={error ? [] : connection?.edges.map((e) => e.node)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: emptyText(fetching ? '加载中…' : '暂无符合条件的家庭') }}
        columns={[
          {
            title: '户主',
            key: 'head',
            render: (_, row) => (
              <Space direction="vertical" size={0}>
                <Link to={`/register/${encodeURIComponent(row.id)}`}>{row.headName}</Link>
                <Typography.Text type="secondary">{row.headIdNumberMasked}</Typography.Text>
              </Space>
            ),
          },
          { title: '乡镇（街道）', key: 'township', render: (_, row) => placeName(row.townshipName, row.townshipCode) },
          { title: '家庭人数', dataIndex: 'memberCount', align: 'right' },
          { title: '类别', dataIndex: 'tier', render: (tier: string | null) => (tier ? label(REGISTER_TIER, tier) : '已退出') },
          { title: '认定日期', dataIndex: 'tierSince', render: (d: string | null) => d ?? '—' },
          { title: '下次复核', dataIndex: 'nextReviewDate', render: (d: string | null) => d ?? '—' },
        ]}
      />
      <KeysetPager pages={pages} pageInfo={connection?.pageInfo} totalCount={connection?.totalCount} pageSize={PAGE_SIZE} fetching={fetching} />
    </>
  );
}
