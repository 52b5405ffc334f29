import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { RecordResultSchema, type CaseDetail } from '@shared/cases';
import {
  ChannelKindSchema,
  HalfDaySchema,
  SatisfactionSchema,
  type CounsellingRecord,
} from '@shared/records';
import { call, useApiMutation, useCounsellors } from '../api';
import { ErrorAlert, textField, todayPicker, useFormError } from '../components';
import { REQUIRED_TO_SIGN, textOf, valuesOf, type RecordValues, type TextField } from './recordForm';
import { SaveStatus } from './SaveStatus';
import { useAutosave } from './useAutosave';

interface Props {
  detail: CaseDetail;
  /** The draft being continued, or null for a new session. */
  recordId: string | null;
  /** The continued draft's version (what the form's values are based on); null for a new session. */
  baseVersion: number | null;
  initialValues: RecordValues;
  onSaved: (record: CounsellingRecord) => void;
  onSigned: (record: CounsellingRecord) => void;
  onClose: () => void;
}

/**
 * 辅导记录 editor (MZ/T 084—2017 appendix D). Every change is autosaved as a draft; 签署 asks first, then
 * locks the record for good (only dated addenda after that).
 * Saved elsewhere meanwhile (another window, a director): main refuses the save (RECORD_STALE) and the
 * editor says so calmly. Nothing typed is lost: the form keeps it, it can be copied, and after loading the
 * latest version it stays shown beside the form until the user has merged it.
 */
