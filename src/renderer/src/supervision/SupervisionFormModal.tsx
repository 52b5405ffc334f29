import { App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@shared/cases';
import type { SupervisionKind } from '@shared/supervision';
import { useApiMutation, useCounsellors } from '../api';
import { BusyButton, ErrorAlert, textField, toLocalDate, todayPicker, useFormError } from '../components';

interface Values {
  target: 'user' | 'station';
  toUserId?: string;
  toStation?: string;
  dueDate?: Dayjs | null;
  instructions?: string;
}

interface Props {
  detail: CaseDetail;
  kind: SupervisionKind | null;
  onClose: () => void;
}

/** 交办 (to a counsellor), 转办 (to a counsellor or another station), 督办 (with a deadline). */
export function SupervisionFormModal({ detail, kind, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const counsellors = useCounsellors();
  const create = useApiMutation('supervision.create');
  const limits = {
    // Asked only for a transfer to another station, and then required (the schema's refinement).
    toStation: textField(t, 'supervision.create', 'toStation', { required: true }),
    instructions: textField(t, 'supervision.create', 'instructions'),
  };
  const target = Form.useWatch('target', form);

  const submit = (v: Values) => {
    if (!kind) return;
    formError.clear();
    const toStation = kind === 'transfer' && v.target === 'station';
    create.mutate(
      {
        kind,
        caseId: detail.id,
        toUserId: toStation ? null : (v.toUserId ?? null),
        toStation: toStation ? (v.toStation?.trim() ?? '') : '',
        dueDate: toLocalDate(v.dueDate),
        instructions: v.instructions?.trim() ?? '',
      },
      {
        onSuccess: () => {
          void message.success(t(`supervision.created_${kind}`));
          form.resetFields();
          onClose();
        },
        onError: (e) => formError.report(e),
      },
    );
  };

  const userOptions = (counsellors.data ?? [])
    .filter((u) => kind === 'supervise' || u.id !== detail.counsellor.id)
    .map((u) => ({
      value: u.id,
      label: t('common.withNote', { main: u.displayName, note: t(`roles.${u.role}`) }),
    }));

  return (
    <Modal
      open={kind !== null}
      title={kind ? t(`supervision.new_${kind}`) : ''}
      onCancel={onClose}
      footer={null}
      width={620}
      destroyOnHidden
      maskClosable={false}
    >
      {kind ? (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark="optional"
          onFinish={submit}
          initialValues={{
            target: 'user',
            toUserId: kind === 'supervise' ? detail.counsellor.id : undefined,
          }}
        >
          <Typography.Paragraph type="secondary">
            {t(`supervision.intro_${kind}`, { name: detail.counsellor.displayName })}
          </Typography.Paragraph>
          <ErrorAlert error={formError.error} />
          {kind === 'transfer' ? (
            <Form.Item label={t('supervision.transferTo')} name="target">
              <Radio.Group
                aria-label={t('supervision.transferTo')}
                optionType="button"
                options={[
                  { value: 'user', label: t('supervision.toCounsellor') },
                  { value: 'station', label: t('supervision.toStation') },
                ]}
              />
            </Form.Item>
          ) : null}
          {kind === 'transfer' && target === 'station' ? (
            <Form.Item label={t('supervision.station')} name="toStation" rules={limits.toStation.rules}>
              <Input autoFocus maxLength={limits.toStation.maxLength} autoComplete="off" />
            </Form.Item>
          ) : (
            <Form.Item
              label={kind === 'supervise' ? t('supervision.supervised') : t('supervision.toUser')}
              name="toUserId"
              rules={[{ required: kind !== 'supervise', message: t('common.required') }]}
            >
              <Select
                autoFocus
                className="input-medium"
                allowClear={kind === 'supervise'}
                showSearch={{ optionFilterProp: 'label' }}
                loading={counsellors.isPending}
                options={userOptions}
              />
            </Form.Item>
          )}
          <Form.Item
            label={t('supervision.dueDate')}
            name="dueDate"
            rules={[{ required: kind === 'supervise', message: t('common.required') }]}
          >
            <DatePicker
              aria-label={t('supervision.dueDate')}
              disabledDate={(d: Dayjs) => d.isBefore(todayPicker(), 'day')}
            />
          </Form.Item>
          <Form.Item
            label={t('supervision.instructions')}
            name="instructions"
            rules={limits.instructions.rules}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={limits.instructions.maxLength} />
          </Form.Item>
          <Space className="modal-actions">
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <BusyButton type="primary" htmlType="submit" busy={create.isPending}>
              {t(`supervision.submit_${kind}`)}
            </BusyButton>
          </Space>
        </Form>
      ) : null}
    </Modal>
  );
}
