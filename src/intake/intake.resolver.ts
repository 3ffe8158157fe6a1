import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Allow } from '../access/authorization';
import { Role } from '../access/roles';
import { RequestContext } from '../common/request-context';
import { CategorySuggestion } from '../classification/category-suggestion.type';
import { badInputOf } from '../common/command';
import { freshLoaders } from '../graphql/loaders';
import { CaseWorkflowService } from '../cases/case-workflow.service';
import { CasePayload, SubmitApplicationPayload } from '../cases/case.type';
import { casePayload } from '../cases/case-payload';
import { SubmitApplicationInput } from './submit-application.inputs';
import { IntakeService } from './intake.service';

@Resolver()
export class IntakeResolver {
  constructor(
    private readonly intake: IntakeService,
    private readonly caseWorkflow: CaseWorkflowService,
  ) {}

  @Allow(Role.CLERK)
  @Mutation(() => SubmitApplicationPayload, {
    description: 'One window: accept one application and refer it to every department it needs, in one transaction.',
  })
  async submitApplication(@Ctx() ctx: RequestContext, @Arg('input', () => SubmitApplicationInput) input: SubmitApplicationInput) {
    const result = await this.intake.submit(ctx, input);
    freshLoaders(ctx);
    // The case as just written: the payload needs no read-back.
    if (result.value) ctx.loaders.caseById.prime(result.value.id, result.value);
    return { case: result.value, userErrors: result.userErrors } as CasePayload;
  }

  @Allow(Role.CLERK, Role.ADMIN)
  @Query(() => [CategorySuggestion], { description: 'What the hub would refer, and why, for the same input submitApplication takes. Writes nothing.' })
  suggestCategories(@Ctx() ctx: RequestContext, @Arg('input', () => SubmitApplicationInput) input: SubmitApplicationInput) {
    const { suggestions, userErrors } = this.intake.suggest(ctx, input);
    // A query has no userErrors list: every problem goes out as one BAD_USER_INPUT.
    if (userErrors.length > 0) throw badInputOf(userErrors);
    return suggestions;
  }

  @Allow(Role.CLERK)
  @Mutation(() => CasePayload, { description: 'The window recorded materials the applicant brought; resumes the clock when nothing is outstanding.' })
  async provideSupplement(
    @Ctx() ctx: RequestContext,
    @Arg('caseId', () => ID) caseId: string,
    @Arg('materials', () => [String]) materials: string[],
  ) {
    return casePayload(ctx, await this.caseWorkflow.provideSupplement(ctx, caseId, materials));
  }

  @Allow(Role.CLERK)
  @Mutation(() => CasePayload)
  async withdrawCase(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('reason') reason: string) {
    return casePayload(ctx, await this.caseWorkflow.withdraw(ctx, id, reason));
  }
}
