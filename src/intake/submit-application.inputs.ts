import { Field, InputType, Int } from 'type-graphql';
import { AssistanceCategory } from '../classification/categories';
import { AcceptanceMode, IntakeChannel, Relation, SchoolStage } from './intake.enums';

@InputType()
export class PersonInput {
  @Field() name: string;
  @Field({ description: '18-character resident identity number; the check digit is verified.' }) idNumber: string;
  @Field(() => String, { nullable: true }) phone?: string | null;
}

@InputType()
export class HouseholdMemberInput {
  @Field(() => PersonInput) person: PersonInput;
  @Field(() => Relation) relation: Relation;
  @Field(() => Int, { defaultValue: 0 }) monthlyIncomeFen: number;
  @Field(() => SchoolStage, { nullable: true }) schoolStage?: SchoolStage | null;
  @Field({ defaultValue: false }) laborCapable: boolean;
  @Field({ defaultValue: false }) employed: boolean;
  @Field({ defaultValue: false }) disabled: boolean;
  @Field({ defaultValue: false }) seriouslyIll: boolean;
}

@InputType()
export class HardshipInput {
  @Field(() => Int, { defaultValue: 0, description: 'Out-of-pocket medical expenses in the last 12 months, in fen.' })
  medicalExpenseFen: number;
  @Field({ defaultValue: false, description: 'The dwelling is rated dangerous (C/D) or the household has none.' })
  unsafeHousing: boolean;
  @Field({ defaultValue: false, description: 'A legal dispute the household cannot afford to pursue (wages, injury, support).' })
  legalDispute: boolean;
  @Field({ defaultValue: false, description: 'A sudden emergency (fire, accident, disaster) threatens basic living.' })
  emergency: boolean;
  @Field({ defaultValue: false, description: 'No labour capacity, no income, and no one obliged and able to support them (三无).' })
  noSupport: boolean;
  @Field(() => Int, { defaultValue: 0, description: 'Household financial assets in fen.' })
  financialAssetsFen: number;
}

@InputType()
export class SubmitApplicationInput {
  @Field({ description: 'Client-chosen key; resubmitting with the same key returns the first case and writes nothing.' })
  idempotencyKey: string;
  @Field() townshipCode: string;
  @Field(() => PersonInput) applicant: PersonInput;
  @Field(() => [HouseholdMemberInput], {
    defaultValue: [],
    description: 'Everyone else who lives in the household; the applicant is counted as SELF.',
  })
  household: HouseholdMemberInput[];
  @Field(() => Int, { defaultValue: 0 }) applicantMonthlyIncomeFen: number;
  @Field(() => HardshipInput, { defaultValue: {} }) hardship: HardshipInput;
  @Field(() => [AssistanceCategory], {
    nullable: true,
    description: 'Categories the clerk asks for. When omitted the hub derives them from the household and hardship.',
  })
  categories?: AssistanceCategory[] | null;
  @Field(() => AcceptanceMode, { defaultValue: AcceptanceMode.STANDARD }) mode: AcceptanceMode;
  @Field(() => IntakeChannel, { defaultValue: IntakeChannel.WINDOW }) channel: IntakeChannel;
  @Field(() => [String], { nullable: true, description: 'Required when mode is TOLERANT.' })
  missingMaterials?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'Required when mode is EMERGENCY: amount paid out at once.' })
  emergencyAdvanceFen?: number | null;
  @Field(() => String, { nullable: true, description: "村（社区）: the village or residents' community the household lives in, as the application writes it (1–30 characters); the public notice (公示) names it." })
  village?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}
