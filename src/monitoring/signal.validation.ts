import { inRegion, isTownshipCode, TOWNSHIP_CODE_RULE } from '../access/region';
import { idNumberProblem, idNumberProblemText, normalizeIdNumber } from '../access/identity-number';
import { addCalendarDays, IsoDate, isValidIsoDate } from '../common/dates';
import { text } from '../common/text';
import { UserError } from '../common/user-error';
import { describeNameProblem, nameProblem, normalizeName } from '../intake/person-name';
import { FACT_RANGE, SIGNAL_FACT_NAMES, SIGNAL_FACTS, SignalFact, SignalKind } from './signal-kinds';
import { SignalErrorCode as Code } from './signal.errors';

// One reported signal checked field by field: every problem of the item is reported together, each
// with its path inside the batch (["signals", "<i>", "<field>"]). Pure.

export interface SignalInputLike {
  sourceRef: string;
  kind: SignalKind;
  idNumber: string;
  name?: string | null;
  townshipCode: string;
  observedOn: string;
  amountFen?: number | null;
  periodMonths?: number | null;
  disabilityLevel?: number | null;
  months?: number | null;
  note?: string | null;
}

export interface ValidSignal {
  sourceRef: string;
  kind: SignalKind;
  idNumber: string;
  name: string | null;
  townshipCode: string;
  observedOn: IsoDate;
  facts: Partial<Record<SignalFact, number>>;
  note: string | null;
}

const SOURCE_REF = /^[A-Za-z0-9._:\/\-]{1,100}$/;
const MAX_NOTE = 500;
/** How far back a signal may date: older news is not monitoring (two years). */
const MAX_AGE_DAYS = 731;

export function validateSignal(input: SignalInputLike, path: (string | number)[], callerRegion: string, today: IsoDate): { signal: ValidSignal | null; errors: UserError[] } {
  const errors: UserError[] = [];
  const fail = (code: Code, message: ReturnType<typeof text>, field: string) => errors.push(new UserError(code, message, [...path.map(String), field]));

  const sourceRef = input.sourceRef.trim();
  if (!SOURCE_REF.test(sourceRef)) fail(Code.INVALID_SOURCE_REF, text('来源编号应为1–100个字母、数字或 . : / _ - 符号。', 'sourceRef is 1–100 letters, digits or . : / _ -.'), 'sourceRef');
  const idNumber = normalizeIdNumber(input.idNumber);
  const idProblem = idNumberProblem(idNumber, today);
  if (idProblem) fail(Code.INVALID_ID_NUMBER, idNumberProblemText(idProblem), 'idNumber');
  let name: string | null = null;
  if (input.name != null && input.name.trim() !== '') {
    name = normalizeName(input.name);
    const issue = nameProblem(name);
    if (issue) fail(Code.INVALID_NAME, text(describeNameProblem(issue, 'zh-CN'), describeNameProblem(issue, 'en')), 'name');
  }
  const township = input.townshipCode.trim();
  if (!isTownshipCode(township)) fail(Code.INVALID_TOWNSHIP_CODE, TOWNSHIP_CODE_RULE, 'townshipCode');
  else if (!inRegion(callerRegion, township)) fail(Code.TOWNSHIP_OUTSIDE_REGION, text(`乡镇（街道）${township}不在您的辖区内。`, `Township ${township} is outside your region.`), 'townshipCode');
  if (!isValidIsoDate(input.observedOn) || input.observedOn > today || input.observedOn < addCalendarDays(today, -MAX_AGE_DAYS)) {
    fail(Code.INVALID_OBSERVED_ON, text('发现日期应为真实日期，不晚于今天，且在两年之内。', 'observedOn is a real date, not after today and within two years.'), 'observedOn');
  }

  const allowed = SIGNAL_FACTS[input.kind];
  const facts: Partial<Record<SignalFact, number>> = {};
  for (const fact of SIGNAL_FACT_NAMES) {
    const value = input[fact];
    const given = value !== null && value !== undefined;
    if (!given) {
      if (allowed.required.includes(fact)) fail(Code.MISSING_FACT, text(`该类信号须填写${FACT_LABEL[fact]}。`, `A ${input.kind} signal needs ${fact}.`), fact);
      continue;
    }
    if (!allowed.required.includes(fact) && !allowed.optional.includes(fact)) {
      fail(Code.FACT_NOT_ALLOWED, text(`该类信号不填写${FACT_LABEL[fact]}。`, `A ${input.kind} signal carries no ${fact}.`), fact);
      continue;
    }
    const { min, max } = FACT_RANGE[fact];
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      fail(Code.FACT_OUT_OF_RANGE, text(`${FACT_LABEL[fact]}应为${min}到${max}之间的整数。`, `${fact} is a whole number from ${min} to ${max}.`), fact);
      continue;
    }
    facts[fact] = value;
  }
  const note = input.note?.trim() || null;
  if (note !== null && note.length > MAX_NOTE) fail(Code.TEXT_TOO_LONG, text(`说明最多${MAX_NOTE}个字。`, `A note has at most ${MAX_NOTE} characters.`), 'note');

  if (errors.length > 0) return { signal: null, errors };
  return { signal: { sourceRef, kind: input.kind, idNumber, name, townshipCode: township, observedOn: input.observedOn, facts, note }, errors };
}

const FACT_LABEL: Record<SignalFact, string> = {
  amountFen: '金额（分）',
  periodMonths: '统计月数',
  disabilityLevel: '残疾等级',
  months: '月数',
};
