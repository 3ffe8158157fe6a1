// The case's own facts: who applied, how and when it was accepted, and its clock.

import { Card, Descriptions, Space, Typography } from 'antd';
import { dateTime, longDate, yuan } from '../../format';
import { ACCEPTANCE_MODE, CASE_STATUS, CHANNEL, label, townshipPlace } from '../../labels';
import { SlaClockTag } from '../../components/SlaClockTag';
import type { CaseDetail } from './types';

/** `me`: the signed-in user, marked where the case is theirs. */
export function CaseSummary({ c, me }: { c: CaseDetail; me: string }) {
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>基本情况</h2>}>
      <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
        <Descriptions.Item label="案件状态">{label(CASE_STATUS, c.status)}</Descriptions.Item>
        <Descriptions.Item label="首问负责人">
          {c.owner}
          {c.owner === me && <Typography.Text type="secondary">（本人）</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label="办理时限">
          <SlaClockTag sla={c.sla} />
        </Descriptions.Item>
        <Descriptions.Item label="办理期限">
          {longDate(c.sla.dueDate)}
          {c.sla.provisional && <Typography.Text type="secondary">（暂按周一至周五计算，待发布当年节假日安排）</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label="申请人">{c.applicant.name}</Descriptions.Item>
        <Descriptions.Item label="身份证号">{c.applicant.idNumber}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{c.applicant.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="受理乡镇（街道）">{townshipPlace(c.countyName, c.townshipName, c.townshipCode)}</Descriptions.Item>
        <Descriptions.Item label="村（社区）">{c.village ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="受理时间">{dateTime(c.acceptedAt)}</Descriptions.Item>
        <Descriptions.Item label="办结时间">{dateTime(c.closedAt)}</Descriptions.Item>
        <Descriptions.Item label="受理方式">{label(ACCEPTANCE_MODE, c.mode)}</Descriptions.Item>
        <Descriptions.Item label="受理渠道">{label(CHANNEL, c.channel)}</Descriptions.Item>
        <Descriptions.Item label="家庭人均月收入">{yuan(c.perCapitaMonthlyIncomeFen)} 元</Descriptions.Item>
        <Descriptions.Item label="已用 / 暂停工作日">
          {c.sla.workingDaysUsed} / {c.sla.pausedWorkingDays} 个工作日
        </Descriptions.Item>
        {c.emergencyAdvanceFen != null && <Descriptions.Item label="先行支付急难救助金">{yuan(c.emergencyAdvanceFen)} 元</Descriptions.Item>}
        {c.missingMaterials.length > 0 && (
          <Descriptions.Item label="容缺待补材料">
            <Space wrap>{c.missingMaterials.join('、')}</Space>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
