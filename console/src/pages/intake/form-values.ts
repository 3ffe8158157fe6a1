// The intake form's values and how they become a SubmitApplicationInput. Field names mirror the
// input exactly (so a server error's path names its field); fields whose input name ends in "Fen"
// hold YUAN as typed and are turned into fen only here, when the input is built.

import type { CombinedError } from 'urql';
import type { AcceptanceMode, AssistanceCategory, IntakeChannel, Relation, SchoolStage, SubmitApplicationInput } from '../../gql/graphql';
import type { FieldError } from '../../forms';
import { fenOf } from '../../format';
import { normalizeIdNumber } from '../../../../src/access/identity-number';

export interface MemberValues {
  person?: { name?: string; idNumber?: string };
  relation?: Relation;
  schoolStage?: SchoolStage | null;
  laborCapable?: boolean;
  employed?: boolean;
  seriouslyIll?: boolean;
  disabled?: boolean;
  /** Yuan. */
  monthlyIncomeFen?: number | null;
}

export interface IntakeValues {
  townshipCode: string;
  applicant?: { name?: string; idNumber?: string; phone?: string };
  /** Yuan. */
  applicantMonthlyIncomeFen?: number | null;
  household?: MemberValues[];
  hardship?: {
    /** Yuan. */
    medicalExpenseFen?: number | null;
    unsafeHousing?: boolean;
    legalDispute?: boolean;
    emergency?: boolean;
    noSupport?: boolean;
    /** Yuan. */
    financialAssetsFen?: number | null;
  };
  mode: AcceptanceMode;
  missingMaterials?: string[];
  /** Yuan. */
  emergencyAdvanceFen?: number | null;
  channel: IntakeChannel;
  /** 村（社区）, as the application names it. */
  village?: string;
  note?: string;
  categories?: AssistanceCategory[];
}

/** A household has at most this many members besides the applicant (the hub's limit). */
export const MAX_MEMBERS = 30;

export function initialValues(townshipCode: string): IntakeValues {
  return {
    townshipCode,
    applicant: { name: '', idNumber: '', phone: '' },
    applicantMonthlyIncomeFen: null,
    household: [],
    hardship: { medicalExpenseFen: null, unsafeHousing: false, legalDispute: false, emergency: false, noSupport: false, financialAssetsFen: null },
    mode: 'STANDARD',
    missingMaterials: [],
    emergencyAdvanceFen: null,
    channel: 'WINDOW',
    village: '',
    note: '',
  };
}

export const emptyMember = (): MemberValues => ({
  person: { name: '', idNumber: '' },
  relation: undefined,
  schoolStage: null,
  laborCapable: false,
  employed: false,
  seriouslyIll: false,
  disabled: false,
  monthlyIncomeFen: null,
});

/**
 * One key per application: kept while the same application is retried (a lost answer must not
 * make a second case), replaced after it succeeded. crypto.randomUUID exists only in a secure
 * context, and a service hall may open the console over plain http on its intranet.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const fen = (yuan: number | null | undefined): number => fenOf(yuan) ?? 0;
const text = (value: string | undefined): string => (value ?? '').trim();

/** The application as the API takes it; `categories` only when the clerk's choice is given. */
export function toInput(values: IntakeValues, idempotencyKey: string, categories?: AssistanceCategory[]): SubmitApplicationInput {
  const hardship = values.hardship ?? {};
  const phone = text(values.applicant?.phone);
  const note = text(values.note);
  const village = text(values.village);
  const input: SubmitApplicationInput = {
    idempotencyKey,
    townshipCode: text(values.townshipCode),
    applicant: { name: text(values.applicant?.name), idNumber: normalizeIdNumber(values.applicant?.idNumber ?? ''), phone: phone || null },
    applicantMonthlyIncomeFen: fen(values.applicantMonthlyIncomeFen),
    household: (values.household ?? []).map((m) => ({
      person: { name: text(m.person?.name), idNumber: normalizeIdNumber(m.person?.idNumber ?? '') },
      relation: m.relation as Relation,
      monthlyIncomeFen: fen(m.monthlyIncomeFen),
      schoolStage: m.schoolStage ?? null,
      laborCapable: !!m.laborCapable,
      employed: !!m.employed,
      disabled: !!m.disabled,
      seriouslyIll: !!m.seriouslyIll,
    })),
    hardship: {
      medicalExpenseFen: fen(hardship.medicalExpenseFen),
      unsafeHousing: !!hardship.unsafeHousing,
      legalDispute: !!hardship.legalDispute,
      emergency: !!hardship.emergency,
      noSupport: !!hardship.noSupport,
      financialAssetsFen: fen(hardship.financialAssetsFen),
    },
    mode: values.mode,
    channel: values.channel,
    village: village || null,
    note: note || null,
  };
  if (values.mode === 'TOLERANT') input.missingMaterials = (values.missingMaterials ?? []).map((m) => m.trim()).filter((m) => m !== '');
  if (values.mode === 'EMERGENCY') input.emergencyAdvanceFen = fenOf(values.emergencyAdvanceFen);
  if (categories) input.categories = categories;
  return input;
}

const MEMBER_FIELD = /^household\.\d+\.(person\.name|person\.idNumber|relation|schoolStage|laborCapable|employed|seriouslyIll|disabled|monthlyIncomeFen)$/;
const FIXED_FIELDS = new Set([
  'townshipCode',
  'applicant.name',
  'applicant.idNumber',
  'applicant.phone',
  'applicantMonthlyIncomeFen',
  'hardship.medicalExpenseFen',
  'hardship.unsafeHousing',
  'hardship.legalDispute',
  'hardship.emergency',
  'hardship.noSupport',
  'hardship.financialAssetsFen',
  'mode',
  'channel',
  'village',
  'note',
]);

/** Whether a form path is a field the form shows now (the others' errors go in the Alert). */
export function fieldShown(path: (string | number)[], values: IntakeValues, suggestionsShown: boolean): boolean {
  const key = path.join('.');
  if (FIXED_FIELDS.has(key)) return true;
  const member = MEMBER_FIELD.exec(key);
  if (member) return Number(path[1]) < (values.household?.length ?? 0);
  if (key === 'missingMaterials') return values.mode === 'TOLERANT';
  if (key === 'emergencyAdvanceFen') return values.mode === 'EMERGENCY';
  if (key === 'categories') return suggestionsShown;
  return false;
}

/**
 * A server error's field path as the form names it: a material's index points at the one tags
 * input that holds the list.
 */
export function formFieldOf(error: FieldError): FieldError {
  if (error.field && error.field[0] === 'input' && error.field[1] === 'missingMaterials') return { ...error, field: ['input', 'missingMaterials'] };
  return error;
}

/**
 * The problems a GraphQL error names field by field: suggestCategories, a query, has no
 * userErrors list and reports them as BAD_USER_INPUT with `extensions.problems` (or one
 * `extensions.field`, e.g. a value GraphQL itself refused). Empty when the error names no field.
 */
export function fieldErrorsOf(error: CombinedError): FieldError[] {
  const found: FieldError[] = [];
  for (const e of error.graphQLErrors) {
    const ext = e.extensions ?? {};
    if (Array.isArray(ext.problems)) {
      for (const p of ext.problems as Array<{ field?: string[] | null; code?: string; message?: string }>) {
        found.push({ field: p.field ?? null, code: p.code ?? String(ext.code ?? ''), message: p.message ?? e.message });
      }
    } else if (Array.isArray(ext.field)) {
      found.push({ field: ext.field as string[], code: String(ext.code ?? ''), message: e.message });
    }
  }
  return found;
}
