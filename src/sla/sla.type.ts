import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';
import { SlaState } from './sla.rules';

@ObjectType('Sla')
export class SlaType {
  @Field(() => SlaState) state: SlaState;
  @Field(() => DateScalar, { description: 'Due date: 15 working days after the acceptance date, plus paused working days.' })
  dueDate: string;
  @Field(() => Int) workingDaysUsed: number;
  @Field(() => Int) workingDaysLeft: number;
  @Field(() => Int, {
    description:
      'Working days during which the clock was paused waiting for supplementary materials: for each\npause, the working days d with requestDate < d <= provideDate (CST dates); a pause still open\ncounts up to today.',
  })
  pausedWorkingDays: number;
  @Field({ description: "True while the due date falls in a year whose official holiday calendar is not loaded; such a year counts Monday–Friday." })
  provisional: boolean;
}

@ObjectType('AcknowledgementSla', {
  description:
    'The acknowledgement clock (受理时限): once the referral is before its department (in a PULL department\'s queue from acceptance, with a PUSH department from its first delivery), the working days it has to acknowledge it.',
})
export class AcknowledgementSlaType {
  @Field(() => SlaState, { description: 'ON_TRACK, AT_RISK or OVERDUE while unacknowledged; MET or MISSED once acknowledged, or once the referral ended unacknowledged.' })
  state: SlaState;
  @Field(() => DateScalar) acknowledgeBy: string;
  @Field(() => DateScalar, { nullable: true }) acknowledgedOn: string | null;
  @Field(() => Int, { description: 'Working days from the start to the acknowledgement (or to today while unacknowledged).' }) workingDaysTaken: number;
  @Field(() => Int) workingDaysLeft: number;
  @Field({ description: 'True while acknowledgeBy falls in a year whose official holiday calendar is not loaded.' }) provisional: boolean;
}
