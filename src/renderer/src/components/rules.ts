import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { PASSWORD_MIN_LENGTH, PasswordSchema, UsernameSchema } from '@shared/users';
import { loadCheckPassword } from './passwordCheck';
import { textLimits } from './zodFields';

/**
 * The longest user name the shared pattern accepts (UsernameSchema: a letter or digit, then 2–31 more), for
 * the inputs' maxLength; the schema states it only inside its pattern.
 */
export const USERNAME_MAX_LENGTH = 32;

/** Client-side checks mirror the shared schemas, so most mistakes show before anything is sent. */
export const requiredRule = (t: TFunction): FormRule => ({
  required: true,
  whitespace: true,
  message: t('common.required'),
});

export const usernameRules = (t: TFunction): FormRule[] => [
  requiredRule(t),
  {
    validator: async (_, value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') return;
      if (!UsernameSchema.safeParse(value).success) throw new Error(t('fields.usernameInvalid'));
    },
  },
];

/**
 * A new password: the length limits, then the same strength rule the main process refuses weak passwords
 * with (checkPassword). `related` gives the words this person's password must not be built on (username,
 * display name) at the moment of validation.
 */
export const newPasswordRules = (t: TFunction, related: () => string[] = () => []): FormRule[] => {
  const { maxLength } = textLimits(PasswordSchema);
  return [
    { required: true, message: t('common.required') },
    { min: PASSWORD_MIN_LENGTH, message: t('fields.passwordTooShort', { min: PASSWORD_MIN_LENGTH }) },
    { max: maxLength ?? undefined, message: t('fields.passwordTooLong') },
    {
      validator: async (_, value: unknown) => {
        if (typeof value !== 'string' || value.length < PASSWORD_MIN_LENGTH) return;
        const checkPassword = await loadCheckPassword();
        if (checkPassword(value, related()).problem) throw new Error(t('fields.passwordWeak'));
      },
    },
  ];
};

/** The second entry of a password must equal the first (named `first`). */
export const confirmRules = (t: TFunction, first: string): FormRule[] => [
  { required: true, message: t('common.required') },
  ({ getFieldValue }) => ({
    validator: async (_, value: unknown) => {
      if (!value || getFieldValue(first) === value) return;
      throw new Error(t('fields.passwordMismatch'));
    },
  }),
];
