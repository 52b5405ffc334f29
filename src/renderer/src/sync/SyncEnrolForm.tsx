import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSyncStatusWrite } from './hooks';
import { ErrorAlert, useFormError, BusyButton } from '../components';

interface Values {
  code: string;
}

/**
 * Not enrolled yet: the admin pastes the county's one-time code. Main checks it, reaches the county over
 * the pinned certificate and keeps the county keys; every SYNC_* refusal arrives as its own plain message.
 */
interface Props {
  autoFocus: boolean;
  onEnrolled: () => void;
}

export function SyncEnrolForm({ autoFocus, onEnrolled }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const enrol = useSyncStatusWrite('sync.enrol');

  const submit = ({ code }: Values) => {
    formError.clear();
    enrol.mutate(
      { code: code.trim() },
      {
        onSuccess: () => {
          void message.success(t('syncSettings.enrolled'));
          onEnrolled();
        },
        onError: (error) => formError.report(error),
      },
    );
  };

  return (
    <Form<Values> form={form} name="syncEnrol" layout="vertical" requiredMark={false} onFinish={submit}>
      <p className="muted">{t('syncSettings.enrolIntro')}</p>
      <ErrorAlert error={formError.error} />
      <Form.Item
        label={t('syncSettings.code')}
        name="code"
        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
      >
        <Input.TextArea
          className="mono-input sync-code"
          rows={4}
          autoFocus={autoFocus}
          spellCheck={false}
          autoComplete="off"
          placeholder={t('syncSettings.codePlaceholder')}
        />
      </Form.Item>
      <BusyButton type="primary" htmlType="submit" busy={enrol.isPending} disabled={enrol.isPending}>
        {t('syncSettings.enrol')}
      </BusyButton>
    </Form>
  );
}
