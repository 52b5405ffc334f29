import { useState } from 'react';
import { Alert, App, Card, Descriptions, Form, InputNumber, Space, Table } from 'antd';
import { CloudDownloadOutlined, SaveOutlined, UsbOutlined, HistoryOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { BACKUP_OVERDUE_DAYS, type BackupEntry, type BackupMade, type RestoreSource } from '@shared/backup';
import { localizeError } from '@shared/i18n';
import { ERROR_CODES, type ErrorCode } from '@shared/errors';
import type { Settings } from '@shared/settings';
import { useApiMutation, useSettings } from '../api';
import { BusyButton, ErrorAlert, numberField } from '../components';
import { currentLocale } from '../i18n';
import { BackupProgress } from './BackupProgress';
import { formatBytes, formatInstant } from './format';
import { useBackupCancel, useBackupExport, useBackupNow, useBackupStatus } from './hooks';
import { RestoreDialog } from './RestoreDialog';

interface Props {
  /** The administrator ('settings.manage'): back up to a folder, restore, rotation counts. */
  admin: boolean;
}

/** 设置 → 备份: the last backup, 立即备份 / 备份到U盘…, the automatic backups, 从备份恢复…, rotation. */
export function BackupCard({ admin }: Props) {
  const { t } = useTranslation();
  const status = useBackupStatus();
  const now = useBackupNow();
  const toUsb = useBackupExport();
  const cancel = useBackupCancel();
  const chooseFile = useApiMutation('backup.chooseFile');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<{ source: RestoreSource; description: string } | null>(null);
  const data = status.data;
  const task = data?.task ?? null;
  const busy = now.isPending || toUsb.isPending || task !== null;

  const done = (r: BackupMade) =>
    setOutcome(
      r.cancelled || !r.fileName
        ? t('backup.cancelled')
        : t('backup.made', { name: r.fileName, size: formatBytes(r.bytes) }),
    );

  const startFileRestore = () =>
    chooseFile.mutate(null, {
      onSuccess: (r) => {
        if (r.cancelled || !r.fileName) {
          setOutcome(t('backup.noFile'));
          return;
        }
        setRestoring({
          source: { kind: 'chosen' },
          description: t('backup.fileChosen', { name: r.fileName, size: formatBytes(r.bytes) }),
        });
      },
    });

  const columns = [
    {
      title: t('backup.colTime'),
      dataIndex: 'createdAt',
      render: (v: string) => formatInstant(v),
    },
    {
      title: t('backup.colReason'),
      dataIndex: 'reason',
      render: (v: BackupEntry['reason']) => t(`backupReasons.${v}`),
    },
    { title: t('backup.colSize'), dataIndex: 'bytes', render: (v: number) => formatBytes(v) },
    ...(admin
      ? [
          {
            title: t('backup.colActions'),
            key: 'actions',
            render: (_: unknown, b: BackupEntry) => (
              <BusyButton
                size="small"
                busy={false}
                disabled={busy}
                aria-label={t('backup.restoreThisLabel', { time: formatInstant(b.createdAt) })}
                onClick={() =>
                  setRestoring({
                    source: { kind: 'automatic', fileName: b.fileName },
                    description: t('backup.automaticChosen', { time: formatInstant(b.createdAt) }),
                  })
                }
              >
                {t('backup.restoreThis')}
              </BusyButton>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card className="panel" title={t('backup.title')} variant="borderless" id="settings-backup">
      <p className="muted">{t('backup.intro')}</p>
      <ErrorAlert error={status.error} />
      {data ? (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'last',
                label: t('backup.lastBackup'),
                children: data.lastBackupAt ? formatInstant(data.lastBackupAt) : t('backup.never'),
              },
            ]}
          />
          {data.overdue ? (
            <Alert
              className="form-alert"
              type="warning"
              showIcon
              title={t('backup.overdue', { days: BACKUP_OVERDUE_DAYS })}
            />
          ) : null}
          {data.lastFailure ? (
            <Alert
              className="form-alert"
              type="error"
              showIcon
              title={t('backup.lastFailure', {
                time: formatInstant(data.lastFailure.at),
                message: failureMessage(data.lastFailure.code),
              })}
            />
          ) : null}
        </>
      ) : null}
      <Space wrap className="form-actions">
        <BusyButton
          type="primary"
          icon={<SaveOutlined />}
          busy={now.isPending}
          disabled={busy && !now.isPending}
          onClick={() => {
            setOutcome(null);
            now.mutate(null, { onSuccess: done });
          }}
        >
          {t('backup.backupNow')}
        </BusyButton>
        {admin ? (
          <>
            <BusyButton
              icon={<UsbOutlined />}
              busy={toUsb.isPending}
              disabled={busy && !toUsb.isPending}
              onClick={() => {
                setOutcome(null);
                toUsb.mutate(null, { onSuccess: done });
              }}
            >
              {t('backup.backupToUsb')}
            </BusyButton>
            <BusyButton
              icon={<HistoryOutlined />}
              busy={chooseFile.isPending}
              disabled={busy}
              danger
              onClick={startFileRestore}
            >
              {t('backup.restoreFromFile')}
            </BusyButton>
          </>
        ) : null}
      </Space>
      {task ? (
        <BackupProgress task={task} cancelling={cancel.isPending} onCancel={() => cancel.mutate(null)} />
      ) : null}
      <div role="status" className="backup-outcome">
        {outcome ? <Alert type="info" showIcon role="presentation" title={outcome} /> : null}
      </div>
      <ErrorAlert error={now.error ?? toUsb.error ?? chooseFile.error} />

      <h3 className="panel-subtitle">
        <CloudDownloadOutlined aria-hidden /> {t('backup.automaticSection')}
      </h3>
      <Table<BackupEntry>
        size="small"
        rowKey="fileName"
        columns={columns}
        dataSource={data?.backups ?? []}
        loading={status.isPending}
        pagination={false}
        locale={{ emptyText: t('backup.noBackups') }}
      />
      {admin ? <RotationForm /> : null}
      {restoring ? (
        <RestoreDialog
          source={restoring.source}
          description={restoring.description}
          onClose={() => setRestoring(null)}
        />
      ) : null}
    </Card>
  );
}

const failureMessage = (code: string): string =>
  localizeError(
    currentLocale(),
    (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL',
  );

/** How many automatic backups are kept (the office's settings). */
function RotationForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useSettings();
  const update = useApiMutation('settings.update');
  const daily = numberField('settings.update', 'backupKeepDaily');
  const weekly = numberField('settings.update', 'backupKeepWeekly');
  if (!settings.data) return null;
  const initial: Pick<Settings, 'backupKeepDaily' | 'backupKeepWeekly'> = {
    backupKeepDaily: settings.data.backupKeepDaily,
    backupKeepWeekly: settings.data.backupKeepWeekly,
  };
  return (
    <Form<typeof initial>
      layout="vertical"
      requiredMark={false}
      initialValues={initial}
      className="backup-rotation"
      onFinish={(v) => update.mutate(v, { onSuccess: () => void message.success(t('backup.rotationSaved')) })}
    >
      <h3 className="panel-subtitle">{t('backup.rotationSection')}</h3>
      <ErrorAlert error={update.error} />
      <Space wrap align="start">
        <Form.Item
          label={t('backup.keepDaily')}
          name="backupKeepDaily"
          extra={t('backup.keepDailyHelp')}
          rules={[
            {
              required: true,
              type: 'integer',
              min: daily.min,
              max: daily.max,
              message: `${daily.min}–${daily.max}`,
            },
          ]}
        >
          <InputNumber min={daily.min} max={daily.max} precision={0} className="number-input" />
        </Form.Item>
        <Form.Item
          label={t('backup.keepWeekly')}
          name="backupKeepWeekly"
          extra={t('backup.keepWeeklyHelp')}
          rules={[
            {
              required: true,
              type: 'integer',
              min: weekly.min,
              max: weekly.max,
              message: `${weekly.min}–${weekly.max}`,
            },
          ]}
        >
          <InputNumber min={weekly.min} max={weekly.max} precision={0} className="number-input" />
        </Form.Item>
      </Space>
      <BusyButton htmlType="submit" busy={update.isPending}>
        {t('common.save')}
      </BusyButton>
    </Form>
  );
}
