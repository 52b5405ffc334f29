import { memo, useCallback, useMemo } from 'react';
import { Alert, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SearchHit } from '@shared/search';
import { PlainTag, useTableEmpty } from '../../components';
import { useCaseColumns } from './columns';

interface Props {
  rows: SearchHit[];
  more: boolean;
  loading: boolean;
}

/** Windowed like the case list (antd `virtual`): only the rows in view are drawn, 50 hits or not. */
const SCROLL = { x: 1100, y: 560 } as const;

/**
 * Found cases, most recently written first, each with what matched (never the matching text itself).
 * Memoised with stable columns and handlers, like CaseTable: typing in the search box redraws no row.
 */
export const SearchResults = memo(function SearchResults({ rows, more, loading }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const caseColumns = useCaseColumns<SearchHit>();
  const columns = useMemo<ColumnsType<SearchHit>>(
    () => [
      // The matched field takes the result column's place, so the row fits without scrolling sideways.
      ...caseColumns.filter((c) => c.key !== 'result'),
      {
        title: t('cases.colMatched'),
        key: 'matched',
        width: 100,
        render: (_, r) => (
          <PlainTag color="default" variant="outlined">
            {t(`searchMatched.${r.matched}`)}
          </PlainTag>
        ),
      },
    ],
    [caseColumns, t],
  );
  const onRow = useCallback(
    (r: SearchHit) => ({ onClick: () => void navigate(`/cases/${r.id}`) }),
    [navigate],
  );
  const locale = useTableEmpty(t('cases.searchEmpty'), loading);
  return (
    <>
      {more ? (
        <Alert className="form-alert" type="info" showIcon role="status" title={t('cases.searchMore')} />
      ) : null}
      <Table<SearchHit>
        rowKey="id"
        size="middle"
        virtual
        scroll={SCROLL}
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        rowClassName="clickable-row"
        onRow={onRow}
        locale={locale}
      />
    </>
  );
});
