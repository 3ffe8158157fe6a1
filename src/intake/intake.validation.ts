import { createHash } from 'node:crypto';
import { IsoDate } from '../common/dates';
import { Problems, UserError } from '../common/user-error';
import { text } from '../common/text';
import { inRegion, isTownshipCode, TOWNSHIP_CODE_RULE } from '../access/region';
import { idNumberProblem, idNumberProblemText, normalizeIdNumber } from '../access/identity-number';
import { describeNameProblem, nameProblem, normalizeName } from './person-name';
import { AssistanceCategory } from '../classification/categories';
import { HouseholdFacts } from '../classification/classification.rules';
import { AcceptanceMode, Relation } from './intake.enums';
import { PersonInput, SubmitApplicationInput } from './submit-application.inputs';
import { IntakeErrorCode as Code } from './intake.errors';

/** A valid application, normalized: the applicant is members[0] with relation SELF. */
export interface Application extends HouseholdFacts {
  idempotencyKey: string;
  inputHash: string;
  members: Array<HouseholdFacts['members'][number] & { person: NormalizedPerson; relation: Relation }>;
  categories: AssistanceCategory[] | null;
  mode: AcceptanceMode;
  channel: string;
  missingMaterials: string[];
  emergencyAdvanceFen: number | null;
  /** 村（社区）, when the application names it (absent, not null, so earlier applications hash as before). */
  village?: string;
  note: string | null;
}

export interface NormalizedPerson {
  name: string;
  idNumber: string;
  phone: string | null;
}

const MAX_MEMBERS = 30;
const MAX_TEXT = 1000;
const MAX_VILLAGE = 30;
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const KEY = /^[A-Za-z0-9._:\-]{1,100}$/;

type Path = (string | number)[];

/**
 * Checks everything about one application and reports ALL failures together, each with the
 * input path and a stable code. Pure: `region` is the caller's region prefix, `today` the CST date.
 */
