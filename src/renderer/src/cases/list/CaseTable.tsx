import { memo, useCallback, useEffect, useMemo, useRef, type MouseEvent, type UIEvent } from 'react';
import { Table, type TableRef } from 'antd';
import type { TableRowSelection } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CaseListRow } from '@shared/cases';
import { useCaseColumns } from './columns';
import type { CaseListInput } from './listState';
import { usePaginationNames, useTableEmpty } from '../../components';

interface Props {
  rows: CaseListRow[];
  total: number;
  loading: boolean;
  filter: CaseListInput;
  onPage: (page: number, pageSize: number) => void;
  /** The ticked rows (kept across pages), for 导出所选. */
  selected: string[];
  onSelect: (ids: string[]) => void;
}

/** Windowed rows (antd `virtual`, this table only) inside a fixed height, so a page of 100 stays smooth. */
/** The tick-box column (导出所选): its room comes out of the parties column, so the row still fits. */
const SELECTION_WIDTH = 48;
const SCROLL = { x: 1090, y: 560 } as const;

/**
 * The case list: one server page at a time (50 or 100 rows); a click anywhere on a row opens it too.
 * Memoised, with every prop it hands antd kept stable, so typing in the search box or a sync poll in the
 * shell does not redraw the rows.
 */
export const CaseTable = memo(function CaseTable({
  rows,
  total,
  loading,
  filter,
  onPage,
  selected,
  onSelect,
}: Props) {
  const { t } = useTranslation();
  const pageNames = usePaginationNames();
  const navigate = useNavigate();
  const caseColumns = useCaseColumns<CaseListRow>();
  const columns = useMemo(
    () =>
      caseColumns.map((c) =>
        c.key === 'parties' && typeof c.width === 'number' ? { ...c, width: c.width - SELECTION_WIDTH } : c,
      ),
    [caseColumns],
  );
  const table = useRef<TableRef>(null);
  // A new page, filter or order starts at its first row, not where the previous one was scrolled to. Only
  // when the rows were scrolled: antd's scrollTo re-measures the table (a forced layout) even at the top.
  const scrolled = useRef(false);
  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => {
    scrolled.current = e.currentTarget.scrollTop > 0;
  }, []);
  useEffect(() => {
    if (!scrolled.current) return;
    scrolled.current = false;
    table.current?.scrollTo({ top: 0 });
  }, [filter]);
  // antd names the jump box by its trailing word alone ("页"); give it a name that says what it does.
  // React leaves the attribute alone afterwards (its own prop never changes), so once per render holds.
  const jumpLabel = t('cases.jumpToPage');
  useEffect(() => {
    table.current?.nativeElement
      .querySelector('.ant-pagination-options-quick-jumper input')
      ?.setAttribute('aria-label', jumpLabel);
  });
  const rowSelection = useMemo<TableRowSelection<CaseListRow>>(
    () => ({
      selectedRowKeys: selected,
      columnWidth: SELECTION_WIDTH,
      preserveSelectedRowKeys: true,
      onChange: (keys) => onSelect(keys.map(String)),
      getCheckboxProps: (r) => ({ 'aria-label': t('archive.selectCase', { caseNumber: r.caseNumber }) }),
      getTitleCheckboxProps: () => ({ 'aria-label': t('archive.selectPage') }),
    }),
    [selected, onSelect, t],
  );
  const onRow = useCallback(
    (r: CaseListRow) => ({
      onClick: (e: MouseEvent) => {
        // A click beside a row's tick box is a missed tick, not "open the case".
        if (e.target instanceof Element && e.target.closest('.ant-table-selection-column')) return;
        void navigate(`/cases/${r.id}`);
      },
    }),
    [navigate],
  );
  const locale = useTableEmpty(t('cases.empty'), loading);
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 50;
  const pagination = useMemo(
    () => ({
      ...pageNames,
      current: page,
      pageSize,
      total,
      showSizeChanger: true,
      // 2,000 pages at 100,000 cases: type the page rather than click towards it.
      showQuickJumper: true,
      pageSizeOptions: [50, 100],
      showTotal: (n: number) => t('cases.total', { total: n }),
      onChange: onPage,
    }),
    [pageNames, page, pageSize, total, onPage, t],
  );
  return (
    <Table<CaseListRow>
      ref={table}
      rowKey="id"
      size="middle"
      virtual
      scroll={SCROLL}
      columns={columns}
      dataSource={rows}
      loading={loading}
      rowClassName="clickable-row"
      rowSelection={rowSelection}
      onRow={onRow}
      onScroll={onScroll}
      locale={locale}
      pagination={pagination}
    />
  );
});
