import { GraphQLError, GraphQLErrorOptions } from 'graphql';
import { inLang, Lang, Text, text } from '../common/text';

// The access and input failures that are GraphQL errors rather than userErrors. Their messages say
// nothing about what exists: a caller outside a region gets the same FORBIDDEN whether or not the
// thing is there. Each carries its text in both languages (`LocalizedError`); the response is
// written in the reader's language (see graphql/error-format.ts).

export class LocalizedError extends GraphQLError {
  constructor(readonly text: Text, extensions: Record<string, unknown>, lang: Lang = 'zh-CN', options: Omit<GraphQLErrorOptions, 'extensions'> = {}) {
    super(inLang(text, lang), { ...options, extensions });
  }
}

const UNAUTHENTICATED: Record<'NO_TOKEN' | 'EXPIRED' | 'INVALID', Text> = {
  NO_TOKEN: text('未登录：请在请求头中携带 Authorization: Bearer <令牌>。', 'Not signed in: send Authorization: Bearer <token>.'),
  EXPIRED: text('登录已过期，请重新获取令牌。', 'The token has expired: get a new one.'),
  INVALID: text('令牌无效，请重新获取令牌。', 'The token is not valid: get a new one.'),
};

/**
 * No caller. `reason` says only which of three things went wrong — no token, an expired one, one
 * that does not verify — never why a token is invalid or anything about the data asked for.
 */
export function unauthenticated(reason: 'NO_TOKEN' | 'EXPIRED' | 'INVALID' = 'NO_TOKEN', lang: Lang = 'zh-CN'): GraphQLError {
  return new LocalizedError(UNAUTHENTICATED[reason], { code: 'UNAUTHENTICATED', reason, http: { status: 401 } }, lang);
}

export function forbidden(): GraphQLError {
  return new LocalizedError(text('无权进行此操作。', 'Not allowed for this caller.'), { code: 'FORBIDDEN' });
}

export function badInput(message: Text, field: string[], problems?: unknown[]): GraphQLError {
  return new LocalizedError(message, problems ? { code: 'BAD_USER_INPUT', field, problems } : { code: 'BAD_USER_INPUT', field });
}
