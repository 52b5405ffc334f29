import { useState } from 'react';
import { FileExcelOutlined } from '@ant-design/icons';
import { App, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerExportResult } from '@shared/ledger';
import { errorMessage, useApiMutation } from '../api';
import { BusyButton } from '../components';

interface Props {
  /** The period, office-local dates 'YYYY-MM-DD', both inclusive. */
  from: string;
  to: string;
  /** Narrow the cases (and visits) to one counsellor in charge; null or absent: every case one may see. */
  counsellorId?: string | null;
  disabled?: boolean;
}

/**
 * 导出工作台账 for a period (docs/ledger-format.md): main asks for the folder and writes the .xlsx; the button
 * shows it is working, then a message and a status line say where the file went (or that nothing was
 * written). Placed by the 统计 page next to its period picker.
 */
export function LedgerExportButton({ from, to, counsellorId = null, disabled }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const exporting = useApiMutation('ledger.export');
  const [done, setDone] = useState<LedgerExportResult | null>(null);

  const run = () => {
    setDone(null);
    exporting.mutate(
      { from, to, counsellorId },
      {
        onSuccess: (answer) => {
          if (answer.cancelled) {
            void message.info(t('ledger.cancelled'));
            return;
          }
          setDone(answer);
          void message.success(t('ledger.done', { fileName: answer.fileName }));
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  };

  return (
    <span className="ledger-export">
      <BusyButton
        busy={exporting.isPending}
        disabled={disabled}
        icon={<FileExcelOutlined aria-hidden />}
        onClick={run}
        title={t('ledger.hint')}
      >
        {exporting.isPending ? t('ledger.exporting') : t('ledger.export')}
      </BusyButton>
      <Typography.Text type="secondary" role="status" aria-live="polite" style={{ marginInlineStart: 8 }}>
        {done
          ? t('ledger.doneDetail', {
              folder: done.folder,
              cases: done.rowCounts.cases,
              records: done.rowCounts.records,
            })
          : ''}
      </Typography.Text>
    </span>
  );
}
