// A dialog around one form that sends one mutation: each userError lands on the field its path
// names, anything else (the item moved on meanwhile, the network) shows above the form, and on
// success the dialog closes with a message. The fields are the caller's children.

import { useState, type ReactNode } from 'react';
import { Alert, App, Form, Modal, type FormInstance } from 'antd';
import type { CombinedError } from 'urql';
import { errorText } from '../api';
import { applyUserErrors, type FieldError } from '../forms';

export interface FormModalProps<V> {
  open: boolean;
  title: string;
  okText: string;
  /** The form's field names: a userError whose path starts with one of them lands there. */
  fields: readonly string[];
  /** Sends the mutation; the payload's userErrors, or the request's error. */
  send(values: V): Promise<{ userErrors?: readonly FieldError[] | null; error?: CombinedError | null }>;
  /** Said when it worked. */
  done: string | ((values: V) => string);
  onClose(): void;
  onDone(): void;
  initialValues?: Partial<V>;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  danger?: boolean;
}

export function FormModal<V extends object>({ open, title, okText, fields, send, done, onClose, onDone, initialValues, children, danger }: FormModalProps<V>) {
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(values: V) {
    setProblem(null);
    setSending(true);
    try {
      const { userErrors, error } = await send(values);
      if (!userErrors) return setProblem(errorText(error) ?? '提交失败，请稍后重试。');
      if (userErrors.length > 0) {
        const other = applyUserErrors(form, userErrors, (path) => fields.includes(String(path[0])));
        if (other.length) setProblem(other.map((e) => e.message).join(' '));
        return;
      }
      message.success(typeof done === 'string' ? done : done(values));
      onClose();
      onDone();
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal open={open} title={title} okText={okText} okButtonProps={{ danger }} cancelText="取消" confirmLoading={sending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={initialValues}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
