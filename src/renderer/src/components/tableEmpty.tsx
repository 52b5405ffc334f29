import { useMemo, type ReactNode } from 'react';
import { Empty } from 'antd';

/**
 * A table's `locale` whose empty text says "nothing found" only once the table has its answer: while
 * it loads (first load, a new filter, a search), the spinner sits over the same message kept invisible
 * (and out of the accessibility tree), so nothing claims "没有找到…" before it is true and the table does
 * not change height when the answer arrives.
 */
export function useTableEmpty(description: string, loading: boolean): { emptyText: ReactNode } {
  return useMemo(() => {
    const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;
    return { emptyText: loading ? <div className="table-empty-waiting">{empty}</div> : empty };
  }, [description, loading]);
}
