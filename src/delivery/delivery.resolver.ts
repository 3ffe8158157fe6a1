import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Allow } from '../access/authorization';
import { Role } from '../access/roles';
import { RequestContext } from '../common/request-context';
import { freshLoaders } from '../graphql/loaders';
import { ReferralPayload } from '../referrals/referral.type';
import { ReferralQueryService } from '../referrals/referral-query.service';
import { DeliveryService } from './delivery.service';

@ObjectType({ description: 'How a department receives its referrals (ADMIN). Never shows a credential.' })
export class Partner {
  @Field(() => String, { description: 'The Department.' }) department: string;
  @Field(() => String, { description: 'PULL (its system claims referrals) or PUSH (the hub calls its system).' }) mode: string;
  @Field(() => String, { nullable: true, description: 'PUSH: the protocol spoken, e.g. webhook.' }) protocol: string | null;
  @Field(() => String, { nullable: true, description: "PUSH: the host of the partner system's endpoint." }) endpointHost: string | null;
  @Field(() => String, { nullable: true, description: "PUSH: this hub process's circuit breaker for it: CLOSED, OPEN or HALF_OPEN." }) circuitState: string | null;
  @Field(() => Int, { description: 'Deliveries waiting to be sent or retried.' }) outboxDepth: number;
  @Field(() => Int, { description: 'Deliveries given up (DELIVERY_FAILED until someone retries them).' }) failedDeliveries: number;
}

@Resolver()
export class DeliveryResolver {
  constructor(
    private readonly delivery: DeliveryService,
    private readonly referralQueries: ReferralQueryService,
  ) {}

  @Allow(Role.ADMIN)
  @Query(() => [Partner], { description: 'Every department and how it receives referrals (ADMIN).' })
  partners(@Ctx() ctx: RequestContext) {
    return this.delivery.overview(ctx);
  }

  @Allow(Role.ADMIN, Role.CLERK)
  @Mutation(() => ReferralPayload, { description: 'Puts a DELIVERY_FAILED referral back in the delivery queue with a fresh retry budget (ADMIN, or a CLERK of the region).' })
  async retryDelivery(@Ctx() ctx: RequestContext, @Arg('referralId', () => ID) referralId: string) {
    const result = await this.delivery.retry(ctx, referralId);
    freshLoaders(ctx);
    const referral = result.value ? await this.referralQueries.byId(ctx, result.value) : null;
    return { referral, userErrors: result.userErrors };
  }
}
