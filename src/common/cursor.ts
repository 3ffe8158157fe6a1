import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from '../access/guard';
import { text } from './text';
import { UnitOfWork } from '../db/unit-of-work';

/** Opaque keyset cursors: base64url of the sort key of the last row seen. */
export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number, field: string): string[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === arity && parts.every((p) => typeof p === 'string')) return parts as string[];
  } catch {
    // fall through
  }
  throw badInput(text('该分页游标不属于此查询，请从第一页重新查询。', 'This cursor was not issued by this query.'), [field]);
}

export const MAX_PAGE = 100;

export function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput(text(`每页数量（first）应在1到${MAX_PAGE}之间。`, `first must be between 1 and ${MAX_PAGE}.`), ['first']);
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** A number, or (lazyCount) how to count: GraphQL's default resolver calls it only when the field is asked for. */
  totalCount: number | (() => Promise<number>);
}

/**
 * Keyset pagination over `base()` (a filtered query on `alias`), ordered by `column` then id in
 * `direction`; the cursor is the last row's (sort key, id). Two statements: the page and the count
 * (with lazyCount, the count only when `totalCount` is selected, by `count` when given).
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  uow: UnitOfWork,
  base: () => SelectQueryBuilder<T>,
  sort: { alias: string; column: string; key: (row: T) => string; direction: 'ASC' | 'DESC' },
  first: number,
  after: string | null | undefined,
  options: { lazyCount?: boolean; count?: () => Promise<number> } = {},
): Promise<Page<T>> {
  const { alias, column, direction } = sort;
  const page = base().orderBy(`${alias}.${column}`, direction).addOrderBy(`${alias}.id`, direction).limit(first + 1);
  if (after) {
    const [key, id] = decodeCursor(after, 2, 'after');
    const beyond = direction === 'ASC' ? '>' : '<';
    page.andWhere(`(${alias}.${column} ${beyond} :afterKey OR (${alias}.${column} = :afterKey AND ${alias}.id ${beyond} :afterId))`, {
      afterKey: key,
      afterId: id,
    });
  }
  // Counting a large region's rows costs more than its page: lazyCount leaves it to the clients that ask.
  const [rows, totalCount] = options.lazyCount
    ? [await uow.read(() => page.getMany()), options.count ?? (() => uow.read(() => base().getCount()))]
    : await uow.read(async () => [await page.getMany(), await base().getCount()] as const);
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor([sort.key(node), node.id]), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount,
  };
}