export function validateApplication(
  input: SubmitApplicationInput,
  region: string,
  today: IsoDate,
): { application: Application; errors: [] } | { application: null; errors: UserError[] } {
  const problems = new Problems(['input']);
  const fail = problems.add.bind(problems);
  const errors = problems.list;

  if (!KEY.test(input.idempotencyKey)) {
    fail(Code.INVALID_IDEMPOTENCY_KEY, text('提交编号应为1–100个字母、数字或 . : _ - 符号。', 'The idempotency key must be 1–100 characters of letters, digits, dot, colon, underscore or hyphen.'), ['idempotencyKey']);
  }
  const township = input.townshipCode.trim();
  if (!isTownshipCode(township)) {
    fail(Code.INVALID_TOWNSHIP_CODE, TOWNSHIP_CODE_RULE, ['townshipCode']);
  } else if (!inRegion(region, township)) {
    fail(Code.TOWNSHIP_OUTSIDE_REGION, text(`乡镇（街道）${township}不在您的辖区内。`, `Township ${township} is outside your region.`), ['townshipCode']);
  }

  const person = (p: PersonInput, path: Path): NormalizedPerson => {
    const name = normalizeName(p.name);
    const nameIssue = nameProblem(name);
    if (nameIssue) fail(Code.INVALID_NAME, text(describeNameProblem(nameIssue, 'zh-CN'), describeNameProblem(nameIssue, 'en')), [...path, 'name']);
    const idNumber = normalizeIdNumber(p.idNumber);
    const problem = idNumberProblem(idNumber, today);
    if (problem) fail(Code.INVALID_ID_NUMBER, idNumberProblemText(problem), [...path, 'idNumber']);
    const phone = p.phone?.trim() || null;
    if (phone !== null && !PHONE.test(phone)) {
      fail(Code.INVALID_PHONE, text('联系电话应为11位手机号码，或带区号的固定电话。', 'A phone number is an 11-digit mobile number or a landline with its area code.'), [...path, 'phone']);
    }
    return { name, idNumber, phone };
  };
  const amount = (value: number, path: Path) => {
    if (value < 0) fail(Code.NEGATIVE_AMOUNT, text('金额以“分”为单位，不能为负数。', 'Amounts are whole, non-negative fen.'), path);
  };

  const applicant = person(input.applicant, ['applicant']);
  amount(input.applicantMonthlyIncomeFen, ['applicantMonthlyIncomeFen']);

  // The applicant is SELF. A SELF entry in `household` is accepted only when it is the applicant,
  // and then supplies the applicant's own facts (schooling, labour capacity, illness).
  const applicantFacts = {
    monthlyIncomeFen: input.applicantMonthlyIncomeFen,
    schoolStage: null as string | null,
    laborCapable: false,
    employed: false,
    disabled: false,
    seriouslyIll: false,
  };
  const others: Application['members'] = [];
  const seen = new Map<string, number>([[applicant.idNumber, -1]]);
  let selfCount = 0;
  if (input.household.length > MAX_MEMBERS) {
    fail(Code.TOO_MANY_MEMBERS, text(`除申请人外，家庭成员最多${MAX_MEMBERS}人。`, `A household has at most ${MAX_MEMBERS} members besides the applicant.`), ['household']);
  }
  input.household.slice(0, MAX_MEMBERS).forEach((m, i) => {
    const path = ['household', i];
    const p = person(m.person, [...path, 'person']);
    amount(m.monthlyIncomeFen, [...path, 'monthlyIncomeFen']);
    const facts = {
      monthlyIncomeFen: m.monthlyIncomeFen,
      schoolStage: m.schoolStage ?? null,
      laborCapable: m.laborCapable,
      employed: m.employed,
      disabled: m.disabled,
      seriouslyIll: m.seriouslyIll,
    };
    if (m.relation === Relation.SELF) {
      selfCount++;
      if (selfCount > 1) {
        fail(Code.MULTIPLE_SELF, text('只能有一名家庭成员的关系为“本人”，即申请人。', 'Exactly one household member is SELF: the applicant.'), [...path, 'relation']);
      } else if (p.idNumber !== applicant.idNumber) {
        fail(Code.SELF_NOT_APPLICANT, text('关系为“本人”的成员必须是申请人（身份证号码相同）。', 'The SELF member must be the applicant (same identity number).'), [...path, 'relation']);
      } else {
        if (input.applicantMonthlyIncomeFen > 0 && m.monthlyIncomeFen > 0 && input.applicantMonthlyIncomeFen !== m.monthlyIncomeFen) {
          fail(Code.CONFLICTING_INCOME, text('“本人”一栏的月收入与申请人月收入不一致，请核对。', "The SELF member's income differs from applicantMonthlyIncomeFen."), [...path, 'monthlyIncomeFen']);
        }
        Object.assign(applicantFacts, facts, { monthlyIncomeFen: Math.max(input.applicantMonthlyIncomeFen, m.monthlyIncomeFen) });
      }
      return;
    }
    const earlier = seen.get(p.idNumber);
    if (earlier !== undefined && !errors.some((e) => e.field?.join('.') === ['input', ...path, 'person', 'idNumber'].join('.'))) {
      const who = earlier === -1 ? 'the applicant' : `household member ${earlier}`;
      const whoZh = earlier === -1 ? '申请人' : `第${earlier + 1}名家庭成员`;
      fail(Code.DUPLICATE_PERSON, text(`该身份证号码已填写在${whoZh}，同一人不能重复填写。`, `This identity number is already given for ${who}.`), [...path, 'person', 'idNumber']);
    }
    seen.set(p.idNumber, i);
    others.push({ ...facts, person: p, relation: m.relation });
  });

  const h = input.hardship;
  amount(h.medicalExpenseFen, ['hardship', 'medicalExpenseFen']);
  amount(h.financialAssetsFen, ['hardship', 'financialAssetsFen']);

  const materials = validateMaterials(input.missingMaterials, ['missingMaterials'], problems);
  if (input.mode === AcceptanceMode.TOLERANT) {
    if (materials.length === 0 && input.missingMaterials == null) {
      fail(Code.MISSING_MATERIALS_REQUIRED, text('容缺受理需要列出所缺材料。', 'TOLERANT acceptance (容缺受理) needs the list of missing materials.'), ['missingMaterials']);
    } else if (materials.length === 0 && input.missingMaterials?.length === 0) {
      fail(Code.MISSING_MATERIALS_REQUIRED, text('容缺受理至少要列出一项所缺材料。', 'TOLERANT acceptance (容缺受理) needs at least one missing material.'), ['missingMaterials']);
    }
  } else if (input.missingMaterials != null) {
    fail(Code.MISSING_MATERIALS_NOT_ALLOWED, text('只有容缺受理才登记所缺材料。', 'Missing materials are recorded only under TOLERANT acceptance.'), ['missingMaterials']);
  }
  if (input.mode === AcceptanceMode.EMERGENCY) {
    if (input.emergencyAdvanceFen == null) {
      fail(Code.EMERGENCY_ADVANCE_REQUIRED, text('急难救助需要填写已先行支付的金额。', 'EMERGENCY acceptance (急难) needs the amount paid out at once.'), ['emergencyAdvanceFen']);
    } else amount(input.emergencyAdvanceFen, ['emergencyAdvanceFen']);
  } else if (input.emergencyAdvanceFen != null) {
    fail(Code.EMERGENCY_ADVANCE_NOT_ALLOWED, text('只有急难救助才登记先行支付金额。', 'An emergency advance is recorded only under EMERGENCY acceptance.'), ['emergencyAdvanceFen']);
  }

  let categories: AssistanceCategory[] | null = null;
  if (input.categories != null) {
    if (input.categories.length === 0) fail(Code.NO_CATEGORIES, text('请至少选择一个救助类别，或不选以由系统根据情况推荐。', 'Name at least one category, or omit categories to have them derived.'), ['categories']);
    const unique = new Set(input.categories);
    if (unique.size !== input.categories.length) fail(Code.DUPLICATE_CATEGORY, text('救助类别重复选择。', 'A category is named twice.'), ['categories']);
    categories = [...unique];
  }
  const village = input.village?.trim() || undefined;
  // Counted in characters (a rare CJK character is two UTF-16 units); no control or line-separator character.
  if (village !== undefined && ([...village].length > MAX_VILLAGE || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(village))) {
    fail(Code.INVALID_VILLAGE, text(`村（社区）名称为1–${MAX_VILLAGE}个字，不含换行。`, `village is 1–${MAX_VILLAGE} characters on one line.`), ['village']);
  }
  const note = input.note?.trim() || null;
  if (note !== null && note.length > MAX_TEXT) fail(Code.TEXT_TOO_LONG, text(`备注最多${MAX_TEXT}个字。`, `A note has at most ${MAX_TEXT} characters.`), ['note']);

  if (errors.length > 0) return { application: null, errors };
  const application: Application = {
    idempotencyKey: input.idempotencyKey,
    inputHash: '',
    townshipCode: township,
    members: [{ ...applicantFacts, person: applicant, relation: Relation.SELF }, ...others],
    hardship: { ...h },
    categories,
    mode: input.mode,
    channel: input.channel,
    missingMaterials: materials,
    emergencyAdvanceFen: input.mode === AcceptanceMode.EMERGENCY ? (input.emergencyAdvanceFen ?? null) : null,
    village,
    note,
  };
  application.inputHash = hashApplication(application);
  return { application, errors: [] };
}

/** Trims, refuses blanks, over-long entries and repeats; returns the cleaned list. */
export function validateMaterials(list: string[] | null | undefined, path: Path, problems: Problems): string[] {
  const fail = problems.add.bind(problems);
  const cleaned: string[] = [];
  (list ?? []).forEach((raw, i) => {
    const m = raw.trim();
    if (m.length === 0 || m.length > 100) fail(Code.INVALID_MATERIAL, text('材料名称应为1–100个字。', 'A material is named in 1–100 characters.'), [...path, i]);
    else if (cleaned.includes(m)) fail(Code.INVALID_MATERIAL, text(`材料“${m}”重复填写。`, `"${m}" is listed twice.`), [...path, i]);
    else cleaned.push(m);
  });
  return cleaned;
}

/** SHA-256 over a canonical JSON form (sorted keys), to tell a retry from a reuse of the key. */
export function hashApplication(application: Omit<Application, 'inputHash'> & { inputHash?: string }): string {
  const { inputHash: _ignored, ...rest } = application;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
