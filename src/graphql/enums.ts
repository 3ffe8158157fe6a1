import { registerEnumType } from 'type-graphql';
import { Department } from '../access/roles';
import { AssistanceCategory } from '../classification/categories';
import { AcceptanceMode, IntakeChannel, Relation, SchoolStage } from '../intake/intake.enums';
import { CaseStatus } from '../cases/case-status';
import { Decision, ReferralStatus } from '../referrals/referral-status';
import { SlaState } from '../sla/sla.rules';

registerEnumType(Department, {
  name: 'Department',
  description: 'The seven handling departments. CIVIL_AFFAIRS is the civil-affairs bureau itself (低保/特困/临时救助).',
});
registerEnumType(AssistanceCategory, { name: 'AssistanceCategory', description: 'Assistance categories (分层分类). Each maps to exactly one department.' });
registerEnumType(AcceptanceMode, { name: 'AcceptanceMode' });
registerEnumType(IntakeChannel, { name: 'IntakeChannel' });
registerEnumType(Relation, { name: 'Relation' });
registerEnumType(SchoolStage, { name: 'SchoolStage' });
registerEnumType(CaseStatus, { name: 'CaseStatus' });
registerEnumType(ReferralStatus, { name: 'ReferralStatus' });
registerEnumType(Decision, { name: 'Decision' });
registerEnumType(SlaState, { name: 'SlaState' });
