// The department's actions on one referral: 受理 (acknowledge, with the department's own reference
// number if it has one), 要求补充材料 (pauses the clock), 暂停计时 (a step outside the department —
// 入户调查, 经济状况核对, 评估 — with why and the document behind it), 恢复计时 (the step's result),
// 办结 (the decision; an amount in yuan when money is paid). Server userErrors land on their fields.

import { useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { errorText } from '../../api';
import { fenOf } from '../../format';
import { CATEGORY, PAUSE_TYPE, label } from '../../labels';
import { ACTION_LABEL, type ReferralActionKind } from './referral-actions';

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

const PAUSE = graphql(`
  mutation PauseReferral($id: ID!, $type: PauseType!, $reason: String!, $evidenceRef: String!) {
    pauseReferral(id: $id, type: $type, reason: $reason, evidenceRef: $evidenceRef) {
      referral {
        id
        status
        pauseType
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const RESUME = graphql(`
  mutation ResumeReferral($id: ID!, $evidenceRef: String, $note: String) {
    resumeReferral(id: $id, evidenceRef: $evidenceRef, note: $note) {
      referral {
        id
        status
        pauseType
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
        pauseType
        publicNotice {
          endsOn
        }
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

/** The steps a department pauses the clock for itself (补正 has its own action; 公示 follows an approval). */
const DEPARTMENT_PAUSE_TYPES = ['HOUSEHOLD_VISIT', 'FINANCIAL_CHECK', 'ASSESSMENT'] as const;
type DepartmentPauseType = (typeof DEPARTMENT_PAUSE_TYPES)[number];

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
  type?: DepartmentPauseType;
  reason?: string;
  evidenceRef?: string;
}

/** The API argument a userError names → the form field it belongs on. */
const FIELD: Record<string, keyof Values> = {
  externalRef: 'externalRef',
  materials: 'materials',
  note: 'note',
  decision: 'decision',
  amountFen: 'amount',
  type: 'type',
  reason: 'reason',
  evidenceRef: 'evidenceRef',
};

/** A validator rather than `required: true`: antd would set aria-required on the Select's wrapper (axe: critical). */
const PAUSE_TYPE_RULE = {
  validator: async (_rule: unknown, value: unknown) => {
    if (!value) throw new Error('请选择暂停类型');
  },
};

export function ActionModal({ action, target, onClose, onDone }: { action: ReferralActionKind | null; target: ActionTarget | null; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [ack, acknowledge] = useMutation(ACKNOWLEDGE);
  const [req, requestSupplement] = useMutation(REQUEST_SUPPLEMENT);
  const [res, resolve] = useMutation(RESOLVE);
  const [pau, pause] = useMutation(PAUSE);
  const [resu, resume] = useMutation(RESUME);
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
    } else if (action === 'PAUSE') {
      const r = await pause({ id: target.id, type: values.type!, reason: values.reason?.trim() ?? '', evidenceRef: values.evidenceRef?.trim() ?? '' });
      payload = r.data?.pauseReferral;
      error = r.error;
      done = `已暂停计时 ${target.caseNo}：${label(PAUSE_TYPE, values.type)}`;
    } else if (action === 'RESUME') {
      const r = await resume({ id: target.id, evidenceRef: values.evidenceRef?.trim() || null, note: values.note?.trim() || null });
      payload = r.data?.resumeReferral;
      error = r.error;
      done = `已恢复计时 ${target.caseNo}`;
    } else {
      const r = await resolve({
        id: target.id,
        decision: values.decision!,
        amountFen: values.decision === 'APPROVED' ? fenOf(values.amount) : null,
        note: values.note?.trim() || null,
      });
      payload = r.data?.resolveReferral;
      error = r.error;
      const decided = r.data?.resolveReferral.referral;
      const closed = decided?.case.status === 'CLOSED';
      // A 低保 or 特困 approval goes on public notice first (公示): it takes effect when the notice ends.
      done =
        decided?.pauseType === 'PUBLIC_NOTICE'
          ? `已批准 ${target.caseNo}，公示至${decided.publicNotice?.endsOn ?? ''}；公示期满无异议后生效`
          : `已办结 ${target.caseNo}${closed ? '；各部门均已办结，案件已办结' : ''}`;
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

  const busy = ack.fetching || req.fetching || res.fetching || pau.fetching || resu.fetching;
  return (
    <Modal
      open={action !== null && target !== null}
      title={action ? `${ACTION_LABEL[action]} · ${target?.caseNo ?? ''}` : ''}
      okText={action ? ACTION_LABEL[action] : '确定'}
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
        {action === 'PAUSE' && (
          <>
            <Form.Item label="暂停类型" name="type" rules={[PAUSE_TYPE_RULE]} extra="补充材料请用“要求补充材料”">
              <Select options={DEPARTMENT_PAUSE_TYPES.map((t) => ({ value: t, label: label(PAUSE_TYPE, t) }))} placeholder="选择暂停类型" />
            </Form.Item>
            <Form.Item label="暂停原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写暂停原因' }, { max: 500, message: '原因最多500个字' }]}>
              <Input.TextArea rows={2} maxLength={500} placeholder="例如：需入户核实家庭实际居住和收入情况" />
            </Form.Item>
            <Form.Item
              label="依据文书编号"
              name="evidenceRef"
              extra="如入户调查通知书、核对委托书的编号"
              rules={[{ required: true, whitespace: true, message: '请填写依据文书编号' }, { max: 200, message: '最多200个字符' }]}
            >
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </>
        )}
        {action === 'RESUME' && (
          <>
            <Form.Item label="结果文书编号" name="evidenceRef" extra="选填：如入户调查报告、核对报告的编号" rules={[{ max: 200, message: '最多200个字符' }]}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
            <Form.Item label="备注" name="note" rules={[{ max: 1000, message: '备注最多1000个字' }]}>
              <Input.TextArea rows={2} maxLength={1000} placeholder="选填" />
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
