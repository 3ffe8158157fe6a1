// 反馈: the department answers a supervision notice (督办单) with why the step is late and the day by
// which it will be done. Built like the referral actions' dialog (ActionModal): checked here first,
// then the hub's userErrors land on their fields (reason, promisedDate), anything else above the form.

import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { errorText } from '../../api';
import { applyUserErrors } from '../../forms';
import { dayjs } from '../../format';
import { SUPERVISED_CLOCK, SUPERVISION_LEVEL, label } from '../../labels';

const ANSWER = graphql(`
  mutation AnswerSupervisionNotice($id: ID!, $reason: String!, $promisedDate: Date!) {
    answerSupervisionNotice(id: $id, reason: $reason, promisedDate: $promisedDate) {
      notice {
        id
        status
        answeredOn
        answerReason
        promisedDate
        answeredOnTime
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export interface NoticeTarget {
  id: string;
  caseNo: string;
  level: string;
  clock: string;
  raisedOn: string;
  respondBy: string;
}

interface Values {
  reason?: string;
  promisedDate?: Dayjs | null;
}

const FIELDS = new Set(['reason', 'promisedDate']);

/** A validator rather than `required: true`: antd would set aria-required on the picker's wrapper (axe). */
const PROMISED_DATE_RULE = {
  validator: async (_rule: unknown, value: unknown) => {
    if (!value) throw new Error('请选择承诺办结日期');
  },
};

export function AnswerNoticeModal({ notice, onClose, onDone }: { notice: NoticeTarget | null; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [state, answer] = useMutation(ANSWER);

  async function submit(values: Values) {
    if (!notice) return;
    setProblem(null);
    const r = await answer({ id: notice.id, reason: values.reason?.trim() ?? '', promisedDate: values.promisedDate!.format('YYYY-MM-DD') });
    const payload = r.data?.answerSupervisionNotice;
    if (!payload) return setProblem(errorText(r.error) ?? '反馈失败，请稍后重试。');
    if (payload.userErrors.length > 0) {
      const other = applyUserErrors(form, payload.userErrors, (path) => FIELDS.has(String(path[0])));
      if (other.length) setProblem(other.map((e) => e.message).join(' '));
      return;
    }
    message.success(`已反馈督办单 ${notice.caseNo}，承诺 ${payload.notice?.promisedDate ?? ''} 前办结`);
    onClose();
    onDone();
  }

  return (
    <Modal
      open={notice !== null}
      title={notice ? `反馈督办单 · ${notice.caseNo}` : ''}
      okText="反馈"
      cancelText="取消"
      confirmLoading={state.fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {notice && (
        <Typography.Paragraph type="secondary">
          {label(SUPERVISION_LEVEL, notice.level)} · {label(SUPERVISED_CLOCK, notice.clock)}，{notice.raisedOn} 督办，请于 {notice.respondBy} 前反馈。
        </Typography.Paragraph>
      )}
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item label="逾期原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写逾期原因' }, { max: 500, message: '原因最多500个字' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="例如：业务系统升级，未及时领取" />
        </Form.Item>
        <Form.Item label="承诺办结日期" name="promisedDate" rules={[PROMISED_DATE_RULE]} extra="自今天起60天内">
          <DatePicker
            style={{ width: 200 }}
            placeholder="选择日期"
            // Not before the notice was raised; the hub judges the rest by its own today.
            disabledDate={(day) => notice !== null && day.isBefore(dayjs(notice.raisedOn), 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
