import { GraphQLError } from 'graphql';

// What a client reads of the gateway's errors. A subgraph that cannot be reached is named once
// (its fields are null, the rest of the answer stands); the subgraphs' own errors pass as they
// were written; anything else says nothing (no request, no stack).

const PASSED_THROUGH = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']);
const UNREACHABLE = new Set(['SUBREQUEST_HTTP_ERROR', 'DOWNSTREAM_SERVICE_ERROR']);

export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

const unavailableMessage = (serviceName: string) => `子图 ${serviceName} 暂时无法访问，其字段为空。`;

export function maskGatewayError(error: unknown, message: string): Error {
  const e = error as GraphQLError;
  if (!(e instanceof GraphQLError)) return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  const { code, serviceName } = (e.extensions ?? {}) as { code?: string; serviceName?: string };
  // Already named and collapsed (collapseUnavailable runs before the masking).
  if (code === SUBGRAPH_UNAVAILABLE) return e;
  if (code && UNREACHABLE.has(code)) {
    return new GraphQLError(unavailableMessage(serviceName ?? '?'), { path: e.path, extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName } });
  }
  if (code && PASSED_THROUGH.has(code)) {
    const { request: _request, ...extensions } = e.extensions as Record<string, unknown>;
    return new GraphQLError(e.message, { path: e.path, extensions });
  }
  return new GraphQLError(message, { path: e.path, extensions: { code: 'INTERNAL_SERVER_ERROR', ...(serviceName ? { serviceName } : {}) } });
}

type Path = ReadonlyArray<string | number>;
interface ErrorLike {
  message: string;
  path?: Path;
  extensions?: Record<string, unknown>;
}

/**
 * One error per unreachable subgraph instead of one per entity (a 100-case page with medical down
 * carried 334 of them, 58 KB): the first path stays `path`, every path is in `extensions.paths`.
 * Other errors are kept as they are, in order.
 */
export function collapseUnavailable<E extends ErrorLike>(errors: readonly E[]): Array<E | GraphQLError> {
  const bySubgraph = new Map<string, Path[]>();
  const out: Array<E | GraphQLError | string> = [];
  for (const error of errors) {
    const code = error.extensions?.code;
    const serviceName = String(error.extensions?.serviceName ?? '?');
    if (code !== SUBGRAPH_UNAVAILABLE && !UNREACHABLE.has(String(code))) {
      out.push(error);
      continue;
    }
    if (!bySubgraph.has(serviceName)) {
      bySubgraph.set(serviceName, []);
      out.push(serviceName); // its place in the list
    }
    if (error.path) bySubgraph.get(serviceName)!.push(error.path);
  }
  return out.map((item) => {
    if (typeof item !== 'string') return item;
    const paths = bySubgraph.get(item)!;
    return new GraphQLError(unavailableMessage(item), { path: paths[0], extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: item, paths } });
  });
}
