import { EntityManager } from 'typeorm';
import { GraphQLError } from 'graphql';
import { TransactionOptions, UnitOfWork } from '../db/unit-of-work';
import { badInput } from '../access/guard';
import { text } from './text';
import { BusinessRuleError, UserError } from './user-error';

// The one error path of the hub's commands: a command runs its unit of work here; a business-rule
// failure thrown inside rolls it back and comes out as userErrors (nothing written). Queries, which
// have no userErrors list, report the same problems through `badInputOf`.

export type CommandResult<T> = { value: T; userErrors: [] } | { value: null; userErrors: UserError[] };

export function failed(userErrors: UserError[]): CommandResult<never> {
  return { value: null, userErrors };
}

/** Runs `work` in a transaction (with the unit of work's retries); business failures become userErrors. */
export async function runCommand<T>(
  uow: UnitOfWork,
  work: (m: EntityManager) => Promise<T>,
  options?: TransactionOptions,
): Promise<CommandResult<T>> {
  try {
    return { value: await uow.transaction(work, options), userErrors: [] };
  } catch (error) {
    if (error instanceof BusinessRuleError) return failed(error.userErrors);
    throw error;
  }
}

/** Every problem as one BAD_USER_INPUT error: each named with its field, the first field in `field`. */
export function badInputOf(userErrors: UserError[]): GraphQLError {
  const named = (e: UserError, lang: 'zh' | 'en') => `${e.field?.join('.') ?? ''}: ${e.text[lang]}`;
  return badInput(
    text(userErrors.map((e) => named(e, 'zh')).join(' '), userErrors.map((e) => named(e, 'en')).join(' ')),
    userErrors[0]?.field ?? [],
    userErrors.map((e) => ({ field: e.field, code: e.code, text: e.text })),
  );
}
