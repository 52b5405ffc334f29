import { useMemo } from 'react';
import { Alert, Empty, Table } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  INDICATOR_LIST_KIND,
  isBreakdown,
  StatisticsListInputSchema,
  type StatisticsListInput,
  type StatisticsListRow,
} from '@shared/statistics';
import { useApiQuery, useCounsellors } from '../api';
import { ErrorAlert, Page, useServerPagination } from '../components';
import { indicatorName, valueLabel } from './format';
import { useListColumns } from './listColumns';

/** The list's input as the address holds it; null when the address is not a valid list (a stale link). */
function readInput(params: URLSearchParams): StatisticsListInput | null {
  const parsed = StatisticsListInputSchema.safeParse({
    indicator: params.get('indicator'),
    value: params.get('value'),
    from: params.get('from'),
    to: params.get('to'),
    counsellorId: params.get('counsellor') || null,
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 50),
  });
  return parsed.success ? parsed.data : null;
}

/** 名单 (/statistics/list?indicator=…): the rows behind one number, paged like the case list. */
export function DrillDownPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const input = useMemo(() => readInput(params), [params]);
  const back = `/statistics?${params.get('back') ?? ''}`;
  const backLink = (
    <Link to={back} className="stats-back">
      <ArrowLeftOutlined aria-hidden="true" /> {t('statistics.listBack')}
    </Link>
  );
  if (!input) {
    return (
      <Page title={t('statistics.title')} extra={backLink}>
        <Alert type="warning" showIcon title={t('statistics.listInvalid')} />
      </Page>
    );
  }
  return <DrillDownList input={input} backLink={backLink} setParams={setParams} params={params} />;
}

interface ListProps {
  input: StatisticsListInput;
  backLink: React.ReactNode;
  params: URLSearchParams;
  setParams: ReturnType<typeof useSearchParams>[1];
}

function DrillDownList({ input, backLink, params, setParams }: ListProps) {
  const { t } = useTranslation();
  const kind = INDICATOR_LIST_KIND[input.indicator];
  const columns = useListColumns(kind);
  const counsellors = useCounsellors();
  const list = useApiQuery('statistics.list', input, {
    placeholderData: (previous) => previous,
    staleTime: 0,
  });
  const total = list.data?.total ?? 0;
  const pagination = useServerPagination(
    input,
    total,
    (n) => t('statistics.listTotal', { total: n }),
    (next) => {
      const copy = new URLSearchParams(params);
      copy.set('page', String(next.page));
      copy.set('pageSize', String(next.pageSize));
      setParams(copy, { replace: true });
    },
  );
  const name = indicatorName(t, input.indicator);
  const title =
    isBreakdown(input.indicator) && input.value
      ? t('statistics.listTitleValue', { name, value: valueLabel(t, input.indicator, input.value) })
      : t('statistics.listTitle', { name });
  const counsellor = input.counsellorId
    ? counsellors.data?.find((u) => u.id === input.counsellorId)?.displayName
    : undefined;

  return (
    <Page title={title} extra={backLink}>
      <div className="panel stats-list-head">
        <p className="stats-list-total" aria-live="polite">
          {list.data ? t('statistics.listTotal', { total }) : t('statistics.loading')}
        </p>
        <p className="muted small">
          {t('statistics.listFor', {
            kind: t(`statisticsListKinds.${kind}`),
            period: t('statistics.periodText', { from: input.from, to: input.to }),
          })}
          {counsellor ? ` · ${t('statistics.byCounsellor', { name: counsellor })}` : null}
        </p>
        <p className="muted small">{t(`statisticsDefinitions.${input.indicator}`)}</p>
      </div>
      <ErrorAlert error={list.error} />
      <div className="panel panel-flush">
        <Table<StatisticsListRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.rows ?? []}
          loading={list.isFetching}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statistics.listEmpty')} />,
          }}
          pagination={pagination}
        />
      </div>
    </Page>
  );
}
