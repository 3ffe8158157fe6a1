import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../common/request-context';
import { CategorySuggestion } from '../classification/category-suggestion.type';
import { badInput } from '../access/guard';
import { freshLoaders } from '../graphql/loaders';
import { CasePayload, SubmitApplicationPayload } from './case.type';
import { SubmitApplicationInput } from './submit-application.inputs';

async function casePayload(ctx: RequestContext, result: { caseId: string | null; userErrors: CasePayload['userErrors'] }) {
  freshLoaders(ctx);
  const found = result.caseId ? await ctx.loaders.caseById.load(result.caseId) : null;
  return { case: found, userErrors: result.userErrors };
}

@Resolver()
export class IntakeResolver {
  @Mutation(() => SubmitApplicationPayload, {
    description: 'One window: accept one application and refer it to every department it needs, in one transaction.',
  })
  async submitApplication(@Ctx() ctx: RequestContext, @Arg('input', () => SubmitApplicationInput) input: SubmitApplicationInput) {
    return casePayload(ctx, await ctx.hub.intake.submit(ctx, input));
  }

  @Query(() => [CategorySuggestion], { description: 'What the hub would refer, and why, for the same input submitApplication takes. Writes nothing.' })
  suggestCategories(@Ctx() ctx: RequestContext, @Arg('input', () => SubmitApplicationInput) input: SubmitApplicationInput) {
    const { suggestions, userErrors } = ctx.hub.intake.suggest(ctx, input);
    // A query has no userErrors list: report the first problem as BAD_USER_INPUT naming the field.
    if (userErrors.length > 0) {
      throw badInput(userErrors.map((e) => `${e.field?.join('.')}: ${e.message}`).join(' '), userErrors[0].field ?? ['input']);
    }
    return suggestions;
  }

  @Mutation(() => CasePayload, { description: 'The window recorded materials the applicant brought; resumes the clock when nothing is outstanding.' })
  async provideSupplement(
    @Ctx() ctx: RequestContext,
    @Arg('caseId', () => ID) caseId: string,
    @Arg('materials', () => [String]) materials: string[],
  ) {
    return casePayload(ctx, await ctx.hub.caseWorkflow.provideSupplement(ctx, caseId, materials));
  }

  @Mutation(() => CasePayload)
  async withdrawCase(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('reason') reason: string) {
    return casePayload(ctx, await ctx.hub.caseWorkflow.withdraw(ctx, id, reason));
  }
}
