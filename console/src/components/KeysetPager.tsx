// Keyset pagination: the API hands out only forward cursors (`after`), so "上一页" walks back a
// stack of the cursors that led to each page. A change of filter starts again at page one.

import { useState } from 'react';
import { Button, Space, Typography } from 'antd';

export interface KeysetPages {
  /** The cursor of the page shown (null: the first page). */
  after: string | null;
  page: number;
  next(endCursor: string): void;
  previous(): void;
}

export function useKeysetPages(filterKey: string): KeysetPages {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({ key: filterKey, stack: [null] });
  // Forget the old filter's pages at once (React's state adjustment during render), so that going
  // back to that filter later starts at page one too rather than where its pages were left.
  if (state.key !== filterKey) setState({ key: filterKey, stack: [null] });
  const stack = state.key === filterKey ? state.stack : [null];
  return {
    after: stack[stack.length - 1],
    page: stack.length,
    next: (endCursor) => setState({ key: filterKey, stack: [...stack, endCursor] }),
    previous: () => setState({ key: filterKey, stack: stack.length > 1 ? stack.slice(0, -1) : stack }),
  };
}

export function KeysetPager({
  pages,
  pageInfo,
  totalCount,
  pageSize,
  fetching,
}: {
  pages: KeysetPages;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
  totalCount: number | undefined;
  pageSize: number;
  fetching: boolean;
}) {
  const pageCount = totalCount === undefined ? undefined : Math.max(1, Math.ceil(totalCount / pageSize));
  return (
    <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }} wrap>
      <Typography.Text type="secondary">
        {totalCount === undefined ? '' : `共 ${totalCount} 条 · 第 ${pages.page}${pageCount ? ` / ${pageCount}` : ''} 页`}
      </Typography.Text>
      <Button onClick={pages.previous} disabled={pages.page <= 1 || fetching}>
        上一页
      </Button>
      <Button
        onClick={() => pageInfo?.endCursor && pages.next(pageInfo.endCursor)}
        disabled={!pageInfo?.hasNextPage || !pageInfo.endCursor || fetching}
      >
        下一页
      </Button>
    </Space>
  );
}
