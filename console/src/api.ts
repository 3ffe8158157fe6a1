// The GraphQL client: every request by POST to the hub's /graphql (the hub refuses GET, so that
// identity numbers never land in a URL), Chinese answers, and the user's token when the console
// holds one. An UNAUTHENTICATED answer sends the user back to the sign-in page with a message.

import { Client, cacheExchange, fetchExchange, mapExchange, type CombinedError } from 'urql';
import type { Session } from './session';

export function createApiClient(session: Session, onSignedOut: (message: string) => void): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({
      headers: {
        'Accept-Language': 'zh-CN',
        ...(session.token ? { Authorization: `Bearer ${session.token}` } : {}),
      },
    }),
    exchanges: [
      mapExchange({
        onError(error) {
          const unauthenticated = error.graphQLErrors.find((e) => e.extensions?.code === 'UNAUTHENTICATED');
          if (unauthenticated) {
            const reason = unauthenticated.extensions?.reason;
            onSignedOut(reason === 'EXPIRED' ? '登录已过期，请重新登录。' : '登录信息无效，请重新登录。');
          }
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}

/** One sentence for the user: what went wrong and what to do. */
export function errorText(error: CombinedError | undefined | null): string | null {
  if (!error) return null;
  if (error.networkError && error.graphQLErrors.length === 0) return '无法连接到服务器，请检查网络连接后重试。';
  const first = error.graphQLErrors[0];
  switch (first?.extensions?.code) {
    case 'FORBIDDEN':
      return `没有权限：${first.message}`;
    case 'UNAUTHENTICATED':
      return '登录已失效，请重新登录。';
    default:
      return first?.message ?? '请求失败，请稍后重试。';
  }
}
