// An import's rows by outcome, as its counts give them.

import { IMPORT_ROW_OUTCOME } from '../../labels';

export interface OutcomeCounts {
  createRows: number;
  updateRows: number;
  unchangedRows: number;
  conflictRows: number;
  refusedRows: number;
}

/** "新增 3 · 拒绝 1": the outcomes a file has, in the preview's order. */
export function outcomeSummary(i: OutcomeCounts): string {
  return outcomeCounts(i)
    .filter(([, n]) => n > 0)
    .map(([outcome, n]) => `${IMPORT_ROW_OUTCOME[outcome]} ${n}`)
    .join(' · ') || '—';
}

/** Rows of each outcome, in the preview's order. */
export function outcomeCounts(i: OutcomeCounts): [string, number][] {
  return [
    ['CREATE', i.createRows],
    ['UPDATE', i.updateRows],
    ['UNCHANGED', i.unchangedRows],
    ['CONFLICT', i.conflictRows],
    ['REFUSED', i.refusedRows],
  ];
}
