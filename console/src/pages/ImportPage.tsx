// One import (导入批次): its validation as it runs, the preview of every row with its problems, the
// error report, and the decision — 审核通过 by a second person (the hub refuses the uploader) or
// 取消 — then the commit's progress until everything is written. The page asks the hub again every
// second while the hub works on the file (VALIDATING, APPROVED) and stops once it is settled.

import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { errorText } from '../api';
import { useSession } from '../auth';
import { dateTime } from '../format';
import { IMPORT_STATUS, IMPORT_STATUS_COLOR, label } from '../labels';
import { ImportProgress } from './imports/ImportProgress';
import { PreviewRows } from './imports/PreviewRows';
import { downloadWithToken } from './imports/hub-files';

const IMPORT = graphql(`
  query RegisterImportDetail($id: ID!) {
    registerImport(id: $id) {
      id
      regionCode
      fileName
      format
      encoding
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
      approvedAt
      committedAt
      failure
      progress {
        rowsDone
        rowsTotal
        rowsPerSecond
        secondsLeft
      }
    }
  }
`);

const APPROVE = graphql(`
  mutation ApproveRegisterImport($id: ID!) {
    approveRegisterImport(id: $id) {
      import {
        id
        status
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const CANCEL = graphql(`
  mutation CancelRegisterImport($id: ID!) {
    cancelRegisterImport(id: $id) {
      import {
        id
        status
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const POLL_MS = 1000;
const WORKING = new Set(['VALIDATING', 'APPROVED']);

export function ImportPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { session, signOut } = useSession();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: IMPORT, variables: { id }, requestPolicy: 'network-only' });
  const [approval, approve] = useMutation(APPROVE);
  const [cancellation, cancel] = useMutation(CANCEL);
  const [problem, setProblem] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const imp = data?.registerImport;
  const status = imp?.status;

  // While the hub works on the file, ask again a second after each answer.
  useEffect(() => {
    if (!status || !WORKING.has(status) || fetching) return;
    const timer = setTimeout(() => reexecute({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearTimeout(timer);
  }, [data, status, fetching, reexecute]);

  const back = <Link to="/imports">返回导入批次列表</Link>;
  if (!imp) {
    return (
      <>
        <Typography.Title level={1}>导入批次</Typography.Title>
        {fetching ? (
          <Spin tip="正在加载…">
            <div style={{ height: 120 }} />
          </Spin>
        ) : error ? (
          <Alert type="error" showIcon message={errorText(error)} action={back} />
        ) : (
          <Result status="404" title="找不到该导入批次" subTitle="该批次不存在，或不在您的辖区范围内。" extra={back} />
        )}
      </>
    );
  }

  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  async function decide(kind: 'approve' | 'cancel') {
    setProblem(null);
    const result = kind === 'approve' ? await approve({ id }) : await cancel({ id });
    const payload = result.data && ('approveRegisterImport' in result.data ? result.data.approveRegisterImport : result.data.cancelRegisterImport);
    if (!payload) return setProblem(errorText(result.error) ?? '操作失败，请稍后重试。');
    if (payload.userErrors.length) return setProblem(payload.userErrors.map((e) => e.message).join(' '));
    message.success(kind === 'approve' ? `已审核通过，开始写入 ${imp!.fileName}` : `已取消导入 ${imp!.fileName}`);
    refresh();
  }
  const confirmApprove = () =>
    modal.confirm({
      title: '确认审核通过？',
      content: `通过后将把 ${imp.createRows + imp.updateRows} 行（新增与更新的家庭）写入低收入人口库；冲突和拒绝的行不会导入。`,
      okText: '审核通过',
      cancelText: '再想想',
      onOk: () => decide('approve'),
    });
  const confirmCancel = () =>
    modal.confirm({
      title: '确认取消本次导入？',
      content: '取消后本批次的数据都不会写入低收入人口库；如需导入请修改后重新上传。',
      okText: '取消导入',
      okButtonProps: { danger: true },
      cancelText: '返回',
      onOk: () => decide('cancel'),
    });
  async function downloadReport() {
    setDownloading(true);
    const failure = await downloadWithToken(session, `/register/imports/${encodeURIComponent(id)}/report.csv`, `导入错误报告-${imp!.fileName}.csv`);
    setDownloading(false);
    if (failure?.status === 401) signOut('登录信息无效，请重新登录。');
    else if (failure) setProblem(failure.message);
  }

  const validated = imp.status !== 'VALIDATING' && imp.status !== 'FAILED';
  const hasProblems = imp.conflictRows + imp.refusedRows > 0;
  return (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%', alignItems: 'flex-start' }} wrap>
        <div>
          <Typography.Title level={1} style={{ marginBottom: 0 }}>
            导入 {imp.fileName}
          </Typography.Title>
          {back}
        </div>
        <Space wrap>
          {hasProblems && validated && (
            <Button onClick={downloadReport} loading={downloading}>
              下载错误报告
            </Button>
          )}
          {imp.status === 'PREVIEW' && (
            <>
              <Button type="primary" onClick={confirmApprove} loading={approval.fetching}>
                审核通过
              </Button>
              <Button danger onClick={confirmCancel} loading={cancellation.fetching}>
                取消导入
              </Button>
            </>
          )}
        </Space>
      </Space>
      {problem && <Alert type="error" showIcon message={problem} closable onClose={() => setProblem(null)} style={{ marginTop: 16 }} />}
      {error && <Alert type="error" showIcon message={errorText(error)} style={{ marginTop: 16 }} />}
      <Space direction="vertical" size="middle" style={{ width: '100%', marginTop: 16 }}>
        <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>批次情况</h2>}>
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
            <Descriptions.Item label="状态">
              <Tag color={IMPORT_STATUS_COLOR[imp.status]} data-testid="import-status">
                {label(IMPORT_STATUS, imp.status)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label="文件格式">
              {imp.format}
              {imp.encoding && `（${imp.encoding}）`}
            </Descriptions.Item>
            <Descriptions.Item label="数据行">{imp.totalRows}</Descriptions.Item>
            <Descriptions.Item label="上传">
              {imp.uploadedBy} · {dateTime(imp.uploadedAt)}
            </Descriptions.Item>
            <Descriptions.Item label="审核">{imp.approvedBy ? `${imp.approvedBy} · ${dateTime(imp.approvedAt)}` : '—'}</Descriptions.Item>
            <Descriptions.Item label="辖区">{imp.regionCode || '全国'}</Descriptions.Item>
          </Descriptions>
          {imp.status === 'FAILED' && <Alert type="error" showIcon message="文件无法读取" description={imp.failure} style={{ marginTop: 16 }} />}
          {imp.status === 'PREVIEW' && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 16 }}
              message="请核对校验结果"
              description="确认无误后，须由上传人以外的另一名工作人员点击“审核通过”；有问题请下载错误报告，修改后重新上传，并取消本批次。"
            />
          )}
          <div style={{ marginTop: 16 }}>
            <ImportProgress imp={imp} />
          </div>
        </Card>
        {validated && (
          <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>校验结果预览</h2>}>
            <PreviewRows importId={imp.id} counts={imp} outcome={params.get('outcome') ?? ''} onOutcome={(o) => setParams(o ? { outcome: o } : {}, { replace: true })} />
          </Card>
        )}
      </Space>
    </>
  );
}
