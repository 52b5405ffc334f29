export { inTransaction, runDeskCall } from './call';
export type { DeskCall, PublicCall, ReadCall, WriteCall } from './call';
export { createDeskContext, FollowUps } from './context';
export { DATA_DIR_LOCK_FILE, lockDataDir } from './data-dir-lock';
export type { DataDirLock } from './data-dir-lock';
export { WriteHooks } from './hooks';
export type { DeskContext } from './context';
export { uuidv7 } from './ids';
export { readJsonFile, writeJsonFile } from './json-file';
export {
  createKeyring,
  DATABASE_FILE,
  generateDatabaseKey,
  openAttemptedUsername,
  removeUserSlot,
  sealAttemptedUsername,
  setRecoverySlot,
  setUserSlot,
  slotUserIds,
  slotUserIdFor,
  unlockWithPassword,
  unlockWithRecoveryCode,
  unwrapWithPassword,
  unwrapWithRecoveryCode,
  upgradeUserSlot,
} from './keyring';
export type { GenerationKey, RotationBegun, SealedAttempt, Unlocked } from './keyring';
export { openStoreWithKeys, rotateDatabaseKey } from './key-rotation';
export { KEYRING_FILE } from './keyring-file';
export type { FailureKind, QueuedFailure } from './login-guard';
export type { Clock, FilePurpose, FolderPurpose, Platform } from './platform';
export { FILE_EXTENSIONS } from './platform';
export {
  colgroup,
  dateZh,
  html,
  listTable,
  multiline,
  option,
  options,
  orHidden,
  printDocument,
  SafeHtml,
  WIDE_SPACE,
  ZH,
} from '../../shared/documents';
export { ProgressSlot } from './progress';
export { createDeskProgress, type DeskProgress } from './progress';
export { newRecoveryCode } from './recovery-pending';
export { SerialQueue } from './serial-queue';
export {
  CASE_ARCHIVE_EXTENSION,
  databaseKeySealingKey,
  DESK_BACKUP_EXTENSION,
  isSealedFileError,
  keyFromDatabaseKey,
  keyFromPassphrase,
  passphraseSealingKey,
  readSealedContent,
  readSealedHeader,
  SealedFileError,
  verifySealedFile,
  writeSealedFile,
} from './sealed-file';
export type {
  CaseArchiveHeader,
  DeskBackupHeader,
  ReadSealedOptions,
  SealedFileErrorCode,
  SealedFileWritten,
  SealedHeader,
  SealedKind,
  SealingKey,
  SealingOptions,
  WriteSealedOptions,
} from './sealed-file';
export type { DeskSettings, OpenDesk } from './session';
export { beforeMigrationHooks, openEncryptedDatabase, openStore } from './store';
export { nativeModulePath, startStoreWorker } from './store-worker';
export type { StoreWorker, StoreWorkerAnswer, StoreWorkerTask } from './store-worker';
export type { OpenStoreOptions, PendingMigration, Store } from './store';
export { newSyncedRow } from './synced-row';
