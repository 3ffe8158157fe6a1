import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { SignedIn } from '../access/authorization';
import { RequestContext } from '../common/request-context';
import { MinimumLivingStandard } from './minimum-living-standard.type';
import { StandardsService } from './standards.service';

@Resolver()
export class StandardsResolver {
  constructor(private readonly standards: StandardsService) {}

  @SignedIn()
  @Query(() => MinimumLivingStandard, {
    description:
      'The 低保 standard and 低保边缘 line that classification applies to a township (9-digit code), so a form can compare\nper-capita income with them as it is typed. Any signed-in caller.',
  })
  minimumLivingStandard(@Ctx() ctx: RequestContext, @Arg('townshipCode') townshipCode: string): MinimumLivingStandard {
    return this.standards.minimumLivingStandard(ctx, townshipCode);
  }
}
