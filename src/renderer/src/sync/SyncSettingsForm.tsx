import { App, Form, InputNumber, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncSettings } from '@shared/sync';
import { useSyncStatusWrite } from './hooks';
import { BusyButton, ErrorAlert, numberField, useFormError } from '../components';

/** 自动同步 and 同步间隔: saved on their own (the office form above has its own save). */
export function SyncSettingsForm({ settings }: { settings: SyncSettings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SyncSettings>();
  const formError = useFormError(form);
  const update = useSyncStatusWrite('sync.updateSettings');
  const interval = numberField('sync.updateSettings', 'intervalMinutes');

  const save = (values: SyncSettings) => {
    formError.clear();
    update.mutate(values, {
      onSuccess: () => void message.success(t('syncSettings.saved')),
      onError: (error) => formError.report(error),
    });
  };

  return (
    <Form<SyncSettings>
      form={form}
      name="syncSettings"
      layout="vertical"
      requiredMark={false}
      onFinish={save}
      initialValues={settings}
      className="sync-settings-form"
    >
      <ErrorAlert error={formError.error} />
      <Form.Item
        label={t('syncSettings.autoSync')}
        name="autoSync"
        valuePropName="checked"
        extra={t('syncSettings.autoSyncHelp')}
      >
        <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
      </Form.Item>
      <Form.Item
        label={t('syncSettings.interval')}
        name="intervalMinutes"
        extra={t('syncSettings.intervalHelp')}
        rules={[
          {
            required: true,
            type: 'integer',
            min: interval.min,
            max: interval.max,
            message: t('syncSettings.intervalRange'),
          },
        ]}
      >
        <InputNumber min={interval.min} max={interval.max} precision={0} className="number-input" />
      </Form.Item>
      <BusyButton htmlType="submit" busy={update.isPending} disabled={update.isPending}>
        {t('syncSettings.save')}
      </BusyButton>
    </Form>
  );
}
