import { RequestContext } from '../common/request-context';
import { CommandResult } from '../common/command';
import { freshLoaders } from '../graphql/loaders';
import { CasePayload } from './case.type';

/** A case command's payload: the case as the command left it (read afresh), and its userErrors. */
export async function casePayload(ctx: RequestContext, result: CommandResult<string>): Promise<CasePayload> {
  freshLoaders(ctx);
  const found = result.value ? await ctx.loaders.caseById.load(result.value) : null;
  return { case: found, userErrors: result.userErrors } as CasePayload;
}
