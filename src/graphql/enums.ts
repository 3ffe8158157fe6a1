import { registerEnumType } from 'type-graphql';
import { Department } from '../access/roles';
import { AssistanceCategory } from '../classification/categories';
import { AcceptanceMode, IntakeChannel, Relation, SchoolStage } from '../intake/intake.enums';
import { CaseStatus } from '../cases/case-status';
import { Decision, ReferralStatus } from '../referrals/referral-status';
import { SlaState } from '../sla/sla.rules';
import { PauseType } from '../sla/loop-standards';

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
registerEnumType(PauseType, { name: 'PauseType', description: 'Why a referral\'s clock is paused: MATERIALS (补正), PUBLIC_NOTICE (公示), HOUSEHOLD_VISIT (入户调查), FINANCIAL_CHECK (经济状况核对), ASSESSMENT (评估).' });
