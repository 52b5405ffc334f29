import { cloneElement, isValidElement, useMemo, type ReactElement, type ReactNode } from 'react';
import type { PaginationProps, TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';

type ItemRender = NonNullable<PaginationProps['itemRender']>;

/**
 * antd's pagination arrows and jumpers are icon-only buttons named "left" / "double-left" by their icons;
 * this names every item (上一页, 下一页, 向前 5 页, 第 3 页 …). Spread into a table's or list's pagination.
 */
export function usePaginationNames(): { itemRender: ItemRender } {
  const { t } = useTranslation();
  // The same object while the language stays: a table given a new itemRender redraws its pager.
  return useMemo(() => {
    const itemRender: ItemRender = (page, type, original) => {
      const label =
        type === 'prev'
          ? t('common.pagePrev')
          : type === 'next'
            ? t('common.pageNext')
            : type === 'jump-prev'
              ? t('common.pageJumpPrev')
              : type === 'jump-next'
                ? t('common.pageJumpNext')
                : t('common.pageN', { page });
      if (!isValidElement(original)) return original;
      return cloneElement(original as ReactElement<{ 'aria-label'?: string }>, {
        'aria-label': label,
      }) as ReactNode;
    };
    return { itemRender };
  }, [t]);
}

/** Where a server-paged list is: the page and its size, as the list's filter holds them. */
export interface PageState {
  page: number;
  pageSize: number;
}

/**
 * The pagination of a server-paged table: named items, the total in words, 50 or 100 rows, and a size
 * change that starts again at page 1. `setPage` receives the new page state (merge it into the filter).
 */
export function useServerPagination(
  state: PageState,
  total: number,
  totalText: (total: number) => string,
  setPage: (next: PageState) => void,
): TablePaginationConfig {
  const names = usePaginationNames();
  return {
    ...names,
    current: state.page,
    pageSize: state.pageSize,
    total,
    hideOnSinglePage: true,
    showSizeChanger: true,
    pageSizeOptions: [50, 100],
    showTotal: totalText,
    onChange: (page, pageSize) => setPage({ page: pageSize === state.pageSize ? page : 1, pageSize }),
  };
}
