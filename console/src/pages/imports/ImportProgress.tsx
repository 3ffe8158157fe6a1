// Where an import stands while the hub works on it: rows read during validation, then rows written
// during the commit (done / total, rate, time left). The words are a live region, so a screen reader
// hears the figures change; the page asks the hub again while the work goes on (ImportPage).

import { Progress, Space, Spin, Typography } from 'antd';
import { dateTime } from '../../format';

export interface ImportState {
  status: string;
  totalRows: number;
  committedAt?: string | null;
  progress?: { rowsDone: number; rowsTotal: number; rowsPerSecond?: number | null; secondsLeft?: number | null } | null;
}

/** 75 → "1分15秒" */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds}秒`;
  const minutes = Math.floor(seconds / 60);
  return seconds % 60 ? `${minutes}分${seconds % 60}秒` : `${minutes}分钟`;
}

export function progressText(p: NonNullable<ImportState['progress']>, committing: boolean): string {
  const parts = [`已写入 ${p.rowsDone} / ${p.rowsTotal} 行`];
  if (p.rowsPerSecond != null) parts.push(`每秒约 ${Math.round(p.rowsPerSecond)} 行`);
  if (committing) parts.push(p.secondsLeft != null ? `预计还需 ${durationText(p.secondsLeft)}` : '正在估算剩余时间');
  return parts.join('，');
}

export function ImportProgress({ imp }: { imp: ImportState }) {
  if (imp.status === 'VALIDATING') {
    return (
      <Space aria-live="polite" data-testid="import-progress">
        <Spin size="small" />
        <Typography.Text>正在逐行校验，已读取 {imp.totalRows} 行…</Typography.Text>
      </Space>
    );
  }
  const p = imp.progress;
  if (!p) return null;
  const committing = imp.status === 'APPROVED';
  const percent = p.rowsTotal > 0 ? Math.floor((p.rowsDone * 100) / p.rowsTotal) : 100;
  return (
    <div data-testid="import-progress">
      <Progress percent={percent} status={committing ? 'active' : imp.status === 'COMMITTED' ? 'success' : 'normal'} aria-label="写入进度" />
      <Typography.Text aria-live="polite">
        {progressText(p, committing)}
        {imp.status === 'COMMITTED' && `。已于 ${dateTime(imp.committedAt)} 全部写入低收入人口库`}
      </Typography.Text>
    </div>
  );
}
