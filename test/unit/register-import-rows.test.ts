import iconv from 'iconv-lite';
import { checkRow, parseDate, yuanToFen } from '../../src/register/import/import-rows';
import { csvEncoding, UnreadableRoll } from '../../src/register/import/import-reader';
import { templateCsv, TEMPLATE_COLUMNS } from '../../src/register/import/import-template';
import { columnsOf } from '../../src/register/import/import-validation';

const HEAD = { headName: '王秀英', headIdNumber: '370783197803120028', name: '王秀英', idNumber: '370783197803120028', relation: '户主', townshipCode: '370783104', tier: '低保', effectiveFrom: '2025/7/1', monthlyAmount: '450.5' };

describe('one row of an imported roll', () => {
  it('reads a head row in the template\'s words', () => {
    const { row, problems } = checkRow(HEAD, '2026-03-02');
    expect(problems).toEqual([]);
    expect(row).toMatchObject({ relation: 'SELF', tier: 'MINIMUM_LIVING', effectiveFrom: '2025-07-01', monthlyAmountFen: 45_050, townshipCode: '370783104' });
  });

  it('reports every problem of a row with its column, in Chinese', () => {
    const { row, problems } = checkRow({ ...HEAD, idNumber: '370783197803120029', tier: '五保', effectiveFrom: '2025-02-30', monthlyAmount: '-3', relation: '' }, '2026-03-02');
    expect(row).toBeNull();
    expect(problems.map((p) => p.column)).toEqual(['身份证号码', '与户主关系', '类别', '认定日期', '保障金额']);
  });

  it('requires the household\'s columns on the head\'s row only', () => {
    const member = { headName: '王秀英', headIdNumber: '370783197803120028', name: '李强', idNumber: '370783197605200019', relation: '配偶' };
    expect(checkRow(member, '2026-03-02').problems).toEqual([]);
    expect(checkRow({ ...HEAD, townshipCode: '', tier: '' }, '2026-03-02').problems.map((p) => p.column)).toEqual(['乡镇（街道）代码', '类别']);
  });

  it('parses the dates and amounts spreadsheets export', () => {
    expect(parseDate('2025年7月1日')).toBe('2025-07-01');
    expect(parseDate('2025.07.01')).toBe('2025-07-01');
    expect(parseDate('2025-13-01')).toBeNull();
    expect(yuanToFen('1,200.5')).toBe(120_050);
    expect(yuanToFen('0.123')).toBeNull();
  });
});

describe('the template and the file\'s encoding', () => {
  it('finds the template\'s columns in its own header, full- or half-width brackets alike', () => {
    const header = templateCsv().replace(/^\uFEFF/, '').split('\r\n')[0].split(',');
    expect(columnsOf(header).size).toBe(TEMPLATE_COLUMNS.length);
    expect(columnsOf(header.map((h) => h.replace('（', '(').replace('）', ')'))).size).toBe(TEMPLATE_COLUMNS.length);
    expect(() => columnsOf(['姓名'])).toThrow(UnreadableRoll);
  });

  it('tells UTF-8 from GBK, and refuses what it cannot name', () => {
    const text = templateCsv().repeat(50);
    expect(csvEncoding(Buffer.from(text), null)).toBe('UTF-8');
    expect(csvEncoding(iconv.encode(text, 'gbk'), null)).toBe('GB18030');
    expect(csvEncoding(Buffer.from('x'), 'gbk')).toBe('GB18030');
    expect(() => csvEncoding(Buffer.from('x'), 'latin1')).toThrow('不支持的文件编码');
  });
});
