import { useEffect, useRef, useState, type RefObject } from 'react';
import { Alert, Button, Checkbox, Form, Modal, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ArchiveExportResult, ExportPreview } from '@shared/archive';
import { useApiMutation } from '../api';
import { BusyButton, ErrorAlert, useFormError } from '../components';
import { formatBytes } from './format';
import { useArchiveCancel, useArchiveProgress, useExportPreview, type Selection } from './hooks';
import './archive.css';
import { ArchiveCounts } from './ArchiveCounts';
import { JobProgress } from './JobProgress';
import { useOmittedSentences } from './omitted';
import { PassphraseFields } from './PassphraseFields';

interface Values {
  passphrase: string;
  passphraseConfirm: string;
  summaryPdf?: boolean;
}

interface Props {
  selection: Selection;
  /** What the selection is, in words ("所选的 3 个案件"). */
  scope: string;
  onClose: () => void;
}

/**
 * 导出案卷: what will be exported (and what is left out, and why), a passphrase typed twice, the optional
 * unencrypted PDF summary; then main asks for the folder and writes, with a progress bar and 取消; then
 * where the file is. The passphrase lives only in this form and goes when the dialog closes.
 */
export function ExportDialog({ selection, scope, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const preview = useExportPreview(selection);
  const exporting = useApiMutation('archive.export');
  const cancel = useArchiveCancel();
  const progress = useArchiveProgress(exporting.isPending);
  const [result, setResult] = useState<ArchiveExportResult | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const summaryPdf = Form.useWatch('summaryPdf', form) === true;
  const running = exporting.isPending;
  const heading = useRef<HTMLDivElement>(null);

  // The form's buttons go away while it runs and when it is done: the keyboard goes to what replaced them.
  useEffect(() => {
    if (running || result) heading.current?.focus();
  }, [running, result]);

  const submit = (values: Values) => {
    formError.clear();
    setCancelled(false);
    exporting.mutate(
      {
        selection,
        passphrase: values.passphrase,
        passphraseConfirm: values.passphraseConfirm,
        summaryPdf: values.summaryPdf === true,
      },
      {
        onSuccess: (answer) => {
          if (answer.cancelled) {
            setCancelled(true);
            return;
          }
          form.resetFields();
          setResult(answer);
        },
        onError: (e) =>
          formError.report(e, (path) =>
            path === 'passphrase' || path === 'passphraseConfirm' ? path : null,
          ),
      },
    );
  };

  const stop = () => cancel.mutate(null);
  const nothing = preview.data?.caseCount === 0;

  return (
    <Modal
      open
      title={t('archive.dialogTitle')}
      onCancel={running ? undefined : onClose}
      closable={!running}
      keyboard={!running}
      maskClosable={false}
      footer={null}
      width={640}
      destroyOnHidden
    >
      {result ? (
        <ExportDone result={result} headingRef={heading} onClose={onClose} />
      ) : (
        <>
          {running ? (
            <div ref={heading} tabIndex={-1} className="archive-focus">
              <JobProgress
                label={t('archive.progressLabel')}
                job={progress.data?.job}
                waiting={t('archive.choosingFolder')}
                cancelLabel={t('archive.cancelExport')}
                cancelling={cancel.isPending || cancel.isSuccess}
                onCancel={stop}
              />
            </div>
          ) : null}
          {/* Hidden, not gone, while it runs: a refusal or a cancel brings it back as it was typed. */}
          <div hidden={running}>
            <Form<Values>
              form={form}
              name="archiveExport"
              layout="vertical"
              requiredMark={false}
              onFinish={(v) => {
                cancel.reset();
                submit(v);
              }}
            >
              <section aria-label={t('archive.whatTitle')} className="archive-what">
                <Typography.Paragraph>{t('archive.whatIntro', { scope })}</Typography.Paragraph>
                {preview.isPending ? (
                  <Skeleton active title={false} paragraph={{ rows: 2 }} />
                ) : preview.isError ? (
                  <ErrorAlert error={preview.error} />
                ) : (
                  <PreviewCounts preview={preview.data} />
                )}
              </section>
              {nothing ? <Alert type="info" showIcon title={t('archive.nothingToExport')} /> : null}
              {cancelled ? (
                <div role="status">
                  <Alert type="info" showIcon title={t('archive.cancelled')} />
                </div>
              ) : null}
              <ErrorAlert error={formError.error} />
              <PassphraseFields autoFocus />
              <Alert className="archive-note" type="info" showIcon title={t('archive.passphraseNote')} />
              <Form.Item name="summaryPdf" valuePropName="checked" className="archive-summary">
                <Checkbox>{t('archive.summaryPdf')}</Checkbox>
              </Form.Item>
              {summaryPdf ? (
                <Alert className="archive-note" type="warning" showIcon title={t('archive.summaryWarning')} />
              ) : null}
              <Space className="modal-actions">
                <Button onClick={onClose}>{t('common.cancel')}</Button>
                <BusyButton
                  type="primary"
                  htmlType="submit"
                  busy={running}
                  disabled={nothing || preview.isError}
                >
                  {t('archive.chooseAndExport')}
                </BusyButton>
              </Space>
            </Form>
          </div>
        </>
      )}
    </Modal>
  );
}

/** 案件 3 · 家庭档案 1 · …, then a sentence for each thing left out. */
function PreviewCounts({ preview }: { preview: ExportPreview }) {
  const omitted = useOmittedSentences(preview.omitted, 'export');
  const counts = [
    ['countCases', preview.caseCount],
    ['countFamilies', preview.familyCount],
    ['countRecords', preview.recordCount],
    ['countAddenda', preview.addendumCount],
    ['countReferrals', preview.referralCount],
    ['countSupervision', preview.supervisionCount],
    ['countVisits', preview.visitCount],
    ['countDv', preview.dvDisclosureCount],
  ] as const;
  return <ArchiveCounts counts={counts} omitted={omitted} testId="archive-export-counts" />;
}

function ExportDone({
  result,
  headingRef,
  onClose,
}: {
  result: ArchiveExportResult;
  headingRef: RefObject<HTMLDivElement | null>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="archive-done">
      <div ref={headingRef} tabIndex={-1} role="status" className="archive-focus">
        <Alert
          type="success"
          showIcon
          role="presentation"
          title={t('archive.doneTitle')}
          description={t('archive.doneCases', { count: result.caseCount, size: formatBytes(result.bytes) })}
        />
      </div>
      <dl className="archive-facts">
        <div>
          <dt>{t('archive.doneFile')}</dt>
          <dd className="mono">{result.fileName}</dd>
        </div>
        <div>
          <dt>{t('archive.doneFolder')}</dt>
          <dd className="mono">{result.folder}</dd>
        </div>
        {result.summaryFileName ? (
          <div>
            <dt>{t('archive.doneSummary')}</dt>
            <dd className="mono">{result.summaryFileName}</dd>
          </div>
        ) : null}
      </dl>
      <Alert className="archive-note" type="warning" showIcon title={t('archive.doneReminder')} />
      <Alert className="archive-note" type="info" showIcon title={t('archive.donePassphrase')} />
      <Space className="modal-actions">
        <Button type="primary" onClick={onClose} autoFocus>
          {t('archive.close')}
        </Button>
      </Space>
    </div>
  );
}
