import { PauseType } from '../sla/loop-standards';
import { Field, InputType } from 'type-graphql';
import { Department } from '../access/roles';
import { SlaState } from '../sla/sla.rules';
import { ReferralStatus } from './referral-status';

@InputType()
export class ReferralFilter {
  @Field(() => Department, { nullable: true }) department?: Department | null;
  @Field(() => [ReferralStatus], { nullable: true }) status?: ReferralStatus[] | null;
  @Field(() => [SlaState], { nullable: true }) slaState?: SlaState[] | null;
  @Field(() => [SlaState], { nullable: true, description: 'The acknowledgement clock (受理时限) in one of these states; referrals without a started clock never match.' })
  acknowledgementState?: SlaState[] | null;
  @Field(() => [PauseType], { nullable: true, description: 'Referrals whose clock is paused now for one of these types.' })
  pauseType?: PauseType[] | null;
  @Field(() => [SlaState], { nullable: true, description: 'The running pause is ON_TRACK, AT_RISK or OVERDUE on its own maximum (e.g. 补正 materials not yet recorded); referrals not paused never match.' })
  pauseState?: SlaState[] | null;
  @Field(() => String, { nullable: true, description: 'Referrals of the cases this clerk owns (首问负责人).' }) ownedBy?: string | null;
  @Field(() => String, { nullable: true }) regionCode?: string | null;
}
