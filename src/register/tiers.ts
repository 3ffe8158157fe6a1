// The tiers of the low-income register (低收入人口库) and the reasons a household leaves one.

export enum RegisterTier {
  MINIMUM_LIVING = 'MINIMUM_LIVING', // 低保
  EXTREME_POVERTY = 'EXTREME_POVERTY', // 特困
  NEAR_MINIMUM = 'NEAR_MINIMUM', // 低保边缘: below 1.5× the 低保 line
  EXPENDITURE_HARDSHIP = 'EXPENDITURE_HARDSHIP', // 刚性支出困难
  RELAPSE_RISK = 'RELAPSE_RISK', // 防返贫监测
  WATCHED = 'WATCHED', // 其他关注对象
}

export enum ExitReason {
  INCOME_ABOVE_LINE = 'INCOME_ABOVE_LINE', // 收入超标
  DECEASED = 'DECEASED', // 死亡
  MOVED_AWAY = 'MOVED_AWAY', // 迁出
  VOLUNTARY = 'VOLUNTARY', // 自愿退出
  REVIEW_FAILED = 'REVIEW_FAILED', // 复核不符
  OTHER = 'OTHER', // 其他
}

export const REGISTER_TIERS = Object.values(RegisterTier);
export const EXIT_REASONS = Object.values(ExitReason);

/** Where a tier record came from. */
export enum TierSource {
  DECISION = 'DECISION', // a civil-affairs referral resolved APPROVED
  IMPORT = 'IMPORT', // a county's existing roll
  REVIEW = 'REVIEW', // the outcome of a periodic review (定期复核)
}