export function RecordEditor({
  detail,
  recordId,
  baseVersion,
  initialValues,
  onSaved,
  onSigned,
  onClose,
}: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const formError = useFormError(form);
  const counsellors = useCounsellors();
  const signing = useApiMutation('records.sign');
  const autosave = useAutosave(detail.id, recordId, baseVersion, onSaved);
  const [missingToSign, setMissingToSign] = useState<string[]>([]);
  /** What the user had typed when a refused draft was reloaded: shown until they say it is merged. */
  const [kept, setKept] = useState<string | null>(null);
  const refused = autosave.state.kind === 'refused' ? autosave.state : null;
  const label = (field: TextField) => t(`records.${field}`);

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      void message.success(t('records.copied'));
    } catch {
      void message.warning(t('records.copyFailed'));
    }
  };

  /** Loads the record as it now is; the user's unsaved text stays visible to merge by hand. */
  const reload = async () => {
    const id = autosave.recordId();
    if (!id || !refused) return;
    formError.clear();
    try {
      const latest = await call('records.get', { recordId: id });
      if (latest.status !== 'draft') {
        void message.warning(t('records.nowSigned'));
        return;
      }
      const mine = textOf(refused.unsaved, label);
      setKept(mine === '' ? null : mine);
      autosave.adopt(latest);
      form.setFieldsValue(valuesOf(latest));
    } catch (e) {
      formError.report(e);
    }
  };

  const partyOptions = useMemo(
    () =>
      detail.parties.map((p) => ({
        value: p.key,
        label: t('common.withNote', { main: t(`parties.${p.key}`), note: p.name }),
      })),
    [detail.parties, t],
  );

  const sign = async () => {
    formError.clear();
    const values = form.getFieldsValue(true) as RecordValues;
    const missing = REQUIRED_TO_SIGN.filter((k) => {
      const v = values[k];
      return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
    });
    setMissingToSign(missing.map((k) => t(`records.${k === 'counsellorIds' ? 'counsellors' : k}`)));
    if (missing.length > 0) {
      form.setFields(missing.map((name) => ({ name, errors: [t('records.neededToSign')] })));
      form.scrollToField(missing[0] ?? 'result', { focus: true });
      return;
    }
    modal.confirm({
      title: t('records.signConfirm'),
      content: t('records.signConfirmBody'),
      okText: t('records.sign'),
      cancelText: t('common.cancel'),
      autoFocusButton: 'cancel',
      onOk: async () => {
        // The signature covers exactly what is on screen: save it first.
        autosave.schedule(values);
        await autosave.flush();
        const id = autosave.recordId();
        // Not saved (changed elsewhere): the notice above says what to do; nothing is signed unseen.
        if (!id || autosave.isRefused()) return;
        try {
          const version = autosave.version();
          const signed = await signing.mutateAsync({
            recordId: id,
            ...(version === null ? {} : { baseVersion: version }),
          });
          void message.success(t('records.signed'));
          onSigned(signed);
        } catch (e) {
          formError.report(e);
        }
      },
    });
  };

  const maxLength = (path: 'familySituation' | 'interviewNotes' | 'interventionAssessment' | 'remarks') =>
    textField(t, 'records.saveDraft', path).maxLength;

  const close = async () => {
    await autosave.flush();
    onClose();
  };

  return (
    <Card
      className="record-editor"
      title={recordId ? t('records.editDraft') : t('records.newRecord')}
      extra={<SaveStatus state={autosave.state} />}
    >
      <ErrorAlert error={formError.error} />
      {refused ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          role="alert"
          title={refused.error.code === 'RECORD_STALE' ? t('records.staleTitle') : refused.error.message}
          description={
            <Space direction="vertical">
              <span>
                {refused.error.code === 'RECORD_STALE' ? t('records.staleBody') : t('records.refusedBody')}
              </span>
              <Space wrap>
                {refused.error.code === 'RECORD_STALE' ? (
                  <Button type="primary" onClick={() => void reload()}>
                    {t('records.reloadLatest')}
                  </Button>
                ) : null}
                <Button onClick={() => void copy(textOf(refused.unsaved, label))}>
                  {t('records.copyMine')}
                </Button>
              </Space>
            </Space>
          }
        />
      ) : null}
      {kept !== null ? (
        <Alert
          className="form-alert"
          type="info"
          title={t('records.keptTitle')}
          description={
            <Space direction="vertical" className="field-grow">
              <Input.TextArea
                readOnly
                value={kept}
                autoSize={{ minRows: 3, maxRows: 12 }}
                aria-label={t('records.keptTitle')}
              />
              <Space wrap>
                <Button onClick={() => void copy(kept)}>{t('records.copyMine')}</Button>
                <Button onClick={() => setKept(null)}>{t('records.dismissKept')}</Button>
              </Space>
            </Space>
          }
        />
      ) : null}
      {missingToSign.length > 0 ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          role="alert"
          title={t('records.missingToSign', { fields: missingToSign.join(t('common.enumSep')) })}
        />
      ) : null}
      <Form<RecordValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={(_, all) => {
          autosave.schedule(all);
          if (missingToSign.length > 0) setMissingToSign([]);
        }}
        aria-label={t('records.editorLabel')}
      >
        <div className="field-row">
          <Form.Item label={t('records.sessionDate')} name="sessionDate">
            <DatePicker
              autoFocus
              aria-label={t('records.sessionDate')}
              disabledDate={(d: Dayjs) => d.isAfter(todayPicker(), 'day')}
            />
          </Form.Item>
          <Form.Item label={t('records.halfDay')} name="halfDay">
            <Radio.Group
              aria-label={t('records.halfDay')}
              optionType="button"
              options={HalfDaySchema.options.map((v) => ({ value: v, label: t(`halfDays.${v}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('records.channel')} name="channel">
            <Radio.Group
              aria-label={t('records.channel')}
              optionType="button"
              options={ChannelKindSchema.options.map((v) => ({ value: v, label: t(`channels.${v}`) }))}
            />
          </Form.Item>
        </div>
        <div className="field-row">
          <Form.Item label={t('records.counsellors')} name="counsellorIds" className="field-grow">
            <Select
              mode="multiple"
              loading={counsellors.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              options={(counsellors.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            />
          </Form.Item>
          <Form.Item
            label={t('records.volunteers')}
            name="volunteerNames"
            className="field-grow"
            extra={t('records.tagsHelp')}
          >
            <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
          </Form.Item>
        </div>
        <div className="field-row">
          <Form.Item label={t('records.attendees')} name={['attendees', 'parties']}>
            <Checkbox.Group aria-label={t('records.attendees')} options={partyOptions} />
          </Form.Item>
          <Form.Item
            label={t('records.otherAttendees')}
            name={['attendees', 'others']}
            className="field-grow"
            extra={t('records.tagsHelp')}
          >
            <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
          </Form.Item>
        </div>
        <Form.Item label={t('records.familySituation')} name="familySituation">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={maxLength('familySituation')} />
        </Form.Item>
        <Form.Item label={t('records.interviewNotes')} name="interviewNotes">
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 24 }} maxLength={maxLength('interviewNotes')} />
        </Form.Item>
        <Form.Item label={t('records.interventionAssessment')} name="interventionAssessment">
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 12 }}
            maxLength={maxLength('interventionAssessment')}
          />
        </Form.Item>
        <div className="field-row">
          <Form.Item label={t('records.result')} name="result">
            <Radio.Group
              aria-label={t('records.result')}
              optionType="button"
              options={RecordResultSchema.options.map((v) => ({ value: v, label: t(`results.${v}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('records.satisfaction')} name="satisfaction">
            <Radio.Group
              aria-label={t('records.satisfaction')}
              optionType="button"
              options={SatisfactionSchema.options.map((v) => ({ value: v, label: t(`satisfaction.${v}`) }))}
            />
          </Form.Item>
        </div>
        <Form.Item label={t('records.remarks')} name="remarks">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={maxLength('remarks')} />
        </Form.Item>
        <Space wrap className="form-actions">
          <Button type="primary" onClick={() => void sign()}>
            {t('records.sign')}
          </Button>
          <Button onClick={() => void close()}>{t('records.closeEditor')}</Button>
          <span className="muted small">{t('records.draftNote')}</span>
        </Space>
      </Form>
    </Card>
  );
}
