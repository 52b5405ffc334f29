import { Alert, Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SearchHit } from '@shared/search';
import { useCaseColumns } from './columns';

interface Props {
  rows: SearchHit[];
  more: boolean;
  loading: boolean;
}

/** Found cases, most recently written first, each with what matched (never the matching text itself). */
export function SearchResults({ rows, more, loading }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const columns: ColumnsType<SearchHit> = [
    // The matched field takes the result column's place, so the row fits without scrolling sideways.
    ...useCaseColumns<SearchHit>().filter((c) => c.key !== 'result'),
    {
      title: t('cases.colMatched'),
      key: 'matched',
      width: 100,
      render: (_, r) => <Tag variant="outlined">{t(`searchMatched.${r.matched}`)}</Tag>,
    },
  ];
  return (
    <>
      {more ? (
        <Alert className="form-alert" type="info" showIcon role="status" title={t('cases.searchMore')} />
      ) : null}
      <Table<SearchHit>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: 1100 }}
        rowClassName="clickable-row"
        onRow={(r) => ({ onClick: () => void navigate(`/cases/${r.id}`) })}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.searchEmpty')} />,
        }}
      />
    </>
  );
}
