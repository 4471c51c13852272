import type { MouseEvent, ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ChevronDownIcon, ChevronUpIcon } from './icons';

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The API sort key this column sorts by, when it can. */
  sortKey?: string;
  /** Dates read best newest first, so their first click sorts descending. */
  descendingFirst?: boolean;
  className?: string;
}

interface Props<T> {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Clicking anywhere on a row opens it; the row's main link stays the keyboard and middle-click path. */
  rowHref?: (row: T) => string;
  sort?: string;
  onSortChange?: (sort: string) => void;
  busy?: boolean;
}

export function DataTable<T>({ label, columns, rows, rowKey, rowHref, sort, onSortChange, busy }: Props<T>) {
  const navigate = useNavigate();
  const onRowClick = (row: T) => (event: MouseEvent<HTMLTableRowElement>) => {
    if (!rowHref || (event.target as HTMLElement).closest('a, button, input, label')) return;
    if (window.getSelection()?.toString()) return;
    navigate(rowHref(row));
  };
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label={label} aria-busy={busy || undefined}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.className} aria-sort={ariaSort(column, sort)}>
                {column.sortKey && onSortChange ? (
                  <SortButton column={column} sort={sort} onSortChange={onSortChange} />
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowHref ? 'is-clickable' : undefined} onClick={onRowClick(row)}>
              {columns.map((column) => (
                <td key={column.key} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ariaSort<T>(column: Column<T>, sort: string | undefined) {
  if (!column.sortKey || !sort) return undefined;
  if (sort === column.sortKey) return 'ascending';
  if (sort === `-${column.sortKey}`) return 'descending';
  return undefined;
}

function SortButton<T>({ column, sort, onSortChange }: { column: Column<T>; sort: string | undefined; onSortChange: (sort: string) => void }) {
  const key = column.sortKey!;
  const state = ariaSort(column, sort);
  const next = state === 'ascending' ? `-${key}` : state === 'descending' ? key : column.descendingFirst ? `-${key}` : key;
  return (
    <button type="button" className={`sort-button${state ? ' is-sorted' : ''}`} onClick={() => onSortChange(next)}>
      {column.header}
      {state === 'descending' ? <ChevronDownIcon /> : state === 'ascending' ? <ChevronUpIcon /> : <ChevronDownIcon className="sort-idle" />}
    </button>
  );
}
