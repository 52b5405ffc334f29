import { useState } from 'react';
import { App, Button, Empty, List, Modal, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { localDateTime } from '@shared/calendar';
import { isBreakdown, type ReportSnapshot, type SnapshotChange } from '@shared/statistics';
import { errorMessage, useApiMutation, useApiQuery } from '../api';
import { BusyButton, ErrorAlert } from '../components';
import { formatCount, indicatorName, valueLabel } from './format';

interface Period {
  from: string;
  to: string;
  counsellorId: string | null;
}

/** 报送本期报表: freezes the period's report (directors), after a confirmation. */
export function SubmitReportButton({ period }: { period: Period }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const submit = useApiMutation('statistics.submit');
  const run = () =>
    void modal.confirm({
      title: t('statistics.submitTitle'),
      content: t('statistics.submitConfirm', { from: period.from, to: period.to }),
      okText: t('statistics.submitOk'),
      cancelText: t('common.cancel'),
      onOk: () =>
        submit.mutateAsync(period).then(
          () => void message.success(t('statistics.submitted')),
          (error: unknown) => void message.error(errorMessage(error)),
        ),
    });
  return (
    <BusyButton busy={submit.isPending} onClick={run}>
      {t('statistics.submit')}
    </BusyButton>
  );
}

function changeName(t: ReturnType<typeof useTranslation>['t'], change: SnapshotChange): string {
  const name = indicatorName(t, change.indicator);
  return change.value !== null && isBreakdown(change.indicator)
    ? `${name} · ${valueLabel(t, change.indicator, change.value)}`
    : name;
}

/** The comparison of one submitted report with what its period shows now. */
function Comparison({ snapshot, onClose }: { snapshot: ReportSnapshot; onClose: () => void }) {
  const { t } = useTranslation();
  const compared = useApiQuery('statistics.compareSnapshot', { snapshotId: snapshot.id }, { staleTime: 0 });
  const data = compared.data;
  return (
    <Modal
      open
      title={t('statistics.compareTitle', { from: snapshot.from, to: snapshot.to })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('statistics.close')}</Button>}
      width={720}
    >
      <ErrorAlert error={compared.error} />
      {data ? (
        <>
          {data.intact ? null : (
            <p role="alert" className="error-text">
              {t('statistics.snapshotBroken')}
            </p>
          )}
          {data.changes.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statistics.noChanges')} />
          ) : (
            <List
              aria-label={t('statistics.changesLabel')}
              dataSource={data.changes}
              renderItem={(c) => (
                <List.Item key={`${c.indicator}:${c.value ?? ''}`}>
                  <div>
                    <strong>{changeName(t, c)}</strong>
                    {t('statistics.changeCounts', {
                      before: formatCount(c.before),
                      after: formatCount(c.after),
                    })}
                    {c.added.length > 0 ? (
                      <div>
                        {t('statistics.changeAdded')}
                        {c.added.map((m) => (
                          <Tag key={m.id}>{m.label}</Tag>
                        ))}
                      </div>
                    ) : null}
                    {c.removed.length > 0 ? (
                      <div>
                        {t('statistics.changeRemoved')}
                        {c.removed.map((m) => (
                          <Tag key={m.id}>{m.label}</Tag>
                        ))}
                      </div>
                    ) : null}
                  </div>
                </List.Item>
              )}
            />
          )}
        </>
      ) : (
        <p role="status">{t('statistics.loading')}</p>
      )}
    </Modal>
  );
}

/** 已报送: the reports submitted for this period, each comparable with what the period shows now. */
export function SubmittedReports({ period }: { period: Period }) {
  const { t } = useTranslation();
  const snapshots = useApiQuery('statistics.snapshots', { from: period.from, to: period.to });
  const [open, setOpen] = useState<ReportSnapshot | null>(null);
  const list = (snapshots.data ?? []).filter((s) => (s.counsellor?.id ?? null) === period.counsellorId);
  if (list.length === 0) return null;
  return (
    <section className="panel" aria-label={t('statistics.submittedReports')}>
      <h2>{t('statistics.submittedReports')}</h2>
      <List
        dataSource={list}
        renderItem={(s) => (
          <List.Item
            key={s.id}
            actions={[
              <Button key="compare" onClick={() => setOpen(s)}>
                {t('statistics.compare')}
              </Button>,
            ]}
          >
            {t('statistics.submittedBy', {
              at: localDateTime(new Date(s.submittedAt)),
              name: s.submittedBy.displayName,
            })}
          </List.Item>
        )}
      />
      {open ? <Comparison snapshot={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
