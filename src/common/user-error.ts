import { Field, ObjectType } from 'type-graphql';
import type { IntakeErrorCode } from '../intake/intake.errors';
import type { ReferralErrorCode } from '../referrals/referral.errors';
import type { CalendarErrorCode } from '../calendar/calendar.errors';
import { Text } from './text';

/** Every code a userError may carry: one enum per module. Clients switch on these. */
export type UserErrorCode = IntakeErrorCode | ReferralErrorCode | CalendarErrorCode;

/**
 * A validation or business-rule failure the caller can fix. Nothing was written. The message is
 * kept in both languages and rendered in the reader's (see UserErrorResolver).
 */
@ObjectType({ description: 'A validation or business-rule failure the caller can fix. Nothing was written.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field, e.g. ["input", "applicant", "idNumber"].' })
  field: string[] | null;

  /** Rendered in the reader's language by UserErrorResolver. */
  @Field(() => String)
  readonly message?: string;

  @Field(() => String, { description: 'Stable machine code, e.g. INVALID_ID_NUMBER, DUPLICATE_OPEN_CASE, ILLEGAL_TRANSITION.' })
  code: UserErrorCode;

  readonly text: Text;

  constructor(code: UserErrorCode, text: Text, field: (string | number)[] | null = null) {
    this.code = code;
    this.text = text;
    this.field = field ? field.map(String) : null;
  }
}

/** Thrown inside a unit of work to roll it back and answer with userErrors. */
export class BusinessRuleError extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.code).join(', '));
  }
}

/** Collects a command's input problems, so all of them are reported together. */
export class Problems {
  readonly list: UserError[] = [];
  /** `prefix` starts every field path, e.g. ['input'] for a mutation's input object. */
  constructor(private readonly prefix: (string | number)[] = []) {}
  add(code: UserErrorCode, text: Text, field: (string | number)[]): void {
    this.list.push(new UserError(code, text, [...this.prefix, ...field]));
  }
  get any(): boolean {
    return this.list.length > 0;
  }
}
