import { Field, InputType } from 'type-graphql';
import { Department } from '../access/roles';
import { DateScalar } from '../graphql/scalars';
import { SlaState } from '../sla/sla.rules';
import { CaseStatus } from './case-status';

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
  @Field(() => String, {
    nullable: true,
    description:
      "Cases of a resident: the applicant's or any household member's identity number (18 characters).\nLooked up through the keyed blind index; every such search is written to the access log.",
  })
  idNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'Receipt numbers (caseNo) starting with these digits.' })
  caseNoPrefix?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Applicants whose name starts with this (e.g. the surname). Only within one township: give a 9-digit regionCode unless\nthe caller's own region is a township.",
  })
  applicantName?: string | null;
  @Field(() => Department, {
    nullable: true,
    description: 'Cases with at least one referral to this department, whatever its status (a withdrawn case\'s cancelled ones too).',
  })
  department?: Department | null;
  @Field(() => String, {
    nullable: true,
    description: "Cases this clerk owns (Case.owner, a user id): e.g. the caller's own open cases with status [OPEN].",
  })
  ownedBy?: string | null;
}
