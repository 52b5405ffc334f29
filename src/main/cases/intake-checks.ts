import {
  DomainError,
  invalidFields,
  type ErrorCode,
  type ErrorMeta,
  type FieldIssues,
  type FieldProblem,
} from '../../shared/errors';
import { parseResidentId, type ResidentIdProblem } from '../../shared/rules';
import {
  consentCovers,
  type Consent,
  type PartyInput,
  type PartyKey,
  type CaseIntake,
} from '../../shared/cases';
import type { Db } from '../db';
import { activeRole } from '../users';

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

/** A field's problem: 'required', or the domain error that belongs on that field. */
interface FieldError {
  path: string;
  code: 'required' | ErrorCode;
  meta: ErrorMeta;
}

/** The first error's code and meta (VALIDATION for a missing field); every error on its field. */
function raise(errors: readonly FieldError[]): never {
  const [first] = errors;
  if (!first) throw new Error('raise without errors');
  const fields: FieldIssues = {};
  for (const e of errors) fields[e.path] = { code: e.code, meta: e.meta };
  throw new DomainError(first.code === 'required' ? 'VALIDATION' : first.code, first.meta, fields);
}

/** CONSENT_REQUIRED for every sensitive field filled without a consent that covers it. */
export function checkConsent(content: Content, consent: Consent | null): void {
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
  if (errors.length > 0) raise(errors);
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
export function checkDocuments(parties: readonly [PartyInput, PartyInput]): [PartyInput, PartyInput] {
  const errors: FieldError[] = [];
  const required = (path: string): void => {
    errors.push({ path, code: 'required', meta: {} });
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
  if (errors.length > 0) raise(errors);
  return [out[0]!, out[1]!];
}

/**
 * The counsellor in charge must be an active counsellor or director; a companion any active user who is
 * not an administrator. VALIDATION on the field otherwise.
 */
export async function checkCaseUsers(
  db: Db,
  users: { counsellorId?: string; companionUserId: string | null },
): Promise<void> {
  const problems: Record<string, FieldProblem> = {};
  if (users.counsellorId !== undefined) {
    const role = await activeRole(db, users.counsellorId);
    if (role !== 'counsellor' && role !== 'director') problems.counsellorId = 'notAllowed';
  }
  if (users.companionUserId !== null) {
    const role = await activeRole(db, users.companionUserId);
    if (!role || role === 'admin') problems.companionUserId = 'notAllowed';
  }
  if (Object.keys(problems).length > 0) throw invalidFields(problems);
}
