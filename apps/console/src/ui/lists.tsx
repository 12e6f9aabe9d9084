import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { CursorPage } from '@exchange/sdk/browser';
import { useText } from '../i18n/language';
import { ErrorNotice, Loading } from './feedback';
import { uiText } from './messages';

/**
 * A cursor-paginated list route, page by page as the person asks for more:
 * `usePagedList(['applications', filters], (cursor) => unwrap(api.applications.GET('/v1/applications', …cursor…)))`.
 */
export function usePagedList<T>(key: QueryKey, fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>) {
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...query, items: query.data?.pages.flatMap((page) => page.items) ?? [] };
}

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Right-aligned numbers. */
  numeric?: boolean;
}

/** A table of rows; the caption names it for screen readers. */
export function DataTable<T>({ caption, columns, rows, rowKey }: { caption: string; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string }) {
  const t = useText(uiText);
  if (rows.length === 0) return <p className="empty">{t('NOTHING_YET')}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.numeric ? 'numeric' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.header} className={c.numeric ? 'numeric' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A paged list as a table, with progress, the problem if a page failed, and "show more". */
export function PagedTable<T>({ list, caption, columns, rowKey }: { list: ReturnType<typeof usePagedList<T>>; caption: string; columns: Column<T>[]; rowKey: (row: T) => string }) {
  const t = useText(uiText);
  if (list.isPending) return <Loading />;
  if (list.error && list.items.length === 0) return <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <DataTable caption={caption} columns={columns} rows={list.items} rowKey={rowKey} />
      {list.error && <ErrorNotice error={list.error} />}
      <div className="list-footer">
        <span>{t('SHOWN_COUNT', { count: list.items.length })}</span>
        {list.hasNextPage && (
          <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage} aria-busy={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? t('LOADING') : t('LOAD_MORE')}
          </button>
        )}
      </div>
    </>
  );
}
