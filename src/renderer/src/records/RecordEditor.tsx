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
import { useApiMutation, useCounsellors } from '../api';
import { ErrorAlert, textField, todayPicker, useFormError } from '../components';
import { REQUIRED_TO_SIGN, type RecordValues } from './recordForm';
import { SaveStatus } from './SaveStatus';
import { useAutosave } from './useAutosave';

interface Props {
  detail: CaseDetail;
  /** The draft being continued, or null for a new session. */
  recordId: string | null;
  initialValues: RecordValues;
  onSaved: (record: CounsellingRecord) => void;
  onSigned: (record: CounsellingRecord) => void;
  onClose: () => void;
}

/**
 * 辅导记录 editor (MZ/T 084—2017 appendix D). Every change is autosaved as a draft; 签署 asks first, then
 * locks the record for good (only dated addenda after that).
 */
export function RecordEditor({ detail, recordId, initialValues, onSaved, onSigned, onClose }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const formError = useFormError(form);
  const counsellors = useCounsellors();
  const signing = useApiMutation('records.sign');
  const autosave = useAutosave(detail.id, recordId, onSaved);
  const [missingToSign, setMissingToSign] = useState<string[]>([]);

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
        if (!id) return;
        try {
          const signed = await signing.mutateAsync({ recordId: id });
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
