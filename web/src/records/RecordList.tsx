import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useRecordList, type ListParams } from '../api/records';
import type { Kind, RecordOf } from '../api/types';
import { DataTable, type Column } from '../ui/DataTable';
import { paths } from './kinds';
import { useUrlParam } from '../ui/hooks';
import { PlusIcon } from '../ui/icons';
import { SearchBox } from '../ui/SearchBox';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { LoadMoreFooter } from '../ui/LoadMoreFooter';

interface Props<K extends Kind> {
  kind: K;
  /** Plural, for the table's accessible name: "Configurations". */
  label: string;
  /** Singular, lower case: "configuration". */
  noun: string;
  columns: Column<RecordOf[K]>[];
  defaultSort: string;
  /** Fixed filters such as the organization; the search and sort come from the URL. */
  filters?: ListParams;
  newHref?: string | undefined;
  searchLabel?: string;
  toolbar?: ReactNode;
  /** The toolbar's own filters narrow the list (changes the empty state's wording). */
  filtersActive?: boolean;
  emptyIcon?: ReactNode;
  emptyText?: ReactNode;
}

/** Search, sortable table, keyset "Load more" and every empty/loading/error state of one record list. */
export function RecordList<K extends Kind>(props: Props<K>) {
  const { kind, label, noun, columns, defaultSort, filters, newHref, toolbar } = props;
  const rowHref = (row: RecordOf[K]) => paths.view(kind, row.id);
  const [q, setQ] = useUrlParam('q');
  const [sort, setSort] = useUrlParam('sort', defaultSort);
  const list = useRecordList(kind, { ...filters, q: q || undefined, sort });
  const filtered = props.filtersActive ?? false;

  let body: ReactNode;
  if (list.isPending) body = <LoadingState label={`Loading ${label.toLowerCase()}…`} />;
  else if (list.isError && list.items.length === 0) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.items.length === 0) {
    body = q ? (
      <EmptyState title={`No ${label.toLowerCase()} match “${q}”`}>Check the spelling, or clear the search to see everything.</EmptyState>
    ) : (
      <EmptyState
        icon={props.emptyIcon}
        title={filtered ? `No ${label.toLowerCase()} match these filters` : `No ${label.toLowerCase()} yet`}
        action={newHref && !filtered ? <NewButton href={newHref} noun={noun} /> : undefined}
      >
        {props.emptyText}
      </EmptyState>
    );
  } else {
    body = (
      <>
        <DataTable
          label={label}
          columns={columns}
          rows={list.items}
          rowKey={(row) => row.id}
          rowHref={rowHref}
          sort={sort}
          onSortChange={setSort}
          busy={list.isFetching}
        />
        <LoadMoreFooter
          list={list}
          summary={list.hasNextPage ? `Showing the first ${list.items.length}` : `${list.items.length} ${list.items.length === 1 ? noun : label.toLowerCase()}`}
        />
      </>
    );
  }

  return (
    <section className="record-list" aria-label={label}>
      <div className="toolbar">
        <SearchBox label={props.searchLabel ?? `Search ${label.toLowerCase()}`} placeholder={`Search ${label.toLowerCase()}`} value={q} onSearch={setQ} />
        {toolbar}
        <div className="toolbar-spacer" />
        {newHref && <NewButton href={newHref} noun={noun} />}
      </div>
      {body}
    </section>
  );
}

function NewButton({ href, noun }: { href: string; noun: string }) {
  return (
    <Link to={href} className="btn btn-primary">
      <PlusIcon />
      New {noun}
    </Link>
  );
}
