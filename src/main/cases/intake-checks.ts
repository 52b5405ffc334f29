import type { Kysely, Transaction } from 'kysely';
import { DomainError, type ErrorCode, type ErrorMeta } from '../../shared/errors';
import { localizeError, validationMessages } from '../../shared/i18n';
import { parseResidentId, type ResidentIdProblem } from '../../shared/rules';
import {
  consentCovers,
  type Consent,
  type PartyInput,
  type PartyKey,
  type CaseIntake,
} from '../../shared/cases';
import type { Locale } from '../../shared/settings';
import type { DB } from '../db';

/*
 * The checks intake and update share, before anything is written:
 * 1. PIPL Art. 29 — without separate consent a case holds only minimal data (names, sex, phone, type,
 *    filing, risk flags, counsellor, companion); anything more is CONSENT_REQUIRED and nothing is saved.
 *    A party's own documents, birth date, education, occupation and address need that party's consent
 *    (or 'both'); marriage date, children and reasons need a recorded consent.
 * 2. GB 11643 resident ID numbers: length, characters, birth date, check character; then the form's
 *    birth date and sex must agree with the number (both are derived when left empty).
 * Errors carry `fields` keyed by input path ('parties.0.documentNumber') so the form marks the field.
 */

type Db = Kysely<DB> | Transaction<DB>;

const PARTY_KEYS: readonly PartyKey[] = ['party_a', 'party_b'];
const SENSITIVE_PARTY_FIELDS = [
  'documentType',
  'documentNumber',
  'birthDate',
  'education',
  'occupation',
  'address',
] as const;

type Content = Pick<CaseIntake, 'parties' | 'marriageDate' | 'children' | 'reasons'>;

interface FieldError {
  path: string;
  code: ErrorCode;
  meta: ErrorMeta;
}

/** The first error's code and meta; every error's message on its field. */
function raise(errors: readonly FieldError[], locale: Locale): never {
  const [first] = errors;
  if (!first) throw new Error('raise without errors');
  const message = (e: FieldError): string =>
    // A missing field reads "required" on the field, not the generic VALIDATION sentence.
    e.code === 'VALIDATION' ? validationMessages[locale].required : localizeError(locale, e.code, e.meta);
  throw new DomainError(first.code, first.meta, Object.fromEntries(errors.map((e) => [e.path, message(e)])));
}

/** CONSENT_REQUIRED for every sensitive field filled without a consent that covers it. */
export function checkConsent(content: Content, consent: Consent | null, locale: Locale): void {
  const errors: FieldError[] = [];
  const need = (path: string): void => {
    errors.push({ path, code: 'CONSENT_REQUIRED', meta: { field: path } });
  };
  content.parties.forEach((party, i) => {
    if (consentCovers(consent, PARTY_KEYS[i] ?? 'party_a')) return;
    for (const key of SENSITIVE_PARTY_FIELDS) if (party[key] !== null) need(`parties.${i}.${key}`);
  });
  if (!consentCovers(consent, 'shared')) {
    if (content.marriageDate !== null) need('marriageDate');
    if (content.children.length > 0) need('children');
    if (content.reasons.categories.length > 0) need('reasons.categories');
    if (content.reasons.text !== null) need('reasons.text');
  }
  if (errors.length > 0) raise(errors, locale);
}

const ID_PROBLEM_CODE: Record<ResidentIdProblem, ErrorCode> = {
  length: 'ID_NUMBER_LENGTH',
  characters: 'ID_NUMBER_CHARACTERS',
  birth_date: 'ID_NUMBER_BIRTH_DATE',
  checksum: 'ID_NUMBER_CHECKSUM',
};

/**
 * Validates document numbers and returns the parties with resident ID numbers normalised (upper-case X)
 * and birth date and sex derived where the form left them empty.
 */
export function checkDocuments(
  parties: readonly [PartyInput, PartyInput],
  locale: Locale,
): [PartyInput, PartyInput] {
  const errors: FieldError[] = [];
  const required = (path: string): void => {
    errors.push({ path, code: 'VALIDATION', meta: {} });
  };
  const out = parties.map((party, i): PartyInput => {
    const at = (key: string): string => `parties.${i}.${key}`;
    if (party.documentNumber !== null && party.documentType === null) required(at('documentType'));
    if (party.documentType !== null && party.documentNumber === null) required(at('documentNumber'));
    if (party.documentType !== 'resident_id' || party.documentNumber === null) {
      return { ...party, documentNumber: party.documentNumber?.toUpperCase() ?? null };
    }
    const number = party.documentNumber.trim();
    const parsed = parseResidentId(number);
    if (!parsed.ok) {
      const meta: ErrorMeta =
        parsed.reason === 'length'
          ? { length: number.length }
          : parsed.reason === 'checksum'
            ? { expected: parsed.expectedCheck ?? '' }
            : {};
      errors.push({ path: at('documentNumber'), code: ID_PROBLEM_CODE[parsed.reason], meta });
      return party;
    }
    // The derived birth date names the number's own digits 7–14: shown only to whoever typed them.
    if (party.birthDate !== null && party.birthDate !== parsed.birthDate) {
      errors.push({
        path: at('birthDate'),
        code: 'ID_BIRTHDATE_MISMATCH',
        meta: { expected: parsed.birthDate },
      });
    }
    if (party.sex !== null && party.sex !== parsed.sex) {
      errors.push({ path: at('sex'), code: 'ID_SEX_MISMATCH', meta: {} });
    }
    return { ...party, documentNumber: number.toUpperCase(), birthDate: parsed.birthDate, sex: parsed.sex };
  });
  if (errors.length > 0) raise(errors, locale);
  return [out[0]!, out[1]!];
}

/**
 * The counsellor in charge must be an active counsellor or director; a companion any active user who is
 * not an administrator. VALIDATION on the field otherwise.
 */
export async function checkCaseUsers(
  db: Db,
  users: { counsellorId?: string; companionUserId: string | null },
  locale: Locale,
): Promise<void> {
  const fields: Record<string, string> = {};
  const active = async (id: string) =>
    db
      .selectFrom('users')
      .select(['role'])
      .where('id', '=', id)
      .where('disabled', '=', 0)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  if (users.counsellorId !== undefined) {
    const u = await active(users.counsellorId);
    if (!u || (u.role !== 'counsellor' && u.role !== 'director')) {
      fields.counsellorId = validationMessages[locale].notAllowed;
    }
  }
  if (users.companionUserId !== null) {
    const u = await active(users.companionUserId);
    if (!u || u.role === 'admin') fields.companionUserId = validationMessages[locale].notAllowed;
  }
  if (Object.keys(fields).length > 0) throw new DomainError('VALIDATION', {}, fields);
}
