// The acknowledgement clock (受理时限) of a referral: the SLA tag (SlaClockTag, the same states and
// colours as the resolution clock) over the day to acknowledge by — "受理时限 2026-03-04" — or, once
// acknowledged, "已受理 2026-03-02". Null until the referral is before its department: 未起算.

import { Space, Typography } from 'antd';
import { ACKNOWLEDGED_STATE_NAME, UNACKNOWLEDGED_END_NAME } from '../../../src/common/domain-names';
import { SlaClockTag, type SlaVerdicts } from './SlaClockTag';

export interface AcknowledgementClockValue {
  state: string;
  acknowledgeBy: string;
  acknowledgedOn: string | null;
  workingDaysLeft: number;
  provisional: boolean;
}

/** Acknowledged: on or after the day. */
const ACKNOWLEDGED: SlaVerdicts = { MET: ACKNOWLEDGED_STATE_NAME.MET.zh, MISSED: ACKNOWLEDGED_STATE_NAME.MISSED.zh };
/** Ended unacknowledged (a withdrawn case), judged on that day. */
const ENDED: SlaVerdicts = { MET: UNACKNOWLEDGED_END_NAME.MET.zh, MISSED: UNACKNOWLEDGED_END_NAME.MISSED.zh };

export function AcknowledgementClock({ clock }: { clock: AcknowledgementClockValue | null | undefined }) {
  if (!clock) return <Typography.Text type="secondary">未起算</Typography.Text>;
  const provisional = clock.provisional ? '（暂定）' : '';
  return (
    <Space direction="vertical" size={2}>
      <SlaClockTag sla={clock} verdicts={clock.acknowledgedOn ? ACKNOWLEDGED : ENDED} />
      {clock.acknowledgedOn ? (
        <Typography.Text type="secondary">已受理 {clock.acknowledgedOn}</Typography.Text>
      ) : (
        <Typography.Text type="secondary">
          受理时限 {clock.acknowledgeBy}
          {provisional}
        </Typography.Text>
      )}
    </Space>
  );
}
