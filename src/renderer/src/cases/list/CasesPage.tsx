import { useEffect, useState } from 'react';
import { Button, Input } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApiQuery } from '../../api';
import { busyLook, ErrorAlert, Page } from '../../components';
import { CaseFilters } from './CaseFilters';
import { CaseTable } from './CaseTable';
import { useCaseListState } from './listState';
import { SearchResults } from './SearchResults';

const SEARCH_DELAY_MS = 300;

/** 案件: search box, filters, and the paged, windowed list; 新建案件 opens the intake wizard. */
export function CasesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { filter, setFilter, query, setQuery } = useCaseListState();
  const [typed, setTyped] = useState(query);

  // Search as the user types, once they pause; Enter searches at once.
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(typed.trim()), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [typed, setQuery]);

  const searching = query !== '';
  const list = useApiQuery('cases.list', filter, {
    enabled: !searching,
    placeholderData: (previous) => previous,
  });
  const search = useApiQuery(
    'search.cases',
    { query, limit: 50 },
    {
      enabled: searching,
      placeholderData: (previous) => previous,
    },
  );

  return (
    <Page
      title={t('cases.title')}
      intro={t('cases.intro')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/cases/new')}>
          {t('cases.new')}
        </Button>
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
          <CaseFilters filter={filter} onChange={setFilter} disabled={searching} />
        </div>
        {searching ? <p className="muted small filters-note">{t('cases.searchIgnoresFilters')}</p> : null}
      </div>

      <ErrorAlert error={searching ? search.error : list.error} />
      <div className="panel panel-flush">
        {searching ? (
          <SearchResults
            rows={search.data?.rows ?? []}
            more={search.data?.more ?? false}
            loading={search.isFetching}
          />
        ) : (
          <CaseTable
            rows={list.data?.rows ?? []}
            total={list.data?.total ?? 0}
            loading={list.isFetching}
            filter={filter}
            onPage={(page, pageSize) =>
              setFilter((f) => ({ ...f, page: pageSize === f.pageSize ? page : 1, pageSize }))
            }
          />
        )}
      </div>
    </Page>
  );
}
