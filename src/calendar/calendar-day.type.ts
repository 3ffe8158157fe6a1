import { Field, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';

@ObjectType()
export class CalendarDay {
  @Field(() => DateScalar) date: string;
  @Field() workday: boolean;
  @Field(() => String, { nullable: true }) name: string | null;
}

@InputType()
export class CalendarDayInput {
  @Field(() => DateScalar) date: string;
  @Field() workday: boolean;
  @Field(() => String, { nullable: true }) name?: string | null;
}
