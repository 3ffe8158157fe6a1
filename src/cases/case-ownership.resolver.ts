import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Allow } from '../access/authorization';
import { Role } from '../access/roles';
import { RequestContext } from '../common/request-context';
import { CaseWorkflowService } from './case-workflow.service';
import { CasePayload } from './case.type';
import { casePayload } from './case-payload';

/** 首问负责: handing a case to another clerk. Who owns a case is Case.owner; a clerk's own cases are cases(filter: { ownedBy }). */
@Resolver()
export class CaseOwnershipResolver {
  constructor(private readonly caseWorkflow: CaseWorkflowService) {}

  // Row scope as for the window's other case commands: a case outside the caller's region answers
  // like an unknown one (access/scope.ts).
  @Allow(Role.CLERK, Role.ADMIN)
  @Mutation(() => CasePayload, {
    description:
      'Hands an OPEN case to another clerk (首问负责人转交), who owns it from then on. `to` is that clerk\'s user id\n(1–100 characters, not the current owner); `reason` (1–500 characters) goes on the timeline as CASE_OWNER_TRANSFERRED.',
  })
  async transferCaseOwnership(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('to') to: string,
    @Arg('reason') reason: string,
  ): Promise<CasePayload> {
    return casePayload(ctx, await this.caseWorkflow.transferOwnership(ctx, id, to, reason));
  }
}
