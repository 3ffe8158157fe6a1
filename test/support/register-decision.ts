import { Department } from '../../src/access/roles';
import { TestEnvironment } from './environment';
import { application } from './applications';
import { ACK, CLAIM, RESOLVE, SUBMIT } from './operations';

/**
 * Submits an application as `clerk` and has civil affairs (`civil`) approve its referral of
 * `category`: the way a household enters the register by decision. Returns the case.
 */
export async function approvedCase(env: TestEnvironment, clerk: string, civil: string, overrides: Record<string, unknown>, category: string, amountFen: number | null) {
  const submitted = await env.gql(clerk, SUBMIT, { input: application(overrides) });
  if (submitted.data.submitApplication.userErrors.length) throw new Error(JSON.stringify(submitted.data.submitApplication.userErrors));
  const c = submitted.data.submitApplication.case;
  const ref = c.referrals.find((r: any) => r.category === category);
  await env.gql(civil, CLAIM, { department: Department.CIVIL_AFFAIRS, limit: 100 });
  const acked = await env.gql(civil, ACK, { id: ref.id });
  if (acked.data.acknowledgeReferral.userErrors.length) throw new Error(JSON.stringify(acked.data.acknowledgeReferral.userErrors));
  const resolved = await env.gql(civil, RESOLVE, { id: ref.id, decision: 'APPROVED', amountFen, note: '经入户调查属实' });
  if (resolved.data.resolveReferral.userErrors.length) throw new Error(JSON.stringify(resolved.data.resolveReferral.userErrors));
  return c;
}
