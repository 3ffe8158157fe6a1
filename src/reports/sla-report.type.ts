import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Department } from '../access/roles';
import { DateScalar } from '../graphql/scalars';

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
}
