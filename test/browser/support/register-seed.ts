// Seeding the low-income register for the browser tests through the hub's own doors: a roll
// uploaded over HTTP (POST /register/imports, as test/e2e/register-import.test.ts does) and approved
// by a second civil-affairs user; a household entered by decision is test/support/register-decision.ts.
import type { Page } from 'playwright-core';
import { eventually } from '../../support/eventually';
import { rollRows, toCsv, type RollHousehold } from '../../support/rolls';
import type { ConsoleHarness } from './console-browser';

export const IMPORT_STATE = `query ImportState($id: ID!) { registerImport(id: $id) { id status totalRows createRows refusedRows conflictRows failure } }`;
const APPROVE = `mutation Approve($id: ID!) { approveRegisterImport(id: $id) { import { status } userErrors { code message } } }`;
const SETTLED = ['PREVIEW', 'COMMITTED', 'FAILED', 'CANCELLED'];

/** Uploads a file as `token`'s user; the new import's id. */
export async function uploadRoll(h: ConsoleHarness, token: string, body: string, fileName: string): Promise<string> {
  const res = await fetch(`${h.origin}/register/imports?${new URLSearchParams({ fileName })}`, { method: 'POST', body, headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 201) throw new Error(`upload of ${fileName} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { import: { id: string } }).import.id;
}

/** The import once the hub has stopped working on it (PREVIEW, COMMITTED, FAILED or CANCELLED). */
export async function settledImport(h: ConsoleHarness, token: string, id: string) {
  return eventually(
    async () => {
      const imp = (await h.env.gql(token, IMPORT_STATE, { id })).data.registerImport;
      return SETTLED.includes(imp.status) ? imp : null;
    },
    { timeout: 60_000, interval: 100, what: `import ${id} to settle` },
  );
}

/** Households into the register by an approved import: uploaded by one user, approved by another. */
export async function importHouseholds(h: ConsoleHarness, uploader: string, approver: string, households: RollHousehold[], edit?: (rows: string[][]) => void): Promise<void> {
  const rows = rollRows(households);
  edit?.(rows);
  const id = await uploadRoll(h, uploader, toCsv(rows), 'seed.csv');
  const preview = await settledImport(h, uploader, id);
  if (preview.status !== 'PREVIEW' || preview.refusedRows + preview.conflictRows > 0) throw new Error(`seed roll not clean: ${JSON.stringify(preview)}`);
  const approved = await h.env.gql(approver, APPROVE, { id });
  if (approved.data.approveRegisterImport.userErrors.length) throw new Error(JSON.stringify(approved.data.approveRegisterImport.userErrors));
  const done = await settledImport(h, uploader, id);
  if (done.status !== 'COMMITTED') throw new Error(`seed roll not committed: ${done.status}`);
}

/** Signs in by pasting a token, as a user of the deployment's identity provider does. */
export async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.goto('/console/sign-in');
  await page.getByLabel('访问令牌').fill(token);
  await page.getByRole('button', { name: /^登\s*录$/ }).last().click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}
