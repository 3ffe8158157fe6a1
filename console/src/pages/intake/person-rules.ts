// Checks on a person as the clerk types, with the hub's OWN rules (pure modules of the server,
// bundled by Vite): the same identity-number check digit and name rules the hub applies, so the
// form and the hub never disagree. The hub still checks everything again.

import type { Rule } from 'antd/es/form';
import { idNumberProblem, idNumberProblemText, normalizeIdNumber } from '../../../../src/access/identity-number';
import { describeNameProblem, nameProblem, normalizeName } from '../../../../src/intake/person-name';
import { todayCst } from '../../format';

/** The hub's message for an identity number, or null when it is valid. */
export function idNumberMessage(raw: string): string | null {
  const problem = idNumberProblem(normalizeIdNumber(raw), todayCst());
  return problem ? idNumberProblemText(problem).zh : null;
}

/** What a valid number says about its holder: "1978年3月12日出生 · 女"; null when not valid. */
export function idNumberHolder(raw: string | undefined): string | null {
  if (!raw || idNumberMessage(raw) !== null) return null;
  const id = normalizeIdNumber(raw);
  const sex = Number(id[16]) % 2 === 1 ? '男' : '女';
  return `${Number(id.slice(6, 10))}年${Number(id.slice(10, 12))}月${Number(id.slice(12, 14))}日出生 · ${sex}`;
}

/**
 * While typing, a number is judged once it is complete (18 characters) or holds a character it
 * may never hold; leaving the field judges it whatever its length.
 */
export const idNumberRules: Rule[] = [
  { required: true, whitespace: true, message: '请填写身份证号码', validateTrigger: 'onBlur' },
  {
    validateTrigger: 'onChange',
    validator: async (_rule, value: string | undefined) => {
      const id = normalizeIdNumber(value ?? '');
      if (/^\d{0,17}$/.test(id)) return;
      const message = idNumberMessage(id);
      if (message) throw new Error(message);
    },
  },
  {
    validateTrigger: 'onBlur',
    validator: async (_rule, value: string | undefined) => {
      if (!value || !value.trim()) return;
      const message = idNumberMessage(value);
      if (message) throw new Error(message);
    },
  },
];

export const nameRules: Rule[] = [
  {
    validator: async (_rule, value: string | undefined) => {
      const problem = nameProblem(normalizeName(value ?? ''));
      if (problem) throw new Error(problem.problem === 'EMPTY' ? '请填写姓名' : describeNameProblem(problem, 'zh-CN'));
    },
  },
];

// The hub's phone rule (src/intake/intake.validation.ts keeps it private): a mobile number, or a
// landline with its area code.
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

export const phoneRules: Rule[] = [
  {
    validateTrigger: 'onBlur',
    validator: async (_rule, value: string | undefined) => {
      const phone = (value ?? '').trim();
      if (phone !== '' && !PHONE.test(phone)) throw new Error('联系电话应为11位手机号码，或带区号的固定电话。');
    },
  },
];
