import { badInput } from '../access/guard';
import { Problems } from '../common/user-error';
import { text } from '../common/text';
import { CaseErrorCode as Code } from './case.errors';

// 首问负责 (first-asked ownership): the clerk who accepts a case owns it — answers for it until it
// is done — and may hand it to another clerk with a reason. An owner is a token `sub` (the hub
// keeps no directory of people), as `created_by` is. The rules on what is given, pure, for the
// transfer and for the list's `ownedBy` filter alike.

export const MAX_OWNER = 100;
export const MAX_TRANSFER_REASON = 500;

// Control characters (C0, DEL, C1) and the line and paragraph separators: an owner is one line.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** An owner as given (trimmed), or null when it is empty, longer than MAX_OWNER or not one line. */
export function normalizeOwner(raw: string): string | null {
  const owner = raw.trim();
  return owner.length === 0 || owner.length > MAX_OWNER || CONTROL.test(owner) ? null : owner;
}

export interface TransferRequest {
  to: string;
  reason: string;
}

/** The transfer's input, checked before the case is read: every problem with its field. */
export function checkTransfer(to: string, reason: string, problems: Problems): TransferRequest {
  const owner = normalizeOwner(to);
  if (owner === null) {
    problems.add(
      Code.INVALID_OWNER,
      text(`请填写接手的窗口工作人员的用户账号（1–${MAX_OWNER}个字符，不含换行）。`, `Name the new owner: a user id of 1–${MAX_OWNER} characters on one line.`),
      ['to'],
    );
  }
  const why = reason.trim();
  if (why.length === 0 || why.length > MAX_TRANSFER_REASON) {
    problems.add(
      Code.INVALID_REASON,
      text(`请填写转交原因（1–${MAX_TRANSFER_REASON}个字）。`, `A reason of 1–${MAX_TRANSFER_REASON} characters is required.`),
      ['reason'],
    );
  }
  return { to: owner ?? '', reason: why };
}

/** The `ownedBy` filter of the case list (trimmed); BAD_USER_INPUT naming the field when it is not an owner. */
export function ownedByFilter(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const owner = normalizeOwner(raw);
  if (owner === null) {
    throw badInput(
      text(`负责人（ownedBy）应为1–${MAX_OWNER}个字符的用户账号，不含换行。`, `ownedBy is a user id of 1–${MAX_OWNER} characters on one line.`),
      ['filter', 'ownedBy'],
    );
  }
  return owner;
}
