import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';
import { RegisterTier } from './tiers';

@InputType()
export class RegisterFilter {
  @Field(() => String, { nullable: true, description: 'Administrative-division code prefix: a township (9 digits), county (6), city (4) or province (2).' })
  regionCode?: string | null;
  @Field(() => [RegisterTier], { nullable: true, description: 'Households whose current tier is one of these.' })
  tier?: RegisterTier[] | null;
  @Field(() => DateScalar, { nullable: true, description: 'Households whose next review falls on or before this date.' })
  reviewDueBy?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The household a resident is a current member of, by identity number (18 characters).\nLooked up through the keyed blind index; every such search is written to the access log.",
  })
  idNumber?: string | null;
}
