// The public notice (公示) of a 低保 or 特困 approval on the case page: its period, its text with a
// printable page for the village board, and the objections — recorded by the township while the
// notice runs, decided by the department (a sustained one withdraws the approval).

import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Descriptions, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { CATEGORY, DEPARTMENT, OBJECTION_STATUS, label } from '../../labels';
import { FormModal } from '../../components/FormModal';
import type { CaseReferral } from './types';

const RECORD_OBJECTION = graphql(`
  mutation RecordNoticeObjection($referralId: ID!, $summary: String!) {
    recordNoticeObjection(referralId: $referralId, summary: $summary) {
      referral {
        id
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const DECIDE_OBJECTION = graphql(`
  mutation DecideNoticeObjection($id: ID!, $sustained: Boolean!, $note: String) {
    decideNoticeObjection(id: $id, sustained: $sustained, note: $note) {
      referral {
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

type Notice = NonNullable<CaseReferral['publicNotice']>;
type Objection = Notice['objections'][number];

export function PublicNoticeSection({ caseId, referral, mayObject, mayDecide, onChanged }: { caseId: string; referral: CaseReferral; mayObject: boolean; mayDecide: boolean; onChanged(): void }) {
  const notice = referral.publicNotice!;
  const [dialog, setDialog] = useState<'object' | Objection | null>(null);
  const [, record] = useMutation(RECORD_OBJECTION);
  const [, decide] = useMutation(DECIDE_OBJECTION);
  const title = `${label(DEPARTMENT, referral.department)} · ${label(CATEGORY, referral.category)} 公示`;
  return (
    <section aria-label={title}>
      <Space style={{ justifyContent: 'space-between', width: '100%', margin: '16px 0 8px' }} wrap>
        <Typography.Title level={3} style={{ fontSize: 14, margin: 0 }}>
          {title}
        </Typography.Title>
        <Space>
          <Link to={`/cases/${caseId}/notice/${referral.id}`}>打印公示</Link>
          {mayObject && notice.running && <Button onClick={() => setDialog('object')}>登记异议</Button>}
        </Space>
      </Space>
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 120 } }}>
        <Descriptions.Item label="公示期">
          {notice.startsOn} 至 {notice.endsOn} {notice.running ? <Tag color="#0958d9">公示中</Tag> : <Tag>已结束</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="公示内容">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{notice.text}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      {notice.objections.length > 0 && (
        <Table<Objection>
          rowKey="id"
          size="small"
          pagination={false}
          style={{ marginTop: 8 }}
          dataSource={notice.objections}
          columns={[
            { title: '收到日期', dataIndex: 'receivedOn' },
            { title: '异议内容', dataIndex: 'summary' },
            { title: '核实结果', dataIndex: 'status', render: (s: string) => label(OBJECTION_STATUS, s) },
            { title: '核实意见', key: 'decision', render: (_, o) => (o.decidedOn ? `${o.decidedOn} ${o.decisionNote ?? ''}` : '—') },
            ...(mayDecide
              ? [{ title: '操作', key: 'act', render: (_: unknown, o: Objection) => (o.status === 'RECEIVED' ? <Button size="small" onClick={() => setDialog(o)} aria-label={`核实异议：${o.summary}`}>核实</Button> : null) }]
              : []),
          ]}
        />
      )}
      <FormModal<{ summary: string }>
        open={dialog === 'object'}
        title="登记公示异议"
        okText="登记"
        fields={['summary']}
        send={async (v) => {
          const r = await record({ referralId: referral.id, summary: v.summary.trim() });
          return { userErrors: r.data?.recordNoticeObjection.userErrors, error: r.error };
        }}
        done="已登记异议，待民政部门核实；核实前不生效"
        onClose={() => setDialog(null)}
        onDone={onChanged}
      >
        <Form.Item label="异议内容" name="summary" rules={[{ required: true, whitespace: true, message: '请填写异议内容' }, { max: 500, message: '异议内容最多500个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：村民反映其子女在外地有稳定收入" />
        </Form.Item>
      </FormModal>
      {dialog !== null && dialog !== 'object' && (
        <FormModal<{ sustained: boolean; note?: string }>
          open
          title="核实公示异议"
          okText="提交核实结果"
          fields={['sustained', 'note']}
          initialValues={{ sustained: false }}
          send={async (v) => {
            const r = await decide({ id: dialog.id, sustained: v.sustained, note: v.note?.trim() || null });
            return { userErrors: r.data?.decideNoticeObjection.userErrors, error: r.error };
          }}
          done={(v) => (v.sustained ? '异议成立，审批已撤回，请重新办理' : '异议不成立，公示期满后审批生效')}
          onClose={() => setDialog(null)}
          onDone={onChanged}
        >
          <Typography.Paragraph>异议内容：{dialog.summary}</Typography.Paragraph>
          <Form.Item label="核实结果" name="sustained">
            <Radio.Group options={[{ value: false, label: '异议不成立' }, { value: true, label: '异议成立（撤回审批）' }]} />
          </Form.Item>
          <Form.Item label="核实意见" name="note" rules={[{ max: 500, message: '核实意见最多500个字' }]} extra="异议成立时必须填写">
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </FormModal>
      )}
    </section>
  );
}
