// How a review task reads in a table, on the reviews page and on the household page alike: its
// deadline with its clock, and what was found.

import { Space, Typography } from 'antd';
import { REVIEW_OUTCOME, REVIEW_STATUS, label } from '../../labels';
import { SlaClockTag } from '../../components/SlaClockTag';

interface Task {
  deadlineDate: string;
  deadlineProvisional: boolean;
  status: string;
  outcome?: string | null;
  completedOn?: string | null;
  note?: string | null;
  slaState?: string | null;
  workingDaysLeft?: number | null;
}

/** The deadline and its clock (none once superseded). */
export function ReviewDeadline({ task }: { task: Task }) {
  return (
    <Space direction="vertical" size={2}>
      {task.slaState && task.workingDaysLeft != null && <SlaClockTag sla={{ state: task.slaState, workingDaysLeft: task.workingDaysLeft }} />}
      <Typography.Text type="secondary">
        期限 {task.deadlineDate}
        {task.deadlineProvisional ? '（暂定）' : ''}
      </Typography.Text>
    </Space>
  );
}

/** 待复核, or the outcome with its day and note. */
export function ReviewResult({ task }: { task: Task }) {
  if (task.status !== 'DONE') return <span>{label(REVIEW_STATUS, task.status)}</span>;
  return (
    <Space direction="vertical" size={0}>
      <span>
        {label(REVIEW_OUTCOME, task.outcome)}（{task.completedOn}）
      </span>
      {task.note && <Typography.Text type="secondary">{task.note}</Typography.Text>}
    </Space>
  );
}
