import { useEffect, useId, useRef, useState } from 'react';
import { App, Form, Input, Steps, type InputRef } from 'antd';
import { FolderOpenOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, ImportResult } from '@shared/archive';
import { call, errorMessage, useApiMutation } from '../api';
import { BusyButton, ErrorAlert, Page, useFormError } from '../components';
import { PASSPHRASE_MAX_LENGTH } from './PassphraseFields';
import { useArchiveCancel, useArchiveProgress } from './hooks';
import './archive.css';
import { ImportDone } from './ImportDone';
import { ImportPreviewView } from './ImportPreviewView';
import { JobProgress } from './JobProgress';

type Step = 'choose' | 'preview' | 'done';

/**
 * 导入案卷 (/cases/import): choose the file (main shows the dialog and keeps the path), type its passphrase,
 * read it, see how each case stands against this desk, tick the newer copies that may replace this desk's,
 * import. Leaving the page before importing discards what was read.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ passphrase: string }>();
  const formError = useFormError(form);
  const choose = useApiMutation('archive.chooseImport');
  const read = useApiMutation('archive.readImport');
  const discard = useApiMutation('archive.discardImport');
  const cancel = useArchiveCancel();
  const progress = useArchiveProgress(read.isPending);
  const [fileName, setFileName] = useState<string | null>(null);
  const [chooseNote, setChooseNote] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<{ result: ImportResult; preview: ImportPreview } | null>(null);
  const step: Step = result ? 'done' : preview ? 'preview' : 'choose';
  const fileHeading = useId();
  const passphraseInput = useRef<InputRef>(null);
  // A file chosen: the next thing to do is its passphrase.
  useEffect(() => {
    if (fileName) passphraseInput.current?.focus();
  }, [fileName]);

  // What main holds of a read archive (decrypted rows) is dropped when the page goes without importing.
  const held = useRef(false);
  useEffect(() => {
    held.current = preview !== null && result === null;
  }, [preview, result]);
  useEffect(
    () => () => {
      if (held.current) void call('archive.discardImport', null).catch(() => undefined);
    },
    [],
  );

  const pick = () => {
    setChooseNote(null);
    formError.clear();
    choose.mutate(null, {
      onSuccess: (chosen) => {
        if (chosen.cancelled || !chosen.fileName) {
          setChooseNote(t('archive.fileCancelled'));
          return;
        }
        setFileName(chosen.fileName);
        form.resetFields();
      },
      onError: (e) => {
        setFileName(null);
        formError.report(e);
      },
    });
  };

  const readArchive = ({ passphrase }: { passphrase: string }) => {
    formError.clear();
    cancel.reset();
    read.mutate(
      { passphrase },
      {
        onSuccess: (answer) => {
          form.resetFields();
          setPreview(answer);
        },
        onError: (e) => {
          if (e.code === 'ARCHIVE_CANCELLED') {
            void message.info(errorMessage(e));
            return;
          }
          formError.report(e, (path) => (path === 'passphrase' ? path : null));
        },
      },
    );
  };

  const drop = () => {
    discard.mutate(null, {
      onSuccess: () => {
        setPreview(null);
        setFileName(null);
        void message.info(t('archive.discarded'));
      },
      onError: (e) => void message.error(errorMessage(e)),
    });
  };

  const restart = () => {
    setResult(null);
    setPreview(null);
    setFileName(null);
    setChooseNote(null);
  };

  const current = { choose: fileName ? 1 : 0, preview: 2, done: 3 }[step];

  return (
    <Page title={t('archive.importTitle')} intro={t('archive.importIntro')}>
      <div className="panel">
        <Steps
          size="small"
          current={current}
          items={[
            { title: t('archive.stepChoose') },
            { title: t('archive.stepPassphrase') },
            { title: t('archive.stepPreview') },
            { title: t('archive.stepDone') },
          ]}
        />
      </div>
      {step === 'choose' ? (
        <section className="panel" aria-labelledby={fileHeading}>
          <h2 id={fileHeading} className="panel-title">
            {t('archive.chooseFile')}
          </h2>
          <p className="archive-file" role="status">
            {choose.isPending
              ? t('archive.choosingFile')
              : fileName
                ? t('archive.fileChosen', { fileName })
                : (chooseNote ?? t('archive.noFileChosen'))}
          </p>
          <BusyButton
            icon={<FolderOpenOutlined />}
            type={fileName ? 'default' : 'primary'}
            busy={choose.isPending}
            disabled={read.isPending}
            onClick={pick}
          >
            {fileName ? t('archive.chooseAnother') : t('archive.chooseFile')}
          </BusyButton>
          <ErrorAlert error={formError.error} />
          {fileName ? (
            <div className="archive-read">
              <div hidden={read.isPending}>
                <Form
                  form={form}
                  name="archiveRead"
                  layout="vertical"
                  requiredMark={false}
                  onFinish={readArchive}
                >
                  <Form.Item
                    label={t('archive.readPassphrase')}
                    name="passphrase"
                    extra={t('archive.readPassphraseHint')}
                    rules={[{ required: true, message: t('common.required') }]}
                  >
                    <Input.Password
                      ref={passphraseInput}
                      autoComplete="off"
                      maxLength={PASSPHRASE_MAX_LENGTH}
                    />
                  </Form.Item>
                  <BusyButton type="primary" htmlType="submit" busy={read.isPending}>
                    {t('archive.read')}
                  </BusyButton>
                </Form>
              </div>
              {read.isPending ? (
                <JobProgress
                  label={t('archive.readingLabel')}
                  job={progress.data?.job}
                  waiting={t('archivePhases.reading')}
                  cancelLabel={t('archive.cancelRead')}
                  cancelling={cancel.isPending || cancel.isSuccess}
                  onCancel={() => cancel.mutate(null)}
                />
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}
      {step === 'preview' && preview ? (
        <ImportPreviewView
          preview={preview}
          fileName={fileName}
          discarding={discard.isPending}
          onDiscard={drop}
          onImported={(answer) => setResult({ result: answer, preview })}
        />
      ) : null}
      {step === 'done' && result ? (
        <ImportDone result={result.result} preview={result.preview} onAnother={restart} />
      ) : null}
    </Page>
  );
}
