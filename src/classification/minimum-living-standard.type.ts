import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The 低保 (minimum living guarantee) standard that applies to one township: public policy data.' })
export class MinimumLivingStandard {
  @Field() townshipCode: string;
  @Field(() => Int, {
    description: 'The applicable 低保 standard, monthly per person, in fen: the urban one (城市低保) for a sub-district, the rural one (农村低保) for a town or township.',
  })
  monthlyFen: number;
  @Field({ description: 'True for a sub-district (街道, township code 001–099), whose urban standard applies.' })
  urban: boolean;
  @Field(() => Int, {
    description:
      "The 低保边缘 (low-income) line: monthlyFen times the region's multiplier, rounded to the fen. A per-capita income\nat or above monthlyFen and below this line is 低保边缘.",
  })
  lowIncomeMonthlyFen: number;
  @Field({ description: 'Where the figures come from (e.g. 山东省2024年平均标准).' })
  source: string;
}
