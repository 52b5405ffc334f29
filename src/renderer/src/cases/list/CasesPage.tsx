import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Space } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can } from '@shared/roles';
import type { CaseListRow } from '@shared/cases';
import type { SearchHit } from '@shared/search';
import type { SessionUser } from '@shared/users';
import { useApiQuery } from '../../api';
import { ExportButton } from '../../archive';
import { busyLook, ErrorAlert, Page } from '../../components';
import { SearchIndexProgress } from '../../search';
import { CaseFilters } from './CaseFilters';
import { CaseTable } from './CaseTable';
import { FIRST_PAGE, useCaseListState } from './listState';
import { useReadAhead } from './readAhead';
import { SearchResults } from './SearchResults';

const SEARCH_DELAY_MS = 300;
/** One empty list, so an unanswered page hands the (memoised) table the same rows each time. */
const NO_ROWS: CaseListRow[] = [];
const NO_HITS: SearchHit[] = [];

/**
 * 案件: search box, filters, and the paged, windowed list; 新建案件 opens the intake wizard. 导出 takes the
 * ticked rows, else every case of the current filter; 导入案卷 (directors: it compares with every case).
 */
export function CasesPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { filter, setFilter, query, setQuery } = useCaseListState();
  // The filter form's first values: it keeps its own fields afterwards.
  const [initialFilter] = useState(filter);
  const [typed, setTyped] = useState(query);
  const [selected, setSelected] = useState<string[]>([]);

  // Search as the user types, once they pause; Enter searches at once.
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(typed.trim()), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [typed, setQuery]);

  const onPage = useCallback(
    (page: number, pageSize: number) =>
      setFilter((f) => ({ ...f, page: pageSize === f.pageSize ? page : 1, pageSize })),
    [setFilter],
  );

  const searching = query !== '';
  // The export takes every case the filter matches, not the page on screen.
  const { page: _page, pageSize: _pageSize, sort: _sort, ...exportFilter } = filter;
  const searchInput = { query, limit: 50 };
  useReadAhead('cases.list', filter, !searching);
  useReadAhead('search.cases', searchInput, searching);
  const list = useApiQuery('cases.list', filter, {
    enabled: !searching,
    placeholderData: (previous) => previous,
  });
  const search = useApiQuery('search.cases', searchInput, {
    enabled: searching,
    placeholderData: (previous) => previous,
  });

  return (
    <Page
      title={t('cases.title')}
      intro={t('cases.intro')}
      extra={
        <Space wrap>
          <ExportButton
            selection={
              selected.length > 0
                ? { kind: 'cases', caseIds: selected }
                : { kind: 'filter', filter: exportFilter }
            }
            label={
              selected.length > 0
                ? t('archive.exportSelected', { count: selected.length })
                : t('archive.exportFiltered')
            }
            scope={
              selected.length > 0
                ? t('archive.scopeCases', { count: selected.length })
                : t('archive.scopeFilter')
            }
            disabled={searching && selected.length === 0}
            disabledReason={t('archive.exportNeedsFilter')}
          />
          {can(user.role, 'cases.all') ? (
            <Button icon={<ImportOutlined />} onClick={() => void navigate('/cases/import')}>
              {t('archive.importEntry')}
            </Button>
          ) : null}
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/cases/new')}>
            {t('cases.new')}
          </Button>
        </Space>
      }
    >
      <div className="panel" role="search">
        <Input.Search
          className="case-search"
          size="large"
          allowClear
          value={typed}
          aria-label={t('cases.searchLabel')}
          placeholder={t('cases.searchPlaceholder')}
          // Our own enter button: antd's `loading` here could leave "loading" in its name (BusyButton).
          enterButton={
            <Button type="primary" {...busyLook(searching && search.isFetching)}>
              {t('cases.searchButton')}
            </Button>
          }
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(value) => {
            setTyped(value);
            setQuery(value.trim());
          }}
          maxLength={100}
        />
        <div className="filters-row">
          <CaseFilters
            initial={initialFilter}
            pageSize={filter.pageSize ?? FIRST_PAGE.pageSize}
            onChange={setFilter}
            disabled={searching}
          />
        </div>
        {searching ? <p className="muted small filters-note">{t('cases.searchIgnoresFilters')}</p> : null}
        {searching && search.isFetching ? <SearchIndexProgress /> : null}
      </div>

      <ErrorAlert error={searching ? search.error : list.error} />
      <div className="panel panel-flush">
        {searching ? (
          <SearchResults
            rows={search.data?.rows ?? NO_HITS}
            more={search.data?.more ?? false}
            loading={search.isFetching}
          />
        ) : (
          <CaseTable
            rows={list.data?.rows ?? NO_ROWS}
            total={list.data?.total ?? 0}
            loading={list.isFetching}
            filter={filter}
            selected={selected}
            onSelect={setSelected}
            onPage={onPage}
          />
        )}
      </div>
    </Page>
  );
}
