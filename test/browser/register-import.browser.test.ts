// 导入 in a real browser: civil affairs downloads the template, uploads a generated roll (GBK, as
// Excel saves CSV in China) through the file input, reads the preview row by row with its problems,
// downloads the error report, and cannot approve its own upload; a colleague signed in with their
// own token approves it and watches the commit reach 已导入. An XLSX roll is cancelled before
// approval, and a file that is not a roll says why it cannot be read.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { Department, Role } from '../../src/access/roles';
import { generateHouseholds, ROLL_HEADER, rollRows, toCsv } from '../support/rolls';
import { REGISTER_HOUSEHOLDS } from '../support/register-operations';
import {
  ConsoleHarness,
  describeInBrowser,
  expectNoSeriousA11yViolations,
  rowTexts,
  screenshot,
  setChecked,
  signInAs,
  startConsoleHarness,
} from './support/console-browser';
import { signInWithToken } from './support/register-seed';

const FILE = '寿光市低收入人口名册.csv';

jest.setTimeout(120_000);

describeInBrowser('导入: importing a roll into the register from the console', () => {
  let h: ConsoleHarness;
  let civil: string;
  // 400 households of 1–4 people (1,000 rows); two of them refused for a seeded error each.
  const households = generateHouseholds(400);
  const rows = rollRows(households);
  const rowOf = (household: number, member = -1) => 2 + households.slice(0, household).reduce((n, x) => n + 1 + x.members.length, 0) + (member + 1);
  const badChecksum = rowOf(10, 0);
  const badTier = rowOf(21);
  rows[badChecksum - 1][3] = rows[badChecksum - 1][3].slice(0, 17) + (rows[badChecksum - 1][3][17] === '0' ? '1' : '0');
  rows[badTier - 1][7] = '五保';
  const refusedRows = [10, 21].flatMap((i) => Array.from({ length: 1 + households[i].members.length }, (_, m) => rowOf(i, m - 1)));
  const createdRows = rows.length - 1 - refusedRows.length;

  beforeAll(async () => {
    h = await startConsoleHarness({ now: '2026-03-02T09:30:00+08:00' });
    civil = await h.env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS, 'civil-check');
  });
  afterAll(async () => h?.close());

  const registered = async () => (await h.env.gql(civil, REGISTER_HOUSEHOLDS, { first: 1 })).data.registerHouseholds.totalCount as number;
  const status = (page: Page) => page.getByTestId('import-status');

  async function chooseFile(page: Page, name: string, buffer: Buffer) {
    await page.locator('input[type="file"]').setInputFiles({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await expect(page.getByText(name, { exact: true })).toBeVisibleSoon();
  }

  async function uploadFromPage(page: Page) {
    await page.getByRole('button', { name: '上传并校验' }).click();
    await page.waitForURL(/\/console\/imports\/[0-9A-Za-z]+/);
  }

  it('uploads a GBK roll, previews its rows and problems, downloads the error report; the uploader cannot approve it', async () => {
    const page = await h.newPage();
    await signInAs(page, 'department-civil-affairs-370783');
    await page.getByRole('menuitem', { name: '导入' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '存量数据导入' })).toBeVisibleSoon();
    await expect(page.getByText('还没有导入过名册')).toBeVisibleSoon();

    // The template: the columns the hub reads, with an example household.
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载导入模板' }).click()]);
    const templateLines = readFileSync((await template.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(templateLines[0]).toBe(ROLL_HEADER.join(','));
    expect(templateLines).toHaveLength(3);

    await chooseFile(page, FILE, iconv.encode(toCsv(rows), 'gbk'));
    // A single Select's chosen value lies over its input: click the control, as a person does.
    await page.locator('.ant-select').filter({ has: page.getByLabel('文件编码') }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: /^GBK/ }).click();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'register-import-upload');
    await uploadFromPage(page);

    await expect(status(page).getByText('待审核')).toBeVisibleSoon(60_000);
    await expect(page.getByText('CSV（GB18030）')).toBeVisibleSoon();
    await expect(page.getByText(`新增 ${createdRows}`, { exact: true })).toBeVisibleSoon();
    await expect(page.getByText(`拒绝 ${refusedRows.length}`, { exact: true })).toBeVisibleSoon();
    await expect(page.getByText(`全部 ${rows.length - 1}`, { exact: true })).toBeVisibleSoon();
    // The first page of every row, in file order, names read back from GBK.
    await expect(page.getByText(`共 ${rows.length - 1} 条 · 第 1 / ${Math.ceil((rows.length - 1) / 50)} 页`)).toBeVisibleSoon();
    const head = households[0].head;
    expect((await rowTexts(page, 'import-rows'))[0].slice(0, 5)).toEqual(['2', '新增', head.name, `${head.idNumber.slice(0, 6)}********${head.idNumber.slice(14)}`, '低保']);

    // Only the refused rows, each with its problems by column.
    await setChecked(page.getByRole('radio', { name: `拒绝 ${refusedRows.length}` }));
    await expect(page.getByText(`共 ${refusedRows.length} 条 · 第 1 / 1 页`)).toBeVisibleSoon();
    expect(new URL(page.url()).searchParams.get('outcome')).toBe('REFUSED');
    const refused = await rowTexts(page, 'import-rows');
    expect(refused.map((r) => Number(r[0]))).toEqual(refusedRows);
    const problemOf = (row: number) => refused.find((r) => Number(r[0]) === row)![5];
    expect(problemOf(badChecksum)).toMatch(/^身份证号码：.*校验/);
    expect(problemOf(badTier)).toContain('类别：无法识别的类别“五保”');
    expect(problemOf(rowOf(10))).toContain(`同户第${badChecksum}行有错误`);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'register-import-preview');

    // The error report, fetched with the user's token and saved through a Blob link.
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载错误报告' }).click()]);
    expect(report.suggestedFilename()).toBe(`导入错误报告-${FILE}.csv`);
    const lines = readFileSync((await report.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('行号,列,处理结果,错误信息');
    expect(lines.filter((l) => l.startsWith(`${badTier},类别,拒绝,无法识别的类别“五保”`))).toHaveLength(1);
    expect([...new Set(lines.slice(1).map((l) => Number(l.split(',')[0])))]).toEqual(refusedRows);

    // The uploader asks to approve: the hub refuses, and the page says why.
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByRole('dialog', { name: '确认审核通过？' }).getByRole('button', { name: '审核通过' }).click();
    await expect(page.getByRole('alert').getByText('导入须由上传人以外的另一名工作人员审核确认。')).toBeVisibleSoon();
    await expect(status(page).getByText('待审核')).toBeVisibleSoon();
    expect(await registered()).toBe(0);
    expect(h.foreignRequests()).toEqual([]);
    expect(h.problems).toEqual([]);
  });

  it('is approved by a colleague signed in with their own token, and the commit runs to 已导入', async () => {
    const colleague = await h.env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS, 'civil-reviewer');
    const page = await h.newPage();
    await signInWithToken(page, colleague);
    await page.getByRole('menuitem', { name: '导入' }).click();
    await page.getByRole('link', { name: FILE }).click();
    await expect(status(page).getByText('待审核')).toBeVisibleSoon();
    await page.getByRole('button', { name: '审核通过' }).click();
    const confirm = page.getByRole('dialog', { name: '确认审核通过？' });
    await expect(confirm.getByText(`通过后将把 ${createdRows} 行（新增与更新的家庭）写入低收入人口库`)).toBeVisibleSoon();
    await confirm.getByRole('button', { name: '审核通过' }).click();
    await expect(page.getByText(`已审核通过，开始写入 ${FILE}`)).toBeVisibleSoon();

    // The page asks the hub again while it writes, until the import is committed.
    await expect(status(page).getByText('已导入')).toBeVisibleSoon(60_000);
    const progress = page.getByTestId('import-progress');
    await expect(progress.getByText(`已写入 ${createdRows} / ${createdRows} 行`)).toBeVisibleSoon();
    await expect(progress.getByText('全部写入低收入人口库')).toBeVisibleSoon();
    expect(await progress.getByRole('progressbar', { name: '写入进度' }).getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByRole('button', { name: '审核通过' }).count()).toBe(0);
    expect(await registered()).toBe(400 - 2);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'register-import-committed');

    await page.getByRole('link', { name: '返回导入批次列表' }).click();
    await expect(page.getByTestId('import-list').getByText('已导入', { exact: true })).toBeVisibleSoon();
    const [listed] = await rowTexts(page, 'import-list');
    // 文件, 状态, 数据行, 校验结果, 上传人, 上传时间, 审核人
    expect([listed[0], listed[1], listed[2], listed[3], listed[4], listed[6]]).toEqual([
      FILE,
      '已导入',
      String(rows.length - 1),
      `新增 ${createdRows} · 拒绝 ${refusedRows.length}`,
      'department-civil-affairs-370783',
      'civil-reviewer',
    ]);
    expect(h.problems).toEqual([]);
  });

  it('cancels an XLSX roll before approval, and says why a file that is not a roll cannot be read', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名册');
    for (const row of rollRows(generateHouseholds(3))) sheet.addRow(row);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());

    const page = await h.newPage();
    await signInAs(page, 'department-civil-affairs-370783');
    await page.goto('/console/imports');
    await chooseFile(page, '补充名册.xlsx', xlsx);
    await expect(page.getByText('Excel 文件无需选择编码')).toBeVisibleSoon();
    await uploadFromPage(page);
    await expect(status(page).getByText('待审核')).toBeVisibleSoon(60_000);
    await expect(page.getByText('新增 6', { exact: true })).toBeVisibleSoon();
    await page.getByRole('button', { name: '取消导入' }).click();
    await page.getByRole('dialog', { name: '确认取消本次导入？' }).getByRole('button', { name: '取消导入' }).click();
    await expect(status(page).getByText('已取消')).toBeVisibleSoon();
    expect(await page.getByRole('button', { name: '审核通过' }).count()).toBe(0);
    expect(await registered()).toBe(400 - 2);

    await page.goto('/console/imports');
    await chooseFile(page, '通讯录.csv', Buffer.from('姓名,电话\r\n张三,1\r\n'));
    await uploadFromPage(page);
    await expect(status(page).getByText('文件无法读取')).toBeVisibleSoon(60_000);
    await expect(page.getByText(/缺少列：户主姓名、户主身份证号码/)).toBeVisibleSoon();
    await expectNoSeriousA11yViolations(page);
    expect(h.problems).toEqual([]);
  });
});
