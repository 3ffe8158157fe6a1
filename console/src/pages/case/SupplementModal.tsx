// 登记补充材料: the window records what the applicant brought. The checkboxes offer what is
// outstanding (asked for by a department, or missing at a 容缺 acceptance); anything else can be typed.

import { useState } from 'react';
import { Alert, App, Checkbox, Form, Input, Modal } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { errorText } from '../../api';

const PROVIDE_SUPPLEMENT = graphql(`
  mutation ProvideSupplement($caseId: ID!, $materials: [String!]!) {
    provideSupplement(caseId: $caseId, materials: $materials) {
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

interface Values {
  materials?: string[];
  other?: string;
}

/** "户口簿、收入证明, 残疾证" → each name once. */
export function materialsOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[、，,；;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function SupplementModal({ open, caseId, outstanding, onClose, onDone }: { open: boolean; caseId: string; outstanding: string[]; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [{ fetching }, provide] = useMutation(PROVIDE_SUPPLEMENT);

  async function submit(values: Values) {
    setProblem(null);
    const checked = values.materials ?? [];
    const typed = materialsOf(values.other).filter((m) => !checked.includes(m));
    const materials = [...checked, ...typed];
    if (materials.length === 0) {
      form.setFields([{ name: 'materials', errors: ['请勾选或填写申请人带来的材料'] }]);
      return;
    }
    const result = await provide({ caseId, materials });
    const payload = result.data?.provideSupplement;
    if (!payload) return setProblem(errorText(result.error) ?? '登记失败，请稍后重试。');
    if (payload.userErrors.length > 0) {
      // ["materials", i]: i counts the checked ones first, then the typed ones.
      const onChecked: string[] = [];
      const onTyped: string[] = [];
      const other: string[] = [];
      for (const e of payload.userErrors) {
        if (e.field?.[0] !== 'materials') other.push(e.message);
        else if (e.field[1] !== undefined && Number(e.field[1]) >= checked.length) onTyped.push(e.message);
        else onChecked.push(e.message);
      }
      form.setFields([
        { name: 'materials', errors: onChecked },
        { name: 'other', errors: onTyped },
      ]);
      if (other.length) setProblem(other.join(' '));
      return;
    }
    message.success(`已登记补充材料：${materials.join('、')}`);
    form.resetFields();
    onClose();
    onDone();
  }

  return (
    <Modal
      open={open}
      title="登记补充材料"
      okText="登记"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item label="申请人带来的材料" name="materials" extra={outstanding.length ? '勾选本次收到的材料' : '本案目前没有待补充的材料'}>
          <Checkbox.Group options={outstanding.map((m) => ({ value: m, label: m }))} style={{ display: 'flex', flexDirection: 'column', gap: 8 }} />
        </Form.Item>
        <Form.Item label="其他材料" name="other" extra="材料名称须与待补充材料一致；多项用顿号“、”分隔">
          <Input.TextArea rows={2} maxLength={500} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
