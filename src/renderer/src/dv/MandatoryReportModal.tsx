import { App, Button, Form, Modal, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DvDisclosure } from '@shared/dv';
import { queryKey, useApiMutation } from '../api';
import { BusyButton, ErrorAlert, toLocalDate, todayPicker, useFormError } from '../components';
import { MandatoryReportFields } from './MandatoryReportFields';

interface Values {
  reportedAt: Dayjs | null;
  reportedTo: string;
  reference?: string;
}

/** 记录强制报告 (未成年人保护法 Art. 11 / 反家庭暴力法 Art. 14). */
export function MandatoryReportModal({
  disclosure,
  onClose,
}: {
  disclosure: DvDisclosure | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const record = useApiMutation('dv.recordMandatoryReport');
  const submit = (v: Values) => {
    if (!disclosure) return;
    formError.clear();
    record.mutate(
      {
        disclosureId: disclosure.id,
        reportedAt: toLocalDate(v.reportedAt) ?? '',
        reportedTo: v.reportedTo.trim(),
        reference: v.reference?.trim() ?? '',
      },
      {
        onSuccess: (d) => {
          client.setQueryData<DvDisclosure[]>(queryKey('dv.list', { caseId: d.caseId }), (old = []) =>
            old.map((x) => (x.id === d.id ? d : x)),
          );
          void message.success(t('dv.reportRecorded'));
          form.resetFields();
          onClose();
        },
        onError: (e) => formError.report(e),
      },
    );
  };
  return (
    <Modal
      open={disclosure !== null}
      title={t('dv.recordReport')}
      onCancel={onClose}
      footer={null}
      width={640}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        initialValues={{ reportedAt: todayPicker() }}
      >
        <Typography.Paragraph>{t('dv.reportIntro')}</Typography.Paragraph>
        <ErrorAlert error={formError.error} />
        <MandatoryReportFields autoFocus />
        <Space className="modal-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <BusyButton type="primary" htmlType="submit" busy={record.isPending}>
            {t('dv.recordReport')}
          </BusyButton>
        </Space>
      </Form>
    </Modal>
  );
}
