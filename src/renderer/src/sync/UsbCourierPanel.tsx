import { useId, useState } from 'react';
import { Alert, Space } from 'antd';
import { ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { UsbExportResult, UsbImportResult } from '@shared/sync';
import { useUsbCourier } from './hooks';
import { BusyButton, ErrorAlert } from '../components';

interface Outcome {
  type: 'success' | 'info' | 'warning';
  text: string;
}

interface Props {
  /** Not enrolled yet: there is nothing the county could accept, so the buttons wait. */
  disabled: boolean;
}

/** U 盘传送: export sealed batches to a folder, import the county's receipts from it. */
export function UsbCourierPanel({ disabled }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  const exportUsb = useUsbCourier('sync.exportUsb');
  const importReceipts = useUsbCourier('sync.importReceipts');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const busy = exportUsb.isPending || importReceipts.isPending;

  const exported = (r: UsbExportResult): Outcome =>
    r.cancelled
      ? { type: 'info', text: t('sync.cancelled') }
      : r.fileCount === 0
        ? { type: 'info', text: t('sync.exportedNothing') }
        : { type: 'success', text: t('sync.exported', { files: r.fileCount, changes: r.changeCount }) };

  const imported = (r: UsbImportResult): Outcome => {
    if (r.cancelled) return { type: 'info', text: t('sync.cancelled') };
    const parts = [r.applied > 0 ? t('sync.imported', { applied: r.applied }) : t('sync.importedNone')];
    if (r.alreadyApplied > 0) parts.push(t('sync.importedAlready', { count: r.alreadyApplied }));
    if (r.rejected > 0) parts.push(t('sync.importedRejected', { count: r.rejected }));
    if (r.refused > 0) parts.push(t('sync.importedRefused', { count: r.refused }));
    const type = r.rejected > 0 || r.refused > 0 ? 'warning' : r.applied > 0 ? 'success' : 'info';
    return { type, text: parts.join(' ') };
  };

  const start = () => {
    setOutcome(null);
    setError(null);
  };

  const runExport = () => {
    start();
    exportUsb.mutate(null, { onSuccess: (r) => setOutcome(exported(r)), onError: setError });
  };

  const runImport = () => {
    start();
    importReceipts.mutate(null, { onSuccess: (r) => setOutcome(imported(r)), onError: setError });
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-title">
        {t('sync.usbSection')}
      </h2>
      <p className="muted sync-usb-intro">{t('sync.usbIntro')}</p>
      <Space wrap className="form-actions">
        <BusyButton
          icon={<ExportOutlined />}
          onClick={runExport}
          busy={exportUsb.isPending}
          disabled={disabled || busy}
        >
          {t('sync.exportUsb')}
        </BusyButton>
        <BusyButton
          icon={<ImportOutlined />}
          onClick={runImport}
          busy={importReceipts.isPending}
          disabled={disabled || busy}
        >
          {t('sync.importReceipts')}
        </BusyButton>
      </Space>
      {/* A live region that is always there, so screen readers announce the result when it appears. */}
      <div role="status" className="sync-outcome">
        {outcome ? (
          <Alert
            type={outcome.type}
            showIcon
            role="presentation"
            title={outcome.text}
            closable={{ 'aria-label': t('sync.dismissOutcome') }}
            onClose={() => setOutcome(null)}
          />
        ) : null}
      </div>
      <ErrorAlert error={error} />
    </section>
  );
}
