export { createDeskContext } from './context';
export type { DeskContext } from './context';
export { uuidv7 } from './ids';
export { readJsonFile, writeJsonFile } from './json-file';
export {
  createKeyring,
  DATABASE_FILE,
  generateDatabaseKey,
  removeUserSlot,
  setRecoverySlot,
  setUserSlot,
  slotUserIdFor,
  unwrapWithPassword,
  unwrapWithRecoveryCode,
} from './keyring';
export { KEYRING_FILE } from './keyring-file';
export type { FailureKind, QueuedFailure } from './login-guard';
export type { Clock, FolderPurpose, Platform } from './platform';
export { option, options, orHidden, printDocument } from './print/document';
export { colgroup, html, listTable, multiline } from './print/html';
export type { SafeHtml } from './print/html';
export {
  CHANNEL_ORDER,
  CHANNEL_ZH,
  COUNSELLING_TYPE_ORDER,
  COUNSELLING_TYPE_ZH,
  dateZh,
  DOCUMENT_TYPE_ZH,
  EDUCATION_ZH,
  HALF_DAY_ZH,
  PARTY_ZH,
  REASON_ZH,
  REFERRAL_STATUS_ZH,
  REGISTRATION_STATUS_ZH,
  RESULT_ORDER,
  RESULT_ZH,
  SATISFACTION_ORDER,
  SATISFACTION_ZH,
  SEX_ZH,
  WIDE_SPACE,
} from './print/labels';
export { assertNotAfter, bit, userRef } from './protection-common';
export type { Db } from './protection-common';
export { newRecoveryCode } from './recovery-pending';
export { SerialQueue } from './serial-queue';
export type { DeskSettings } from './session';
export { openStore } from './store';
export type { Store } from './store';
export { newSyncedRow } from './synced-row';
