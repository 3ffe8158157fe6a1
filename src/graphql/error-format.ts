import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { LocalizedError } from '../access/guard';
import { inLang, Lang, Text } from '../common/text';

// The one place GraphQL errors take their final shape: access and input errors pass with their
// code (in the reader's language, their field path added where GraphQL's own input checks leave it
// out); anything else becomes a bare INTERNAL_SERVER_ERROR, logged without its message.

const PASSED_THROUGH = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * The input path GraphQL names in a variable's coercion error, e.g. `Variable "$input" got invalid
 * value … at "input.household[0].relation"` → ["input", "household", "0", "relation"].
 */
export function fieldOfCoercionError(message: string): string[] | null {
  const at = /^Variable "\$(\w+)" got invalid value .*? at "([^"]+)"/s.exec(message);
  const whole = /^Variable "\$(\w+)" (?:got invalid value|of required type|of non-null type)/s.exec(message);
  const path = at ? at[2] : whole ? whole[1] : null;
  if (path === null) return null;
  const field = path.split(/\.|\[(\d+)\]/).filter((part) => part !== undefined && part !== '');
  // A field GraphQL says is missing or unknown inside the value is the deepest part of the path.
  const inner = /Field "(\w+)" of required type .* was not provided|Field "(\w+)" is not defined by type/.exec(message);
  if (inner) field.push(inner[1] ?? inner[2]);
  return field;
}

/** The formatter of the GraphQL server answering in `lang` (one server per language, see server.ts). */
export function createErrorFormatter(logger: Logger, lang: Lang) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? '');
    if (!PASSED_THROUGH.has(code)) {
      const original = (error as { originalError?: unknown })?.originalError ?? error;
      logger.error({ err: { name: (original as Error)?.name, code: (original as { code?: string })?.code }, path: formatted.path }, 'internal error');
      return { message: inLang({ zh: '服务器内部错误，请稍后重试。', en: 'Internal server error' }, lang), path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    const { stacktrace: _s, exception: _e, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    const localized = ((error as { originalError?: unknown })?.originalError ?? error) as unknown;
    let message = formatted.message;
    if (localized instanceof LocalizedError) message = inLang(localized.text, lang);
    if (Array.isArray(extensions.problems)) {
      extensions.problems = (extensions.problems as Array<{ text?: Text } & Record<string, unknown>>).map(({ text, ...rest }) =>
        text ? { ...rest, message: inLang(text, lang) } : rest,
      );
    }
    if (code === 'BAD_USER_INPUT' && !extensions.field) {
      const field = fieldOfCoercionError(formatted.message);
      if (field) {
        extensions.field = field;
        // A scalar's own refusal (LocalizedError) replaces GraphQL's English wording.
        const said = localized instanceof LocalizedError ? message : formatted.message;
        if (lang === 'zh-CN') message = `输入有误（${field.join('.')}）：${said}`;
        else if (localized instanceof LocalizedError) message = `Invalid value at ${field.join('.')}: ${said}`;
      }
    }
    return { ...formatted, message, extensions };
  };
}
