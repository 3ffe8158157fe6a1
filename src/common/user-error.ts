import { Field, ObjectType } from 'type-graphql';

/** A validation or business-rule failure the caller can fix. Nothing was written. */
@ObjectType({ description: 'A validation or business-rule failure the caller can fix. Nothing was written.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field, e.g. ["input", "applicant", "idNumber"].' })
  field: string[] | null;

  @Field()
  message: string;

  @Field({ description: 'Stable machine code, e.g. INVALID_ID_NUMBER, DUPLICATE_OPEN_CASE, ILLEGAL_TRANSITION.' })
  code: string;

  constructor(code: string, message: string, field: (string | number)[] | null = null) {
    this.code = code;
    this.message = message;
    this.field = field ? field.map(String) : null;
  }
}

/** Thrown inside a unit of work to roll it back and answer with userErrors. */
export class BusinessRuleError extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.code).join(', '));
  }
}
