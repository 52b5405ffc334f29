import type { FormRule } from 'antd';
import type { Dayjs } from 'dayjs';
import { localizeError } from '@shared/i18n';
import { parseResidentId, type ResidentIdResult } from '@shared/rules';
import type { DocumentType, Sex } from '@shared/cases';
import { currentLocale } from '../../i18n';
import { toLocalDate } from '../../components';

const ID_LENGTH = 18;

/** The same words the server uses for the same problem (src/shared/i18n/errors.ts). */
export function residentIdMessage(value: string, result: Extract<ResidentIdResult, { ok: false }>): string {
  const locale = currentLocale();
  switch (result.reason) {
    case 'length':
      return localizeError(locale, 'ID_NUMBER_LENGTH', { length: value.trim().length });
    case 'characters':
      return localizeError(locale, 'ID_NUMBER_CHARACTERS');
    case 'birth_date':
      return localizeError(locale, 'ID_NUMBER_BIRTH_DATE');
    case 'checksum':
      return localizeError(locale, 'ID_NUMBER_CHECKSUM', { expected: result.expectedCheck ?? '?' });
  }
}

/** A valid resident ID number's birth date and sex, or null (other documents, empty, or wrong). */
export function derivedFromId(
  documentType: DocumentType | null | undefined,
  documentNumber: string | undefined,
): { birthDate: string; sex: Sex } | null {
  if (documentType !== 'resident_id' || !documentNumber) return null;
  const result = parseResidentId(documentNumber);
  return result.ok ? { birthDate: result.birthDate, sex: result.sex } : null;
}

/**
 * The message the resident ID rules show for a number while it is being typed, or null: the same
 * judgement as residentIdRules' onChange rule, for the live announcement next to the field.
 */
export function residentIdTypingProblem(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  if (/[^\dXx]|[Xx](?=.)/.test(trimmed)) return localizeError(currentLocale(), 'ID_NUMBER_CHARACTERS');
  const result = parseResidentId(trimmed);
  if (result.ok || (result.reason === 'length' && trimmed.length < ID_LENGTH)) return null;
  return residentIdMessage(trimmed, result);
}

type Getter = (name: (string | number)[]) => unknown;

/**
 * The resident ID check, as the user types: a wrong character, a wrong birth date or a wrong check
 * character shows at once; "too short" waits until the field is left, so typing is not nagged.
 */
export function residentIdRules(partyIndex: number): FormRule[] {
  const typeOf = (get: Getter) => get(['parties', partyIndex, 'documentType']) as DocumentType | undefined;
  const check = (value: unknown, onBlur: boolean): void => {
    if (typeof value !== 'string' || value.trim() === '') return;
    const trimmed = value.trim();
    const result = parseResidentId(trimmed);
    if (result.ok) return;
    // While the number is still being typed, being short is not a mistake yet.
    if (!onBlur && result.reason === 'length' && trimmed.length < ID_LENGTH) return;
    throw new Error(residentIdMessage(trimmed, result));
  };
  return [
    ({ getFieldValue }) => ({
      validateTrigger: 'onChange',
      validator: async (_, value: unknown) => {
        if (typeOf(getFieldValue) !== 'resident_id') return;
        if (typeof value === 'string' && /[^\dXx]|[Xx](?=.)/.test(value.trim())) {
          throw new Error(localizeError(currentLocale(), 'ID_NUMBER_CHARACTERS'));
        }
        check(value, false);
      },
    }),
    ({ getFieldValue }) => ({
      validateTrigger: 'onBlur',
      validator: async (_, value: unknown) => {
        if (typeOf(getFieldValue) === 'resident_id') check(value, true);
      },
    }),
  ];
}

/** 出生日期 must agree with the resident ID number when both are given. */
export const birthDateMatchesId =
  (partyIndex: number): FormRule =>
  ({ getFieldValue }) => ({
    validator: async (_, value: unknown) => {
      const derived = derivedFromId(
        getFieldValue(['parties', partyIndex, 'documentType']) as DocumentType | undefined,
        getFieldValue(['parties', partyIndex, 'documentNumber']) as string | undefined,
      );
      const given = toLocalDate(value as Dayjs | null | undefined);
      if (derived && given && given !== derived.birthDate) {
        throw new Error(
          localizeError(currentLocale(), 'ID_BIRTHDATE_MISMATCH', { expected: derived.birthDate }),
        );
      }
    },
  });

/** 性别 must agree with the 17th digit of the resident ID number when both are given. */
export const sexMatchesId =
  (partyIndex: number): FormRule =>
  ({ getFieldValue }) => ({
    validator: async (_, value: unknown) => {
      const derived = derivedFromId(
        getFieldValue(['parties', partyIndex, 'documentType']) as DocumentType | undefined,
        getFieldValue(['parties', partyIndex, 'documentNumber']) as string | undefined,
      );
      if (derived && value && value !== derived.sex) {
        throw new Error(localizeError(currentLocale(), 'ID_SEX_MISMATCH'));
      }
    },
  });
