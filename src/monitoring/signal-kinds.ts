// Monitoring signals (监测信号): what department systems report about a person, the first step of
// the warning workflow (信息收集). Each kind says which facts it carries; the rules that turn signals
// into warnings (预警规则) read them. Pure.

export enum SignalKind {
  MEDICAL_EXPENSE = 'MEDICAL_EXPENSE', // 大额自付医疗费用: amountFen over periodMonths
  HOSPITALISATION = 'HOSPITALISATION', // 住院
  DISABILITY_CERTIFIED = 'DISABILITY_CERTIFIED', // 残疾认定: disabilityLevel 1 (most severe) to 4
  UNEMPLOYMENT_REGISTERED = 'UNEMPLOYMENT_REGISTERED', // 失业登记
  CONTRIBUTIONS_LAPSED = 'CONTRIBUTIONS_LAPSED', // 社保断缴: months
  DEATH = 'DEATH', // 死亡
  SCHOOL_DROPOUT = 'SCHOOL_DROPOUT', // 辍学
  UTILITY_ARREARS = 'UTILITY_ARREARS', // 水电气欠费: months, amountFen optional
  NO_UTILITY_USE = 'NO_UTILITY_USE', // 水电气零使用: months
  DISASTER_DAMAGE = 'DISASTER_DAMAGE', // 受灾: amountFen (the loss) optional
  INCOME_RISE = 'INCOME_RISE', // 收入增加 (a new job, a pension): amountFen, the new monthly income
}

/** The facts a signal may carry besides who, where and when. */
export type SignalFact = 'amountFen' | 'periodMonths' | 'disabilityLevel' | 'months';

/** Per kind: the facts it requires and those it may give; any other fact is refused. */
export const SIGNAL_FACTS: Readonly<Record<SignalKind, { required: readonly SignalFact[]; optional: readonly SignalFact[] }>> = {
  MEDICAL_EXPENSE: { required: ['amountFen', 'periodMonths'], optional: [] },
  HOSPITALISATION: { required: [], optional: [] },
  DISABILITY_CERTIFIED: { required: ['disabilityLevel'], optional: [] },
  UNEMPLOYMENT_REGISTERED: { required: [], optional: [] },
  CONTRIBUTIONS_LAPSED: { required: ['months'], optional: [] },
  DEATH: { required: [], optional: [] },
  SCHOOL_DROPOUT: { required: [], optional: [] },
  UTILITY_ARREARS: { required: ['months'], optional: ['amountFen'] },
  NO_UTILITY_USE: { required: ['months'], optional: [] },
  DISASTER_DAMAGE: { required: [], optional: ['amountFen'] },
  INCOME_RISE: { required: ['amountFen'], optional: [] },
};

/** Each fact's range: whole numbers, the amounts in fen. */
export const FACT_RANGE: Readonly<Record<SignalFact, { min: number; max: number }>> = {
  amountFen: { min: 1, max: 100_000_000_00 }, // up to a hundred million yuan
  periodMonths: { min: 1, max: 12 },
  disabilityLevel: { min: 1, max: 4 }, // 一级 (most severe) to 四级
  months: { min: 1, max: 120 },
};

export const SIGNAL_FACT_NAMES: readonly SignalFact[] = ['amountFen', 'periodMonths', 'disabilityLevel', 'months'];
