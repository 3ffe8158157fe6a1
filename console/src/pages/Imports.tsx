// 导入: counties bring their existing rolls into the low-income register (存量数据导入). Civil
// affairs and administrators upload a file here and follow each import — validation, preview,
// approval by a second person, the commit — on its own page.

import { Link } from 'react-router-dom';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { RegisterImportListQuery } from '../gql/graphql';
import { errorText } from '../api';
import { dateTime } from '../format';
import { IMPORT_STATUS, IMPORT_STATUS_COLOR, label } from '../labels';
import { UploadCard } from './imports/UploadCard';
import { outcomeSummary } from './imports/outcomes';
import { emptyText } from '../components/EmptyText';

const IMPORT_LIST = graphql(`
  query RegisterImportList {
    registerImports(first: 50) {
      id
      fileName
      status
      totalRows
      createRows
      updateRows
      unchangedRows
      conflictRows
      refusedRows
      uploadedBy
      uploadedAt
      approvedBy
    }
  }
`);

type Row = RegisterImportListQuery['registerImports'][number];

export function ImportsPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: IMPORT_LIST, requestPolicy: 'cache-and-network' });
  const rows = data?.registerImports;
  return (
    <>
      <Typography.Title level={1}>存量数据导入</Typography.Title>
      <Typography.Paragraph type="secondary">将各地现有的低收入人口名册导入低收入人口库：上传、校验预览、另一名工作人员审核通过后写入。</Typography.Paragraph>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <UploadCard onUploaded={() => refetch({ requestPolicy: 'network-only' })} />
        <Card
          title={<h2 style={{ margin: 0, fontSize: 16 }}>导入批次</h2>}
          extra={
            <Button onClick={() => refetch({ requestPolicy: 'network-only' })} loading={fetching}>
              刷新
            </Button>
          }
        >
          {error && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 16 }} />}
          <Table<Row>
            data-testid="import-list"
            rowKey="id"
            size="middle"
            loading={fetching && !rows}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: emptyText(fetching ? '加载中…' : '还没有导入过名册') }}
            columns={[
              { title: '文件', dataIndex: 'fileName', render: (name: string, r) => <Link to={`/imports/${encodeURIComponent(r.id)}`}>{name}</Link> },
              { title: '状态', dataIndex: 'status', render: (s: string) => <Tag color={IMPORT_STATUS_COLOR[s]}>{label(IMPORT_STATUS, s)}</Tag> },
              { title: '数据行', dataIndex: 'totalRows', align: 'right' },
              { title: '校验结果', key: 'outcomes', render: (_, r) => outcomeSummary(r) },
              { title: '上传人', dataIndex: 'uploadedBy' },
              { title: '上传时间', dataIndex: 'uploadedAt', render: (at: string) => dateTime(at) },
              { title: '审核人', dataIndex: 'approvedBy', render: (who: string | null) => who ?? '—' },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
