import { useId, useState } from 'react';
import { Alert, App, Checkbox, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportCase, ImportCaseState, ImportPreview, ImportResult } from '@shared/archive';
import { useApiMutation } from '../api';
import { BusyButton, ErrorAlert, usePaginationNames } from '../components';
import { ArchiveCounts } from './ArchiveCounts';
import { formatTime } from './format';
import { useOmittedSentences } from './omitted';

const STATE_COLOURS: Record<ImportCaseState, string> = {
  new: 'green',
  same: 'default',
  archive_newer: 'blue',
  local_newer: 'orange',
  diverged: 'red',
};

export function ImportStateTag({ state }: { state: ImportCaseState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOURS[state]}>{t(`importCaseStates.${state}`)}</Tag>;
}

interface Props {
  preview: ImportPreview;
  fileName: string | null;
  discarding: boolean;
  onDiscard: () => void;
  onImported: (result: ImportResult) => void;
}

/**
 * What the archive holds and how each case stands against this desk. Only a case whose archived copy is
 * newer may replace this desk's, and only when ticked; every other differing case is kept twice, flagged
 * 待核对. 导入 asks once more, saying what will happen.
 */
export function ImportPreviewView({ preview, fileName, discarding, onDiscard, onImported }: Props) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const pageNames = usePaginationNames();
  const headingId = useId();
  const casesHeadingId = useId();
  const apply = useApiMutation('archive.applyImport');
  const [replace, setReplace] = useState<ReadonlySet<string>>(new Set());
  const omitted = useOmittedSentences(preview.omitted, 'import');

  const count = (state: ImportCaseState) => preview.cases.filter((c) => c.state === state).length;
  const replaced = replace.size;
  const kept = count('archive_newer') - replaced + count('local_newer') + count('diverged');
  const toggle = (caseId: string, on: boolean) =>
    setReplace((previous) => {
      const next = new Set(previous);
      if (on) next.add(caseId);
      else next.delete(caseId);
      return next;
    });

  const confirmImport = () => {
    modal.confirm({
      title: t('archive.applyConfirmTitle'),
      content: t('archive.applyConfirmBody', {
        added: count('new'),
        replaced,
        kept,
        same: count('same'),
      }),
      okText: t('archive.applyOk'),
      cancelText: t('common.cancel'),
      autoFocusButton: 'ok',
      onOk: () =>
        apply
          .mutateAsync({ replaceCaseIds: [...replace] })
          .then(onImported)
          .catch(() => undefined),
    });
  };

  const columns: TableColumnsType<ImportCase> = [
    {
      title: t('archive.colCaseNumber'),
      dataIndex: 'caseNumber',
      render: (n: string) => <span className="mono">{n}</span>,
    },
    {
      title: t('archive.colState'),
      dataIndex: 'state',
      render: (state: ImportCaseState) => <ImportStateTag state={state} />,
    },
    {
      title: t('archive.colDifferences'),
      dataIndex: 'differences',
      render: (d: ImportCase['differences']) =>
        d.length === 0
          ? t('archive.noDifferences')
          : d.map((x) => t(`archiveDifferences.${x}`)).join(t('common.enumSep')),
    },
    {
      title: t('archive.colArchiveUpdated'),
      dataIndex: 'archiveUpdatedAt',
      render: (at: string) => formatTime(at),
    },
    {
      title: t('archive.colLocalUpdated'),
      dataIndex: 'localUpdatedAt',
      render: (at: string | null) => (at ? formatTime(at) : t('archive.notOnDesk')),
    },
    {
      title: t('archive.colReplace'),
      key: 'replace',
      render: (_, c) =>
        c.state === 'archive_newer' ? (
          <Checkbox
            checked={replace.has(c.caseId)}
            aria-label={t('archive.replaceCase', { caseNumber: c.caseNumber })}
            onChange={(e) => toggle(c.caseId, e.target.checked)}
          >
            {t('archive.replaceWithNewer')}
          </Checkbox>
        ) : null,
    },
  ];

  const counts = [
    ['countCases', preview.caseCount],
    ['countFamilies', preview.familyCount],
    ['countRecords', preview.recordCount],
    ['countReferrals', preview.referralCount],
    ['countVisits', preview.visitCount],
    ['countDv', preview.dvDisclosureCount],
  ] as const;

  return (
    <>
      <section className="panel" aria-labelledby={headingId}>
        <h2 id={headingId} className="panel-title">
          {t('archive.previewTitle')}
        </h2>
        <p className="muted">
          {fileName ? <span className="mono">{fileName}</span> : null}
          {fileName ? t('common.listSep') : null}
          {t('archive.exportedAt', { time: formatTime(preview.exportedAt) })}
        </p>
        <ArchiveCounts counts={counts} omitted={omitted} testId="archive-import-counts" />
      </section>
      <section className="panel" aria-labelledby={casesHeadingId}>
        <h2 id={casesHeadingId} className="panel-title">
          {t('archive.casesTitle')}
        </h2>
        <Table<ImportCase>
          className="archive-table"
          rowKey="caseId"
          size="middle"
          columns={columns}
          dataSource={preview.cases}
          locale={{ emptyText: t('archive.emptyArchive') }}
          pagination={
            preview.cases.length > 50 ? { ...pageNames, pageSize: 50, showSizeChanger: false } : false
          }
        />
        <Alert
          className="archive-note"
          type={kept > 0 ? 'warning' : 'info'}
          showIcon
          title={kept > 0 ? t('archive.keptNote', { count: kept }) : t('archive.noConflicts')}
        />
        <ErrorAlert error={apply.error} />
        <Space className="form-actions">
          <BusyButton onClick={onDiscard} busy={discarding} disabled={apply.isPending}>
            {t('archive.discard')}
          </BusyButton>
          <BusyButton
            type="primary"
            busy={apply.isPending}
            disabled={preview.cases.length === 0}
            onClick={confirmImport}
          >
            {t('archive.apply')}
          </BusyButton>
        </Space>
      </section>
    </>
  );
}
