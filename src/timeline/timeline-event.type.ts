import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars';

@ObjectType('TimelineEvent')
export class TimelineEventType {
  @Field(() => DateTimeScalar) at: string;
  @Field({
    description:
      'e.g. CASE_ACCEPTED, REFERRAL_CREATED, REFERRAL_DELIVERED, REFERRAL_LEASE_EXPIRED, REFERRAL_ACKNOWLEDGED, SUPPLEMENT_REQUESTED, SUPPLEMENT_PROVIDED, MATERIALS_PROVIDED, REFERRAL_RESOLVED, REFERRAL_CANCELLED, REFERRAL_DELIVERY_FAILED, REFERRAL_DELIVERY_RETRIED, SLA_AT_RISK, SLA_OVERDUE, ACKNOWLEDGEMENT_AT_RISK, ACKNOWLEDGEMENT_OVERDUE, REFERRAL_PAUSED, REFERRAL_RESUMED, PAUSE_AT_RISK, PAUSE_OVERDUE, SUPERVISION_RAISED, SUPERVISION_ANSWERED, SUPERVISION_ESCALATED, SUPERVISION_CLOSED, CASE_CLOSED, CASE_WITHDRAWN, CASE_OWNER_TRANSFERRED',
  })
  type: string;
  @Field({ description: 'Who did it: a user id, a department, or SYSTEM.' }) actor: string;
  @Field(() => String, { nullable: true }) note: string | null;
}
