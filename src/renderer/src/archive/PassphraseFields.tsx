import { Form, Input, type FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '@shared/users';
import { loadCheckPassword, StrengthMeter } from '../components';

/** ArchiveExportInputSchema's limit: room for a passphrase of several words. */
export const PASSPHRASE_MAX_LENGTH = 256;

/** The password rule (checkPassword, as main's ARCHIVE_WEAK_PASSPHRASE), worded for a passphrase. */
const passphraseRules = (t: TFunction): FormRule[] => [
  { required: true, message: t('common.required') },
  { min: PASSWORD_MIN_LENGTH, message: t('archive.passphraseTooShort', { min: PASSWORD_MIN_LENGTH }) },
  { max: PASSPHRASE_MAX_LENGTH, message: t('archive.passphraseTooLong', { max: PASSPHRASE_MAX_LENGTH }) },
  {
    validator: async (_, value: unknown) => {
      if (typeof value !== 'string' || value.length < PASSWORD_MIN_LENGTH) return;
      const checkPassword = await loadCheckPassword();
      if (checkPassword(value).problem) throw new Error(t('archive.passphraseWeak'));
    },
  },
];

const confirmRules = (t: TFunction): FormRule[] => [
  { required: true, message: t('common.required') },
  ({ getFieldValue }) => ({
    validator: async (_, value: unknown) => {
      if (!value || getFieldValue('passphrase') === value) return;
      throw new Error(t('archive.passphraseMismatch'));
    },
  }),
];

/**
 * The archive's passphrase typed twice, with the password strength meter under the first entry. Never
 * stored: the form is dropped with the dialog.
 */
export function PassphraseFields({ autoFocus }: { autoFocus?: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const value = Form.useWatch<string | undefined>('passphrase', form) ?? '';
  return (
    <>
      <Form.Item
        label={t('archive.passphrase')}
        name="passphrase"
        rules={passphraseRules(t)}
        extra={
          <>
            <StrengthMeter password={value} label={t('archive.passphraseStrength')} />
            <div className="field-hint">{t('archive.passphraseHint')}</div>
          </>
        }
      >
        <Input.Password autoComplete="new-password" autoFocus={autoFocus} maxLength={PASSPHRASE_MAX_LENGTH} />
      </Form.Item>
      <Form.Item
        label={t('archive.passphraseConfirm')}
        name="passphraseConfirm"
        dependencies={['passphrase']}
        rules={confirmRules(t)}
      >
        <Input.Password autoComplete="new-password" maxLength={PASSPHRASE_MAX_LENGTH} />
      </Form.Item>
    </>
  );
}
