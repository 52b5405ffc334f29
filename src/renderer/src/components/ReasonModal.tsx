import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BusyButton } from './BusyButton';
import { ErrorAlert } from './ErrorAlert';
import { useFormError } from './formErrors';
import { textField } from './inputFields';

/** What to confirm: the words of the dialog and the call it runs with the typed reason. */
export interface ReasonRequest {
  title: string;
  /** What will happen, in plain words, before anything is done. */
  intro: string;
  /** The reason field's label (default 原因). */
  label?: string;
  okText: string;
  /** A red button: for removing or ending something. */
  danger?: boolean;
  /** Shown once the call succeeded. */
  done: string;
  run: (reason: string) => Promise<unknown>;
}

/**
 * Removing, switching off, pausing or closing anything needs a reason, kept with the row and never in the
 * audit log (docs/domain.md). This dialog is the confirmation: it says what will happen, asks why, and runs
 * the call only on its button (Enter in the field, too). Every reason has the same limit (ReasonSchema).
 */
export function ReasonModal({ request, onClose }: { request: ReasonRequest | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const formError = useFormError(form);
  const [busy, setBusy] = useState(false);
  const reason = textField(t, 'volunteers.remove', 'reason');

  const submit = async ({ reason: typed }: { reason?: string }) => {
    if (!request) return;
    formError.clear();
    setBusy(true);
    try {
      await request.run(typed?.trim() ?? '');
      void message.success(request.done);
      form.resetFields();
      onClose();
    } catch (e) {
      formError.report(e, (path) => (path === 'reason' ? 'reason' : null));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={request !== null}
      title={request?.title ?? ''}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      maskClosable={false}
    >
      {request ? (
        <Form
          form={form}
          name="reasonForm"
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => void submit(v)}
        >
          <Typography.Paragraph>{request.intro}</Typography.Paragraph>
          <ErrorAlert error={formError.error} />
          <Form.Item label={request.label ?? t('common.reason')} name="reason" rules={reason.rules}>
            <Input autoFocus autoComplete="off" maxLength={reason.maxLength} />
          </Form.Item>
          <Space className="modal-actions">
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <BusyButton type="primary" danger={request.danger} htmlType="submit" busy={busy}>
              {request.okText}
            </BusyButton>
          </Space>
        </Form>
      ) : null}
    </Modal>
  );
}
