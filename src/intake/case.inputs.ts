import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';
import { SlaState } from '../sla/sla.rules';
import { CaseStatus } from './intake.enums';

@InputType()
export class CaseFilter {
  @Field(() => [CaseStatus], { nullable: true }) status?: CaseStatus[] | null;
  @Field(() => [SlaState], { nullable: true }) slaState?: SlaState[] | null;
  @Field(() => String, {
    nullable: true,
    description: 'Administrative-division code prefix: a township (9 digits), county (6), city (4) or province (2).',
  })
  regionCode?: string | null;
  @Field(() => DateScalar, { nullable: true }) acceptedFrom?: string | null;
  @Field(() => DateScalar, { nullable: true }) acceptedTo?: string | null;
}
