// 转交: the case's owner (首问负责人) hands it to another clerk, who answers for it from then on. The
// clerk is named by user id (the hub keeps no directory of people); a reason is required and goes
// on the case's timeline.

import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { errorText } from '../../api';

const TRANSFER_CASE = graphql(`
  mutation TransferCaseOwnership($id: ID!, $to: String!, $reason: String!) {
    transferCaseOwnership(id: $id, to: $to, reason: $reason) {
      case {
        id
        owner
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

interface Values {
  to: string;
  reason: string;
}

const FIELDS: readonly (keyof Values)[] = ['to', 'reason'];

export function TransferModal({ open, caseId, caseNo, owner, onClose, onDone }: { open: boolean; caseId: string; caseNo: string; owner: string; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [{ fetching }, transfer] = useMutation(TRANSFER_CASE);

  async function submit(values: Values) {
    setProblem(null);
    const result = await transfer({ id: caseId, to: values.to.trim(), reason: values.reason.trim() });
    const payload = result.data?.transferCaseOwnership;
    if (!payload) return setProblem(errorText(result.error) ?? '转交失败，请稍后重试。');
    if (payload.userErrors.length > 0) {
      // Each problem on its field (["to"], ["reason"]); anything else (the case is no longer open) above the form.
      const on = (field: keyof Values) => payload.userErrors.filter((e) => e.field?.[0] === field).map((e) => e.message);
      form.setFields(FIELDS.map((name) => ({ name, errors: on(name) })));
      const other = payload.userErrors.filter((e) => !FIELDS.includes(e.field?.[0] as keyof Values)).map((e) => e.message);
      if (other.length) setProblem(other.join(' '));
      return;
    }
    message.success(`案件 ${caseNo} 已转交给 ${payload.case?.owner ?? values.to.trim()}`);
    onClose();
    onDone();
  }

  return (
    <Modal
      open={open}
      title={`转交案件 ${caseNo}`}
      okText="转交"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item label="当前负责人">{owner}</Form.Item>
        <Form.Item
          label="接手人账号"
          name="to"
          extra="接手的窗口工作人员登录所用的用户账号"
          rules={[
            { required: true, whitespace: true, message: '请填写接手人账号' },
            { max: 100, message: '接手人账号最多100个字符' },
          ]}
        >
          <Input maxLength={100} autoComplete="off" placeholder="例如：clerk-370783104-02" />
        </Form.Item>
        <Form.Item
          label="转交原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写转交原因' },
            { max: 500, message: '转交原因最多500个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：本人调岗，由同事接手办理" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
