import { GraphQLScalarType, Kind } from 'graphql';
import { isValidIsoDate } from '../common/dates';
import { LocalizedError } from '../access/guard';
import { text, Text } from '../common/text';

// Input that is not a date is refused in the reader's language (error-format.ts renders it).
const refused = (message: Text) => new LocalizedError(message, { code: 'BAD_USER_INPUT' });
const NOT_AN_INSTANT = text(
  '时间格式不正确，应为带时区的时间，例如 2026-09-24T09:30:00+08:00。',
  'DateTime must be an RFC 3339 instant with an offset, e.g. 2026-09-24T09:30:00+08:00',
);
const NOT_A_DATE = text('日期格式不正确，应为真实存在的日期，写作 YYYY-MM-DD，例如 2026-09-24。', 'Date must be a real calendar date as YYYY-MM-DD');

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
const CST_OFFSET_MS = 8 * 3600_000;

/** An instant written in China Standard Time: 2026-09-24T09:30:00.000+08:00. */
export function formatCst(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw refused(NOT_AN_INSTANT);
  }
  return new Date(value);
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'RFC 3339 instant with offset, e.g. 2026-09-24T09:30:00+08:00.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError('DateTime cannot represent an invalid instant');
    return formatCst(date);
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw refused(NOT_AN_INSTANT);
    return parseDateTime(ast.value);
  },
});

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isValidIsoDate(value)) throw refused(NOT_A_DATE);
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'Calendar date in China Standard Time (Asia/Shanghai), YYYY-MM-DD.',
  serialize(value) {
    if (typeof value !== 'string' || !isValidIsoDate(value)) throw new TypeError('Date cannot represent this value');
    return value;
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw refused(NOT_A_DATE);
    return parseDate(ast.value);
  },
});
