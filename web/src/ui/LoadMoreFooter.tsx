import type { ReactNode } from 'react';

/** What a keyset-paged list (TanStack Query's infinite query, flattened) offers its footer. */
export interface PagedList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError?: boolean;
  fetchNextPage(): unknown;
}

/** Under a paged list: how much is shown, a failed next page, and Load more while there is more. */
export function LoadMoreFooter({ list, summary }: { list: PagedList; summary?: ReactNode }) {
  return (
    <div className="list-footer">
      {summary === undefined ? <span /> : (
        <span className="muted" role="status">
          {summary}
        </span>
      )}
      {list.isFetchNextPageError && (
        <span className="field-error" role="alert">
          Loading more failed. Try again.
        </span>
      )}
      {list.hasNextPage && (
        <button type="button" className="btn btn-secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
