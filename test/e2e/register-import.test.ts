import { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment } from '../support/environment';
import { describeDb } from '../support/test-database';
import { eventually } from '../support/eventually';
import { freshIdNumber } from '../support/people';
import { generateHouseholds, rollRows, toCsv } from '../support/rolls';
import { REGISTER_HOUSEHOLDS, expectCountsAgree } from '../support/register-operations';

const IMPORT = `query Import($id: ID!) { registerImport(id: $id) { id status format encoding totalRows createRows updateRows unchangedRows conflictRows refusedRows
  uploadedBy approvedBy failure progress { rowsDone rowsTotal secondsLeft } } }`;
const ROWS = `query Rows($id: ID!, $outcomes: [ImportRowOutcome!]) { registerImportRows(importId: $id, outcomes: $outcomes, first: 100) { rowNo outcome name idNumberMasked problems { column message } } }`;
const APPROVE = `mutation Approve($id: ID!) { approveRegisterImport(id: $id) { import { id status approvedBy } userErrors { code field message } } }`;
const CANCEL = `mutation Cancel($id: ID!) { cancelRegisterImport(id: $id) { import { id status } userErrors { code field message } } }`;

describeDb('importing a county\'s roll into the low-income register', () => {
  let env: TestEnvironment;
  let uploader: string;
  let approver: string;
  let base: string;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-03-02T09:30:00+08:00' });
    uploader = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS, 'civil-a');
    approver = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS, 'civil-b');
    base = `http://127.0.0.1:${(env.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    // Whatever the file did to the register, the writer's counts followed it.
    await expectCountsAgree(env.running.services.uow.dataSource);
    await env.close();
  });

  async function upload(body: Buffer | string, fileName: string, token: string | null = uploader, encoding?: string) {
    const query = new URLSearchParams({ fileName, ...(encoding ? { encoding } : {}) });
    const res = await fetch(`${base}/register/imports?${query}`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: (await res.json()) as any };
  }

  async function settled(id: string) {
    return eventually(
      async () => {
        const imp = (await env.gql(uploader, IMPORT, { id })).data.registerImport;
        return ['PREVIEW', 'COMMITTED', 'FAILED', 'CANCELLED'].includes(imp.status) ? imp : null;
      },
      { timeout: 60_000, interval: 100, what: `import ${id} to settle` },
    );
  }

  async function importAndCommit(body: Buffer | string, fileName: string, encoding?: string) {
    const up = await upload(body, fileName, uploader, encoding);
    expect(up.status).toBe(201);
    const preview = await settled(up.body.import.id);
    expect(preview.status).toBe('PREVIEW');
    const approved = await env.gql(approver, APPROVE, { id: preview.id });
    expect(approved.data.approveRegisterImport.userErrors).toEqual([]);
    const done = await settled(preview.id);
    expect(done.status).toBe('COMMITTED');
    return { preview, done };
  }

  it('validates every row of a 10,000-row roll, previews it, and commits it once a second person approves', async () => {
    const households = generateHouseholds(4000);
    const rows = rollRows(households);
    expect(rows.length - 1).toBe(10_000);
    // Seeded errors (row numbers as a spreadsheet shows them: the header is row 1).
    const rowOf = (householdIndex: number, member = -1) => {
      let n = 1;
      for (let i = 0; i < householdIndex; i++) n += 1 + households[i].members.length;
      return n + 1 + (member + 1);
    };
    const badChecksum = rowOf(10, 0); // a member's number with a wrong check digit
    rows[badChecksum - 1][3] = rows[badChecksum - 1][3].slice(0, 17) + (rows[badChecksum - 1][3][17] === '0' ? '1' : '0');
    const badTier = rowOf(21); // a head's tier nobody uses
    rows[badTier - 1][7] = '五保';
    const badDate = rowOf(33); // 2025-02-30
    rows[badDate - 1][8] = '2025-02-30';
    const twoHouseholds = rowOf(45, 0); // household 45's spouse is also household 46's spouse
    const elsewhere = rowOf(46, 0);
    rows[elsewhere - 1][3] = rows[twoHouseholds - 1][3];
    const outside = rowOf(57); // a township outside the uploader's county
    rows[outside - 1][5] = '370784001';
    const refusedHouseholds = [10, 21, 33, 45, 46, 57];
    const refusedRows = refusedHouseholds.reduce((n, i) => n + 1 + households[i].members.length, 0);

    const up = await upload(toCsv(rows), '寿光市低收入人口名册.csv');
    expect(up.status).toBe(201);
    expect(up.body.import).toMatchObject({ status: 'VALIDATING', format: 'CSV', encoding: 'UTF-8' });
    const preview = await settled(up.body.import.id);
    expect(preview).toMatchObject({ status: 'PREVIEW', totalRows: 10_000, createRows: 10_000 - refusedRows, updateRows: 0, unchangedRows: 0, conflictRows: 0, refusedRows, progress: null });

    const refused = (await env.gql(uploader, ROWS, { id: preview.id, outcomes: ['REFUSED'] })).data.registerImportRows;
    const problemAt = (row: number) => refused.find((r: any) => r.rowNo === row)?.problems ?? [];
    expect(problemAt(badChecksum)).toEqual([{ column: '身份证号码', message: expect.stringContaining('校验') }]);
    expect(problemAt(badTier)[0]).toMatchObject({ column: '类别', message: expect.stringContaining('五保') });
    expect(problemAt(badDate)[0]).toMatchObject({ column: '认定日期' });
    expect(problemAt(twoHouseholds)[0].message).toContain(`另一户中（第${elsewhere}行）`);
    expect(problemAt(outside)[0]).toMatchObject({ column: '乡镇（街道）代码', message: expect.stringContaining('不在导入人的辖区') });
    expect(problemAt(rowOf(10))[0].message).toContain(`同户第${badChecksum}行有错误`);

    // The error report: every refused row, with its column and message, in Chinese.
    const report = await fetch(`${base}/register/imports/${preview.id}/report.csv`, { headers: { authorization: `Bearer ${uploader}` } });
    expect(report.status).toBe(200);
    const lines = (await report.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('行号,列,处理结果,错误信息');
    expect(lines.filter((l) => l.startsWith(`${badTier},类别,拒绝,`))).toHaveLength(1);
    expect(new Set(lines.slice(1).map((l) => Number(l.split(',')[0]))).size).toBe(refusedRows);

    // Nothing reaches the register before approval; the uploader cannot approve.
    expect((await env.rowCounts()).register_households).toBe(0);
    const self = await env.gql(uploader, APPROVE, { id: preview.id });
    expect(self.data.approveRegisterImport.userErrors).toEqual([expect.objectContaining({ code: 'SAME_PERSON', field: ['id'] })]);

    const approved = await env.gql(approver, APPROVE, { id: preview.id });
    expect(approved.data.approveRegisterImport).toMatchObject({ import: { status: expect.stringMatching(/APPROVED|COMMITTED/), approvedBy: 'civil-b' }, userErrors: [] });
    const done = await settled(preview.id);
    expect(done).toMatchObject({ status: 'COMMITTED', progress: { rowsDone: 10_000 - refusedRows, rowsTotal: 10_000 - refusedRows, secondsLeft: 0 } });
    let counts = await env.rowCounts();
    expect(counts.register_households).toBe(4000 - refusedHouseholds.length);
    expect(counts.register_members).toBe(10_000 - refusedRows);
    expect(counts.register_tiers).toBe(4000 - refusedHouseholds.length);

    const found = await env.gql(approver, REGISTER_HOUSEHOLDS, { filter: { idNumber: households[0].head.idNumber } });
    expect(found.data.registerHouseholds.edges[0].node).toMatchObject({ headName: households[0].head.name, tier: 'MINIMUM_LIVING', tierSince: '2025-07-01', nextReviewDate: '2026-07-01' });

    // The same file again: every valid row is UNCHANGED, and committing it writes nothing.
    counts = await env.rowCounts();
    const again = await importAndCommit(toCsv(rows), '寿光市低收入人口名册.csv');
    expect(again.preview).toMatchObject({ createRows: 0, updateRows: 0, unchangedRows: 10_000 - refusedRows, refusedRows });
    const after = await env.rowCounts();
    for (const table of ['register_households', 'register_members', 'register_tiers', 'access_log']) expect(after[table]).toBe(counts[table]);
  }, 300_000);

  it('reads a GBK-encoded CSV, detected or declared, and an XLSX file', async () => {
    const [gbkHousehold, declaredHousehold] = generateHouseholds(2).map((h, i) => ({ ...h, head: { ...h.head, name: i ? '欧阳娜' : '诸葛明' } }));
    const gbk = iconv.encode(toCsv(rollRows([gbkHousehold])), 'gbk');
    const detected = await importAndCommit(gbk, 'gbk名册.csv');
    expect(detected.preview).toMatchObject({ encoding: 'GB18030', createRows: 1 });
    const declared = await importAndCommit(iconv.encode(toCsv(rollRows([declaredHousehold])), 'gbk'), 'declared.csv', 'GBK');
    expect(declared.preview).toMatchObject({ encoding: 'GB18030', createRows: declaredHousehold.members.length + 1 });
    const h = (await env.gql(approver, REGISTER_HOUSEHOLDS, { filter: { idNumber: gbkHousehold.head.idNumber } })).data.registerHouseholds.edges[0].node;
    expect(h.headName).toBe('诸葛明');

    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名册');
    const [xlsxHousehold] = generateHouseholds(4).slice(3);
    for (const row of rollRows([xlsxHousehold])) sheet.addRow(row);
    const xlsx = await importAndCommit(Buffer.from(await workbook.xlsx.writeBuffer()), '名册.xlsx');
    expect(xlsx.preview).toMatchObject({ format: 'XLSX', encoding: null, createRows: 4, refusedRows: 0 });
    const x = (await env.gql(approver, REGISTER_HOUSEHOLDS, { filter: { idNumber: xlsxHousehold.members[2].idNumber } })).data.registerHouseholds.edges[0].node;
    expect(x).toMatchObject({ headName: xlsxHousehold.head.name, memberCount: 4 });
  }, 120_000);

  it('marks a person already in another household of the register as a conflict, and cancels before approval', async () => {
    const [first] = generateHouseholds(2).slice(1);
    await importAndCommit(toCsv(rollRows([first])), 'first.csv');
    const moved = { head: { name: '孙立', idNumber: freshIdNumber('19650101') }, members: [{ ...first.members[0], relation: '配偶' }], tier: '低保', effectiveFrom: '2025-08-01', amount: '' };
    const up = await upload(toCsv(rollRows([moved])), 'second.csv');
    const preview = await settled(up.body.import.id);
    expect(preview).toMatchObject({ conflictRows: 2, createRows: 0 });
    const rows = (await env.gql(uploader, ROWS, { id: preview.id, outcomes: ['CONFLICT'] })).data.registerImportRows;
    expect(rows.find((r: any) => r.rowNo === 3).problems[0].message).toContain(`户主${first.head.name}`);

    const cancelled = await env.gql(approver, CANCEL, { id: preview.id });
    expect(cancelled.data.cancelRegisterImport.import.status).toBe('CANCELLED');
    const late = await env.gql(approver, APPROVE, { id: preview.id });
    expect(late.data.approveRegisterImport.userErrors[0].code).toBe('NOT_IN_PREVIEW');
  }, 60_000);

  it('refuses uploads from callers who do not write the register, and files that are not rolls', async () => {
    const clerk = await env.token(Role.CLERK, '370783104');
    const medical = await env.token(Role.DEPARTMENT, '370783', Department.MEDICAL);
    expect((await upload('x', 'a.csv', null)).status).toBe(401);
    expect((await upload('x', 'a.csv', clerk)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await upload('x', 'a.csv', medical)).status).toBe(403);
    expect((await upload('x', '')).body.errors[0].message).toContain('fileName');

    const noHeader = await upload('姓名,电话\r\n张三,1\r\n', 'wrong.csv');
    const failed = await settled(noHeader.body.import.id);
    expect(failed).toMatchObject({ status: 'FAILED', failure: expect.stringContaining('缺少列：户主姓名、户主身份证号码') });
    const latin = await upload(Buffer.from([0x80, 0x81, 0xfe, 0xff, 0x00, 0x41]), 'binary.csv', uploader, 'latin1');
    expect(latin.body.import).toMatchObject({ status: 'FAILED', failure: expect.stringContaining('不支持的文件编码') });
  });
});
