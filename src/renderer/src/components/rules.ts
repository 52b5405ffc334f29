import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { PASSWORD_MIN_LENGTH } from '@shared/users';

const USERNAME = /^[a-z0-9][a-z0-9_.-]{2,31}$/;

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
      if (!USERNAME.test(value.trim().toLowerCase())) throw new Error(t('fields.usernameInvalid'));
    },
  },
];

export const newPasswordRules = (t: TFunction): FormRule[] => [
  { required: true, message: t('common.required') },
  { min: PASSWORD_MIN_LENGTH, message: t('fields.passwordTooShort', { min: PASSWORD_MIN_LENGTH }) },
  { max: 128, message: t('fields.passwordTooLong') },
];

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
