import { Alert, App, Card, Form, InputNumber, Skeleton, Switch, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { can } from '@shared/roles';
import type { Office, Locale, Settings } from '@shared/settings';
import type { SessionUser } from '@shared/users';
import { useApiMutation, useSettings } from '../api';
import { BusyButton, ErrorAlert, numberField, Page, useFormError } from '../components';
import { applyLanguage } from '../i18n';
import { LanguagePicker, OfficeFields } from '../setup';
import { HolidaysSection } from '../calendar';
import { FollowUpRulesCard } from './FollowUpRulesCard';
import { SettingsView } from './SettingsView';
import { SyncSettingsCard } from '../sync';
import { BackupCard } from '../backup';

interface Values {
  office: Office;
  idleLockMinutes: number;
  closingTime: Dayjs;
  weekendsExtend: boolean;
}

const toTime = (hhmm: string): Dayjs => {
  const [h = 17, m = 0] = hhmm.split(':').map(Number);
  return dayjs().hour(h).minute(m).second(0).millisecond(0);
};

/** 设置: the admin edits and saves; everyone else sees the same values read-only. */
export function SettingsPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const editable = can(user.role, 'settings.manage');
  return (
    <Page title={t('settings.title')} focusHeading={!editable}>
      {settings.isPending ? (
        <Skeleton active />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} />
      ) : editable ? (
        <SettingsForm settings={settings.data} />
      ) : (
        <div className="settings">
          <Alert className="form-alert" type="info" role="note" showIcon title={t('settings.readOnly')} />
          <SettingsView settings={settings.data} />
        </div>
      )}
      {editable && settings.data ? (
        <div className="settings">
          <FollowUpRulesCard settings={settings.data} />
        </div>
      ) : null}
      {editable ? (
        <div className="settings">
          <SyncSettingsCard />
        </div>
      ) : null}
      <div className="settings">
        <BackupCard admin={editable} />
      </div>
      <div className="settings">
        <HolidaysSection user={user} />
      </div>
    </Page>
  );
}

/** The admin's form: office, idle lock and deadline rules saved together; the language applies at once. */
function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const update = useApiMutation('settings.update');
  const updateLanguage = useApiMutation('settings.update');
  const idleLock = numberField('settings.update', 'idleLockMinutes');

  const save = (values: Values) => {
    formError.clear();
    update.mutate(
      { ...values, closingTime: values.closingTime.format('HH:mm') },
      {
        onSuccess: () => void message.success(t('settings.saved')),
        onError: (error) => formError.report(error),
      },
    );
  };

  const changeLanguage = (language: Locale) => {
    updateLanguage.mutate(
      { language },
      {
        onSuccess: () => {
          applyLanguage(language);
          void message.success(t('settings.languageSaved', { lng: language }));
        },
      },
    );
  };

  return (
    <div className="settings">
      <Card className="panel" title={t('settings.languageSection')} variant="borderless">
        <ErrorAlert error={updateLanguage.error} />
        <Form layout="vertical" disabled={updateLanguage.isPending}>
          <Form.Item
            label={t('fields.language')}
            htmlFor="settings-language"
            extra={t('settings.languageHelp')}
          >
            <LanguagePicker id="settings-language" value={settings.language} onChange={changeLanguage} />
          </Form.Item>
        </Form>
      </Card>

      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={save}
        initialValues={{
          office: settings.office,
          idleLockMinutes: settings.idleLockMinutes,
          closingTime: toTime(settings.closingTime),
          weekendsExtend: settings.weekendsExtend,
        }}
      >
        <ErrorAlert error={formError.error} />
        <Card className="panel" title={t('settings.officeSection')} variant="borderless">
          <OfficeFields prefix="office" autoFocus />
        </Card>
        <Card className="panel" title={t('settings.securitySection')} variant="borderless">
          <Form.Item
            label={t('settings.idleLockMinutes')}
            name="idleLockMinutes"
            extra={t('settings.idleLockHelp')}
            rules={[
              {
                required: true,
                type: 'integer',
                min: idleLock.min,
                max: idleLock.max,
                message: `${idleLock.min}–${idleLock.max}`,
              },
            ]}
          >
            <InputNumber min={idleLock.min} max={idleLock.max} precision={0} className="number-input" />
          </Form.Item>
        </Card>
        <Card className="panel" title={t('settings.deadlineSection')} variant="borderless">
          <Form.Item
            label={t('settings.closingTime')}
            name="closingTime"
            extra={t('settings.closingTimeHelp')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <TimePicker format="HH:mm" allowClear={false} needConfirm={false} />
          </Form.Item>
          <Form.Item
            label={t('settings.weekendsExtend')}
            name="weekendsExtend"
            valuePropName="checked"
            extra={t('settings.weekendsExtendHelp')}
          >
            <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
          </Form.Item>
        </Card>
        <BusyButton type="primary" htmlType="submit" size="large" busy={update.isPending}>
          {t('common.save')}
        </BusyButton>
      </Form>
    </div>
  );
}
