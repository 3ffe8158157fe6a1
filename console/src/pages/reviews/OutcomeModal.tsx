// 登记复核结果: what a periodic review found — 继续享受 (the next review moves on), 调整类别 (a new
// tier with its basis) or 退出 (the tier ends, with the reason). The form's fields are named as
// the mutation's input, so each of the hub's userErrors lands on its own field.

import { useState } from 'react';
import { Alert, App, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { ExitReason, RecordReviewOutcomeInput, RegisterTier, ReviewOutcome } from '../../gql/graphql';
import { errorText } from '../../api';
import { applyUserErrors } from '../../forms';
import { fenOf } from '../../format';
import { EXIT_REASON, REGISTER_TIER, REVIEW_OUTCOME, label } from '../../labels';

const RECORD_OUTCOME = graphql(`
  mutation RecordReviewOutcome($input: RecordReviewOutcomeInput!) {
    recordReviewOutcome(input: $input) {
      review {
        id
        status
        outcome
        completedOn
        slaState
        workingDaysLeft
        household {
          id
          tier
          nextReviewDate
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

export interface ReviewTask {
  id: string;
  tier: string;
  dueDate: string;
  headName: string;
}

interface Values {
  outcome: ReviewOutcome;
  completedOn?: Dayjs | null;
  irregularIncome?: boolean;
  tier?: RegisterTier;
  /** Typed in yuan, sent in fen (named as the input's field so that its errors land here). */
  perCapitaIncomeFen?: number | null;
  monthlyAmountFen?: number | null;
  exitReason?: ExitReason;
  note?: string;
}

// Validators rather than `required: true`: antd would put aria-required on the wrapper <div> of a
// Select or a radio group, where ARIA does not allow it (see intake/HouseholdSection.tsx).
const chosen = (message: string) => [
  {
    validator: async (_rule: unknown, value: unknown) => {
      if (value === undefined || value === null || value === '') throw new Error(message);
    },
  },
];

const FIELDS = new Set(['outcome', 'completedOn', 'irregularIncome', 'tier', 'perCapitaIncomeFen', 'monthlyAmountFen', 'exitReason', 'note']);
const options = (names: Record<string, string>, except?: string) =>
  Object.entries(names)
    .filter(([value]) => value !== except)
    .map(([value, text]) => ({ value, label: text }));

export function OutcomeModal({ review, onClose, onDone }: { review: ReviewTask; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [{ fetching }, record] = useMutation(RECORD_OUTCOME);
  const outcome = Form.useWatch('outcome', form) ?? 'CONTINUED';
  const newTier = Form.useWatch('tier', form);
  const changing = outcome === 'TIER_CHANGED';
  const exiting = outcome === 'EXITED';
  // 低保 is reviewed sooner when a labour-capable member has no steady work (the hub's interval).
  const underMinimumLiving = (outcome === 'CONTINUED' && review.tier === 'MINIMUM_LIVING') || (changing && newTier === 'MINIMUM_LIVING');

  async function submit(values: Values) {
    setProblem(null);
    const input: RecordReviewOutcomeInput = {
      reviewId: review.id,
      outcome: values.outcome,
      // Empty: the hub's today. The hub judges "not in the future" by its own date, not this browser's.
      completedOn: values.completedOn ? values.completedOn.format('YYYY-MM-DD') : null,
      note: values.note?.trim() || null,
      irregularIncome: underMinimumLiving ? !!values.irregularIncome : null,
      tier: changing ? (values.tier ?? null) : null,
      perCapitaIncomeFen: changing ? fenOf(values.perCapitaIncomeFen) : null,
      monthlyAmountFen: changing ? fenOf(values.monthlyAmountFen) : null,
      exitReason: exiting ? (values.exitReason ?? null) : null,
    };
    const result = await record({ input });
    const payload = result.data?.recordReviewOutcome;
    if (!payload) return setProblem(errorText(result.error) ?? '登记失败，请稍后重试。');
    if (payload.userErrors.length > 0) {
      const unplaced = applyUserErrors(form, payload.userErrors, (path) => path.length === 1 && FIELDS.has(String(path[0])));
      if (unplaced.length) setProblem(unplaced.map((e) => e.message).join(' '));
      return;
    }
    message.success(`已登记户主${review.headName}的复核结果：${label(REVIEW_OUTCOME, values.outcome)}`);
    onClose();
    onDone();
  }

  return (
    <Modal
      open
      title={`登记复核结果 · 户主 ${review.headName}`}
      okText="登记"
      cancelText="取消"
      confirmLoading={fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="复核类别">{label(REGISTER_TIER, review.tier)}</Descriptions.Item>
        <Descriptions.Item label="应复核日期">{review.dueDate}</Descriptions.Item>
      </Descriptions>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        name="review-outcome"
        layout="vertical"
        onFinish={submit}
        initialValues={{ outcome: 'CONTINUED' }}
        preserve={false}
        // Enter confirms a typed date; with the date the form's only text field, the browser would
        // also submit the form (implicit submission). Recording an outcome takes the 登记 button.
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
        }}
      >
        <Form.Item label="复核结果" name="outcome">
          <Radio.Group optionType="button" buttonStyle="solid" options={options(REVIEW_OUTCOME)} />
        </Form.Item>
        <Form.Item label="复核日期" name="completedOn" extra="不填则为今天；不能晚于今天，也不能早于该类别的认定日期">
          <DatePicker style={{ width: 200 }} placeholder="默认今天" />
        </Form.Item>
        {changing && (
          <>
            <Form.Item label="新类别" name="tier" rules={chosen('请选择调整后的类别')}>
              <Select placeholder="请选择" options={options(REGISTER_TIER, review.tier)} style={{ width: 240 }} />
            </Form.Item>
            <Form.Item label="月人均收入（元）" name="perCapitaIncomeFen" rules={chosen('请填写复核核定的月人均收入')}>
              <InputNumber min={0} precision={2} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item label="保障金额（元/月）" name="monthlyAmountFen">
              <InputNumber min={0} precision={2} style={{ width: 200 }} />
            </Form.Item>
          </>
        )}
        {exiting && (
          <Form.Item label="退出原因" name="exitReason" rules={chosen('请选择退出原因')}>
            <Select placeholder="请选择" options={options(EXIT_REASON)} style={{ width: 240 }} />
          </Form.Item>
        )}
        {underMinimumLiving && (
          <Form.Item name="irregularIncome" valuePropName="checked">
            <Checkbox>家庭中有劳动能力但收入不稳定的成员（缩短复核周期）</Checkbox>
          </Form.Item>
        )}
        <Form.Item label="复核意见" name="note" rules={[{ max: 500, message: '复核意见最多500个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="入户核查情况、收入变化等" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
