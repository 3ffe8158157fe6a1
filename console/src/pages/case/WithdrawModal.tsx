// 撤回申请: the applicant withdraws. A reason is required, and the clerk confirms once more because
// every open referral is cancelled and the departments are told.

import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { errorText } from '../../api';

const WITHDRAW_CASE = graphql(`
  mutation WithdrawCase($id: ID!, $reason: String!) {
    withdrawCase(id: $id, reason: $reason) {
      case {
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

export function WithdrawModal({ open, caseId, caseNo, onClose, onDone }: { open: boolean; caseId: string; caseNo: string; onClose(): void; onDone(): void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const [{ fetching }, withdraw] = useMutation(WITHDRAW_CASE);

  async function run(reason: string) {
    setProblem(null);
    const result = await withdraw({ id: caseId, reason });
    const payload = result.data?.withdrawCase;
    if (!payload) return setProblem(errorText(result.error) ?? '撤回失败，请稍后重试。');
    if (payload.userErrors.length > 0) {
      const onReason = payload.userErrors.filter((e) => e.field?.[0] === 'reason').map((e) => e.message);
      const other = payload.userErrors.filter((e) => e.field?.[0] !== 'reason').map((e) => e.message);
      form.setFields([{ name: 'reason', errors: onReason }]);
      if (other.length) setProblem(other.join(' '));
      return;
    }
    message.success(`案件 ${caseNo} 已撤回`);
    onClose();
    onDone();
  }

  function confirm({ reason }: { reason: string }) {
    modal.confirm({
      title: '确认撤回该申请？',
      content: '撤回后，各部门尚未办结的转办事项将一并撤销，并通知相关部门；此操作不能恢复。',
      okText: '确认撤回',
      okButtonProps: { danger: true },
      cancelText: '再想想',
      onOk: () => run(reason.trim()),
    });
  }

  return (
    <Modal
      open={open}
      title={`撤回申请 ${caseNo}`}
      okText="撤回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={confirm} preserve={false}>
        <Form.Item
          label="撤回原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写撤回原因' },
            { max: 500, message: '撤回原因最多500个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：申请人已外出务工，主动撤回申请" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
