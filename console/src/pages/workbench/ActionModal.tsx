// The department's actions on one referral: 受理 (acknowledge, with the department's own reference
// number if it has one), 要求补充材料 (pauses the clock), 办结 (the decision; an amount in yuan
// when money is paid). Server userErrors land on their fields.

import { useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { errorText } from '../../api';
import { fenOf } from '../../format';
import { CATEGORY, label } from '../../labels';
import type { ReferralActionKind } from './referral-actions';

const ACKNOWLEDGE = graphql(`
  mutation AcknowledgeReferral($id: ID!, $externalRef: String) {
    acknowledgeReferral(id: $id, externalRef: $externalRef) {
      referral {
        id
        status
        externalRef
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const REQUEST_SUPPLEMENT = graphql(`
  mutation RequestSupplement($id: ID!, $materials: [String!]!, $note: String) {
    requestSupplement(id: $id, materials: $materials, note: $note) {
      referral {
        id
        status
        outstandingMaterials
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const RESOLVE = graphql(`
  mutation ResolveReferral($id: ID!, $decision: Decision!, $amountFen: Int, $note: String) {
    resolveReferral(id: $id, decision: $decision, amountFen: $amountFen, note: $note) {
      referral {
        id
        status
        case {
          id
          status
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

/** Materials departments commonly ask for; any other can be typed. */
const COMMON_MATERIALS = ['户口簿', '身份证复印件', '收入证明', '医疗费用票据', '诊断证明', '在读证明', '残疾证', '房屋安全鉴定报告', '劳动合同', '银行流水'];

export interface ActionTarget {
  id: string;
  category: string;
  caseNo: string;
}

interface Values {
  externalRef?: string;
  materials?: string[];
  note?: string;
  decision?: 'APPROVED' | 'REJECTED';
  amount?: number | null;
}

const TITLE: Record<ReferralActionKind, string> = { ACKNOWLEDGE: '受理', REQUEST_SUPPLEMENT: '要求补充材料', RESOLVE: '办结' };
/** The API argument a userError names → the form field it belongs on. */
const FIELD: Record<string, keyof Values> = { externalRef: 'externalRef', materials: 'materials', note: 'note', decision: 'decision', amountFen: 'amount' };

export function ActionModal({ action, target, onClose, onDone }: { action: ReferralActionKind | null; target: ActionTarget | null; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [ack, acknowledge] = useMutation(ACKNOWLEDGE);
  const [req, requestSupplement] = useMutation(REQUEST_SUPPLEMENT);
  const [res, resolve] = useMutation(RESOLVE);
  const decision = Form.useWatch('decision', form);

  async function submit(values: Values) {
    if (!action || !target) return;
    setProblem(null);
    let payload: { userErrors: { field?: string[] | null; message: string }[] } | undefined;
    let error;
    let done = '';
    if (action === 'ACKNOWLEDGE') {
      const r = await acknowledge({ id: target.id, externalRef: values.externalRef?.trim() || null });
      payload = r.data?.acknowledgeReferral;
      error = r.error;
      done = `已受理 ${target.caseNo}`;
    } else if (action === 'REQUEST_SUPPLEMENT') {
      const materials = (values.materials ?? []).map((m) => m.trim()).filter(Boolean);
      const r = await requestSupplement({ id: target.id, materials, note: values.note?.trim() || null });
      payload = r.data?.requestSupplement;
      error = r.error;
      done = `已通知窗口补充材料：${materials.join('、')}（办理时限暂停计算）`;
    } else {
      const r = await resolve({
        id: target.id,
        decision: values.decision!,
        amountFen: values.decision === 'APPROVED' ? fenOf(values.amount) : null,
        note: values.note?.trim() || null,
      });
      payload = r.data?.resolveReferral;
      error = r.error;
      const closed = r.data?.resolveReferral.referral?.case.status === 'CLOSED';
      done = `已办结 ${target.caseNo}${closed ? '；各部门均已办结，案件已办结' : ''}`;
    }
    if (!payload) return setProblem(errorText(error) ?? '操作失败，请稍后重试。');
    if (payload.userErrors.length > 0) {
      const fields = new Map<keyof Values, string[]>();
      const other: string[] = [];
      for (const e of payload.userErrors) {
        const name = e.field ? FIELD[e.field[0]] : undefined;
        if (name) fields.set(name, [...(fields.get(name) ?? []), e.message]);
        else other.push(e.message);
      }
      form.setFields([...fields].map(([name, errors]) => ({ name, errors })));
      if (other.length) setProblem(other.join(' '));
      return;
    }
    message.success(done);
    onClose();
    onDone();
  }

  const busy = ack.fetching || req.fetching || res.fetching;
  return (
    <Modal
      open={action !== null && target !== null}
      title={action ? `${TITLE[action]} · ${target?.caseNo ?? ''}` : ''}
      okText={action ? TITLE[action] : '确定'}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {target && <Typography.Paragraph type="secondary">救助类别：{label(CATEGORY, target.category)}</Typography.Paragraph>}
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ decision: 'APPROVED' }}>
        {action === 'ACKNOWLEDGE' && (
          <Form.Item label="本部门业务编号" name="externalRef" extra="选填：本部门登记的业务编号，便于窗口和督办查询" rules={[{ max: 100, message: '最多100个字符' }]}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        )}
        {action === 'REQUEST_SUPPLEMENT' && (
          <>
            <Form.Item label="需补充的材料" name="materials" rules={[{ required: true, message: '请至少选择或填写一项材料' }]} extra="可从列表选择，也可直接输入后按回车">
              <Select mode="tags" options={COMMON_MATERIALS.map((m) => ({ value: m, label: m }))} tokenSeparators={['、', '，', ',']} placeholder="选择或输入材料名称" />
            </Form.Item>
            <Form.Item label="说明" name="note" rules={[{ max: 1000, message: '说明最多1000个字' }]}>
              <Input.TextArea rows={2} maxLength={1000} placeholder="选填：告诉窗口需要注意什么" />
            </Form.Item>
          </>
        )}
        {action === 'RESOLVE' && (
          <>
            <Form.Item label="办理结果" name="decision" rules={[{ required: true, message: '请选择办理结果' }]}>
              <Radio.Group
                options={[
                  { value: 'APPROVED', label: '批准' },
                  { value: 'REJECTED', label: '不予批准' },
                ]}
              />
            </Form.Item>
            {decision === 'APPROVED' && (
              <Form.Item label="救助金额（元）" name="amount" extra="按月发放的填月金额；不涉及资金的可不填">
                <InputNumber min={0} precision={2} step={100} style={{ width: 200 }} addonAfter="元" />
              </Form.Item>
            )}
            <Form.Item label="说明" name="note" rules={[{ max: 1000, message: '说明最多1000个字' }]}>
              <Input.TextArea rows={2} maxLength={1000} placeholder={decision === 'REJECTED' ? '请写明不予批准的理由' : '选填'} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
