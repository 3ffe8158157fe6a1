import { Field, ObjectType } from 'type-graphql';
import { Text } from './text';

// The codes a userError may carry are each module's own enum (intake/intake.errors.ts,
// referrals/referral.errors.ts, calendar/calendar.errors.ts): stable, and what clients switch on.
// This leaf knows none of them.

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
  code: string;

  readonly text: Text;

  constructor(code: string, text: Text, field: (string | number)[] | null = null) {
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
  add(code: string, text: Text, field: (string | number)[]): void {
    this.list.push(new UserError(code, text, [...this.prefix, ...field]));
  }
  get any(): boolean {
    return this.list.length > 0;
  }
}
