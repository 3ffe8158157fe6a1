// Telling the applicant of a refusal (不予批准书面告知) on the case page: the day it must be done by,
// its clock, and how and when the township told the applicant; the township's clerk records it.

import { useState } from 'react';
import { Button, DatePicker, Descriptions, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { CATEGORY, DEPARTMENT, SLA_COLOR, SLA_STATE, TOLD_MEANS, label } from '../../labels';
import { FormModal } from '../../components/FormModal';
import type { CaseReferral } from './types';

const RECORD_TOLD = graphql(`
  mutation RecordApplicantTold($referralId: ID!, $toldOn: Date, $means: ToldMeans!, $evidenceRef: String) {
    recordApplicantTold(referralId: $referralId, toldOn: $toldOn, means: $means, evidenceRef: $evidenceRef) {
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

interface Values {
  toldOn?: Dayjs | null;
  means: string;
  evidenceRef?: string;
}

export function RefusalNoticeSection({ referral, mayRecord, onChanged }: { referral: CaseReferral; mayRecord: boolean; onChanged(): void }) {
  const n = referral.refusalNotice!;
  const [open, setOpen] = useState(false);
  const [, record] = useMutation(RECORD_TOLD);
  const title = `${label(DEPARTMENT, referral.department)} · ${label(CATEGORY, referral.category)} 不予批准告知`;
  return (
    <section aria-label={title}>
      <Space style={{ justifyContent: 'space-between', width: '100%', margin: '16px 0 8px' }} wrap>
        <Typography.Title level={3} style={{ fontSize: 14, margin: 0 }}>
          {title}
        </Typography.Title>
        {mayRecord && !n.toldOn && <Button onClick={() => setOpen(true)}>登记已告知</Button>}
      </Space>
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="不予批准日期">{n.refusedOn}</Descriptions.Item>
        <Descriptions.Item label="告知期限">
          <Space size={4}>
            {n.tellBy}（{n.noticeDays}个工作日）
            <Tag color={SLA_COLOR[n.clock.state]}>{label(SLA_STATE, n.clock.state)}</Tag>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="告知情况" span={2}>
          {n.toldOn ? `${n.toldOn} ${label(TOLD_MEANS, n.toldMeans)}${n.evidenceRef ? `（${n.evidenceRef}）` : ''}` : '尚未告知申请人'}
        </Descriptions.Item>
      </Descriptions>
      <FormModal<Values>
        open={open}
        title="登记已告知申请人"
        okText="登记"
        fields={['toldOn', 'means', 'evidenceRef']}
        initialValues={{ means: 'IN_WRITING' }}
        send={async (v) => {
          const r = await record({ referralId: referral.id, toldOn: v.toldOn ? v.toldOn.format('YYYY-MM-DD') : null, means: v.means as never, evidenceRef: v.evidenceRef?.trim() || null });
          return { userErrors: r.data?.recordApplicantTold.userErrors, error: r.error };
        }}
        done="已登记告知申请人"
        onClose={() => setOpen(false)}
        onDone={onChanged}
      >
        <Typography.Paragraph type="secondary">不予批准的，应在作出决定后{n.noticeDays}个工作日内书面告知申请人并说明理由（{n.tellBy}前）。</Typography.Paragraph>
        {/* Empty: the hub's today. The hub judges "not in the future" by its own date, not this browser's. */}
        <Form.Item label="告知日期" name="toldOn" extra="不填即为今天">
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < n.refusedOn} />
        </Form.Item>
        <Form.Item label="告知方式" name="means">
          <Select options={Object.entries(TOLD_MEANS).map(([value, text]) => ({ value, label: text }))} />
        </Form.Item>
        <Form.Item label="告知书编号" name="evidenceRef" extra="书面告知时必填" rules={[{ max: 200, message: '最多200个字符' }]}>
          <Input maxLength={200} autoComplete="off" placeholder="例如：告字〔2026〕18号" />
        </Form.Item>
      </FormModal>
    </section>
  );
}
