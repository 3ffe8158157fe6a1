// The preview: the file's rows as validated, in file order, with what each would do to the register
// and every problem found in it (by column). Filtered by outcome; paged forward by row number (the
// hub's afterRow), backward through the kept row numbers.

import { Alert, Radio, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ImportRowOutcome, RegisterImportRowsQuery } from '../../gql/graphql';
import { errorText } from '../../api';
import { IMPORT_ROW_OUTCOME, IMPORT_ROW_OUTCOME_COLOR, REGISTER_TIER, label } from '../../labels';
import { KeysetPager, useKeysetPages } from '../../components/KeysetPager';
import { outcomeCounts, type OutcomeCounts } from './outcomes';
import { emptyText } from '../../components/EmptyText';

const IMPORT_ROWS = graphql(`
  query RegisterImportRows($importId: ID!, $outcomes: [ImportRowOutcome!], $afterRow: Int!, $first: Int!) {
    registerImportRows(importId: $importId, outcomes: $outcomes, afterRow: $afterRow, first: $first) {
      rowNo
      outcome
      name
      idNumberMasked
      tier
      problems {
        column
        message
      }
    }
  }
`);

type Row = RegisterImportRowsQuery['registerImportRows'][number];

const PAGE_SIZE = 50;

export function PreviewRows({ importId, counts, outcome, onOutcome }: { importId: string; counts: OutcomeCounts; outcome: string; onOutcome(outcome: string): void }) {
  const pages = useKeysetPages(`${importId}:${outcome}`);
  const afterRow = pages.after ? Number(pages.after) : 0;
  const [{ data, fetching, error }] = useQuery({
    query: IMPORT_ROWS,
    variables: { importId, outcomes: outcome ? [outcome as ImportRowOutcome] : null, afterRow, first: PAGE_SIZE },
  });
  const all = outcomeCounts(counts);
  const total = outcome ? (all.find(([o]) => o === outcome)?.[1] ?? 0) : all.reduce((n, [, c]) => n + c, 0);
  const rows = data?.registerImportRows;
  const last = rows?.[rows.length - 1];

  return (
    <>
      <Radio.Group value={outcome} onChange={(e) => onOutcome(e.target.value as string)} optionType="button" aria-label="按处理结果筛选" style={{ marginBottom: 16 }}>
        <Radio.Button value="">全部 {all.reduce((n, [, c]) => n + c, 0)}</Radio.Button>
        {all.map(([o, n]) => (
          <Radio.Button key={o} value={o}>
            {label(IMPORT_ROW_OUTCOME, o)} {n}
          </Radio.Button>
        ))}
      </Radio.Group>
      {error && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 16 }} />}
      <Table<Row>
        data-testid="import-rows"
        rowKey="rowNo"
        size="small"
        loading={fetching && !rows}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: emptyText(fetching ? '加载中…' : '没有这类数据行') }}
        columns={[
          { title: '行号', dataIndex: 'rowNo', align: 'right' },
          { title: '处理结果', dataIndex: 'outcome', render: (o: string) => <Tag color={IMPORT_ROW_OUTCOME_COLOR[o]}>{label(IMPORT_ROW_OUTCOME, o)}</Tag> },
          { title: '姓名', dataIndex: 'name', render: (v: string | null) => v ?? '—' },
          { title: '身份证号码', dataIndex: 'idNumberMasked', render: (v: string | null) => v ?? '—' },
          // The tier the row was read as (a code), or nothing where it was not recognised.
          { title: '类别', dataIndex: 'tier', render: (v: string | null) => label(REGISTER_TIER, v) },
          {
            title: '问题',
            key: 'problems',
            render: (_, r) =>
              r.problems.length === 0 ? (
                '—'
              ) : (
                <Space direction="vertical" size={0} style={{ maxWidth: 560 }}>
                  {r.problems.map((p, i) => (
                    <Typography.Text key={i} type={r.outcome === 'REFUSED' ? 'danger' : undefined}>
                      {p.column ? `${p.column}：` : ''}
                      {p.message}
                    </Typography.Text>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      <KeysetPager
        pages={pages}
        pageInfo={rows ? { hasNextPage: pages.page * PAGE_SIZE < total && rows.length === PAGE_SIZE, endCursor: last ? String(last.rowNo) : null } : undefined}
        totalCount={total}
        pageSize={PAGE_SIZE}
        fetching={fetching}
      />
    </>
  );
}
