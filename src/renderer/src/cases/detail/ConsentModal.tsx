import { App, Button, DatePicker, Form, Modal, Radio, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ConsentedBySchema, ConsentMethodSchema, type CaseDetail, type Consent } from '@shared/cases';
import { useCaseWrite } from '../hooks';
import { BusyButton, ErrorAlert, toLocalDate, todayPicker, useFormError } from '../../components';

interface Values {
  consentedBy: Consent['consentedBy'];
  consentedAt: Dayjs;
  method: Consent['method'];
}

/** 记录单独同意 after intake: from then on the sensitive fields may be filled in. */
export function ConsentModal({
  detail,
  open,
  onClose,
}: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const record = useCaseWrite('cases.recordConsent');
  const submit = (v: Values) => {
    formError.clear();
    record.mutate(
      {
        caseId: detail.id,
        consent: {
          consentedBy: v.consentedBy,
          consentedAt: toLocalDate(v.consentedAt) ?? '',
          method: v.method,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('caseDetail.consentRecorded'));
          onClose();
        },
        onError: (e) =>
          formError.report(e, (p) => (p.startsWith('consent.') ? p.slice('consent.'.length) : null)),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('caseDetail.recordConsent')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        initialValues={{ consentedBy: 'both', consentedAt: todayPicker(), method: 'written' }}
      >
        <Typography.Paragraph type="secondary">{t('intake.consentIntro')}</Typography.Paragraph>
        <ErrorAlert error={formError.error} />
        <Form.Item label={t('consent.by')} name="consentedBy" rules={[{ required: true }]}>
          <Radio.Group
            aria-label={t('consent.by')}
            options={ConsentedBySchema.options.map((v) => ({ value: v, label: t(`consentBy.${v}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={t('consent.at')}
          name="consentedAt"
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker
            allowClear={false}
            aria-label={t('consent.at')}
            disabledDate={(d: Dayjs) => d.isAfter(todayPicker(), 'day')}
          />
        </Form.Item>
        <Form.Item label={t('consent.method')} name="method" rules={[{ required: true }]}>
          <Radio.Group
            aria-label={t('consent.method')}
            options={ConsentMethodSchema.options.map((v) => ({ value: v, label: t(`consentMethods.${v}`) }))}
          />
        </Form.Item>
        <Space className="modal-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <BusyButton type="primary" htmlType="submit" busy={record.isPending}>
            {t('caseDetail.recordConsent')}
          </BusyButton>
        </Space>
      </Form>
    </Modal>
  );
}
