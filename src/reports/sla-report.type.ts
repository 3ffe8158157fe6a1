import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Department } from '../access/roles';
import { DateScalar } from '../graphql/scalars';
import { PauseType } from '../sla/loop-standards';

@ObjectType()
export class DepartmentSlaRow {
  @Field(() => Department) department: Department;
  @Field(() => Int) opened: number;
  @Field(() => Int) resolved: number;
  @Field(() => Int) resolvedOnTime: number;
  @Field(() => Int) openOverdue: number;
  @Field(() => Int) openAtRisk: number;
  @Field(() => Float, { nullable: true, description: 'Median working days from acceptance to resolution, over resolved referrals.' })
  medianWorkingDays: number | null;
  @Field(() => Int, { description: 'Referrals acknowledged (受理) in the period whose acknowledgement clock ran.' }) acknowledged: number;
  @Field(() => Int, { description: 'Of those, acknowledged on or before their acknowledgeBy day.' }) acknowledgedOnTime: number;
  @Field(() => Float, { nullable: true, description: 'Median working days from the acknowledgement clock\'s start to the acknowledgement, over those acknowledged in the period.' })
  medianWorkingDaysToAcknowledge: number | null;
  @Field(() => Int, { description: 'Referrals not yet acknowledged whose acknowledgement is OVERDUE now.' }) openAcknowledgementOverdue: number;
  @Field(() => Int, { description: 'Referrals not yet acknowledged whose acknowledgement is AT_RISK now.' }) openAcknowledgementAtRisk: number;
}

@ObjectType({ description: "One township's cases in a report, counted as the report's case figures are." })
export class TownshipSlaRow {
  @Field() townshipCode: string;
  @Field(() => Int, { description: 'Cases accepted in the period.' }) opened: number;
  @Field(() => Int, { description: 'Cases closed in the period (a withdrawn case is not closed).' }) closed: number;
  @Field(() => Int, { description: 'Cases OPEN now whose clock is OVERDUE.' }) openOverdue: number;
  @Field(() => Int, { description: 'Cases OPEN now whose clock is AT_RISK.' }) openAtRisk: number;
}

@ObjectType()
export class SlaReport {
  @Field() regionCode: string;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field(() => Int) casesOpened: number;
  @Field(() => Int) casesClosed: number;
  @Field(() => Int) casesClosedOnTime: number;
  @Field(() => [DepartmentSlaRow]) rows: DepartmentSlaRow[];
  /** The last day the rollup held when the report was counted (not in the API): its townships are counted the same way. */
  rolledThrough?: string | null;
}

@ObjectType({ description: "A department's supervision notices (督办) in a report." })
export class NoticeSlaRow {
  @Field(() => Department) department: Department;
  @Field(() => Int, { description: 'County notices raised in the period: one per overdue acknowledgement or resolution.' }) raised: number;
  @Field(() => Int, { description: 'Notices of the period (any level) answered by their respondBy day.' }) answeredOnTime: number;
  @Field(() => Int, { description: 'Notices of the period that moved up a level.' }) escalated: number;
  @Field(() => Int, { description: 'Notices waiting for an answer now, whenever raised.' }) open: number;
}

@ObjectType({ description: 'Pauses of one type (暂停计时) in a report.' })
export class PauseSlaRow {
  @Field(() => PauseType) type: PauseType;
  @Field(() => Int, { description: 'Pauses begun in the period.' }) started: number;
  @Field(() => Int, { description: 'Pauses ended in the period.' }) ended: number;
  @Field(() => Int, { description: 'Of those, ended by their deadline (for 补正: materials recorded in time by the township).' }) endedInTime: number;
  @Field(() => Int, { description: 'Pauses running now past their deadline.' }) openOverdue: number;
}
