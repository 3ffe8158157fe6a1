import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import chardet from 'chardet';
import ExcelJS from 'exceljs';

// Reads an uploaded roll row by row from its file on disk, never the whole file in memory: a CSV
// through csv-parse (decoded from GB18030 by iconv-lite when it is not UTF-8), an XLSX through
// ExcelJS's streaming reader (its first worksheet). Every cell comes out as trimmed text.

export type RollFormat = 'CSV' | 'XLSX';
export type RollEncoding = 'UTF-8' | 'GB18030';

export interface RollRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  rowNo: number;
  cells: string[];
}

/** Thrown when the file cannot be read as a roll at all; the message is for people, in Chinese. */
export class UnreadableRoll extends Error {}

const SAMPLE_BYTES = 64 * 1024;

/** XLSX files are ZIP archives: they start with "PK\x03\x04". */
export async function sniffFormat(path: string): Promise<{ format: RollFormat; sample: Buffer }> {
  const file = await open(path, 'r');
  try {
    const sample = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await file.read(sample, 0, SAMPLE_BYTES, 0);
    const head = sample.subarray(0, bytesRead);
    return { format: head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ? 'XLSX' : 'CSV', sample: head };
  } finally {
    await file.close();
  }
}

/**
 * The encoding of a CSV: as declared (UTF-8, GBK or GB18030; GBK is read as GB18030, its
 * superset), else UTF-8 when the first 64 KiB decode as UTF-8, else what chardet finds, if it is
 * of the GB family. Anything else is refused rather than guessed.
 */
export function csvEncoding(sample: Buffer, declared: string | null): RollEncoding {
  if (declared) {
    const d = declared.trim().toUpperCase().replace(/_/g, '-');
    if (d === 'UTF-8' || d === 'UTF8') return 'UTF-8';
    if (['GBK', 'GB18030', 'GB2312', 'CP936'].includes(d)) return 'GB18030';
    throw new UnreadableRoll(`不支持的文件编码“${declared}”：请使用 UTF-8 或 GBK。`);
  }
  try {
    // stream: a character cut at the sample's end is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'UTF-8';
  } catch {
    const found = chardet.detect(sample);
    if (found && /^(GB18030|GBK|GB2312)$/i.test(found)) return 'GB18030';
    throw new UnreadableRoll(`无法识别文件编码${found ? `（检测结果为 ${found}）` : ''}：请将文件另存为 UTF-8 或 GBK 编码的 CSV，或 XLSX。`);
  }
}

/** The rows of a CSV file, the header included. */
export async function* csvRows(path: string, encoding: RollEncoding): AsyncGenerator<RollRow> {
  const source = createReadStream(path);
  const text = encoding === 'UTF-8' ? source : source.pipe(iconv.decodeStream('gb18030'));
  const parser = text.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }));
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { rowNo: record.info.lines, cells: record.record };
    }
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('CSV_')) throw new UnreadableRoll(`CSV 文件格式错误：${(error as Error).message}`);
    throw error;
  } finally {
    source.destroy();
  }
}

/** The rows of an XLSX file's first worksheet, the header included. */
export async function* xlsxRows(path: string): AsyncGenerator<RollRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (values.every((v) => v === '')) continue;
        yield { rowNo: row.number, cells: values };
      }
      return; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof UnreadableRoll) throw error;
    throw new UnreadableRoll(`XLSX 文件无法读取：${(error as Error).message}`);
  }
}

/** A cell as text: numbers as written (an identity number typed as a number shows as its digits), dates as YYYY-MM-DD. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // Excel dates have no zone: the reader gives them as UTC midnight of the day shown.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown };
  if (v.richText) return v.richText.map((r) => r.text).join('').trim();
  if (v.result !== undefined) return cellText(v.result);
  if (v.text !== undefined) return cellText(v.text);
  return String(value).trim();
}

/** The rows of a roll of either format. */
export function rollRows(path: string, format: RollFormat, encoding: RollEncoding | null): AsyncGenerator<RollRow> {
  return format === 'XLSX' ? xlsxRows(path) : csvRows(path, encoding ?? 'UTF-8');
}
