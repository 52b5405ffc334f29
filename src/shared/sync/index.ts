/**
 * The sync batch format (docs/sync-format.md): pure, WebCrypto + @hpke/core only, so desk, tests and county
 * server share it.
 */
export { envelopeHash, HPKE_INFO, openBatch, sealBatch, verifyEnvelope } from './batch';
export type { SealBatchInput, SealedBatch, SealHeaderFields } from './batch';
export { fromHex, toHex } from './bytes';
export type { Bytes } from './bytes';
export { canonicalJson } from './canonical';
export type { JsonValue } from './canonical';
export { CHANGE_OPS, changeLineSchema, MAX_CHANGES_PER_BATCH } from './changes';
export { parseChangeLines, readChangeLines, type ReadChangeOptions } from './change-reader';
export type { ChangeRecord } from './change-reader';
export type { ChangeLine, ChangeOp } from './changes';
export { syncContract } from './contract';
export {
  decodeEnrolmentCode,
  encodeEnrolmentCode,
  ENROLMENT_CODE_PREFIX,
  ENROLMENT_PATH,
  enrolmentCodeSchema,
  enrolRequestSchema,
  enrolResponseSchema,
  serverUrlSchema,
} from './enrolment';
export type { EnrolmentCode, EnrolRequest, EnrolResponse } from './enrolment';
export { ENC_LENGTH, encodeUnsigned, MAGIC, parseEnvelope, SIGNATURE_LENGTH, TAG_LENGTH } from './envelope';
export type { EnvelopeParts, ParsedEnvelope } from './envelope';
export { isSyncFormatError, SYNC_FORMAT_ERROR_CODES, SyncFormatError } from './errors';
export type { SyncFormatErrorCode } from './errors';
export {
  batchHeaderSchema,
  decodeHeader,
  encodeHeader,
  FORMAT_VERSION,
  MAX_HEADER_BYTES,
  SUITE,
  ZERO_HASH,
} from './header';
export type { BatchHeader } from './header';
export {
  encryptionPublicKey,
  fingerprint,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  KEY_LENGTH,
  sha256,
  signingPublicKey,
} from './keys';
export type { RawKeyPair } from './keys';
export {
  parseSignedReceipt,
  receiptBytes,
  receiptSchema,
  serializeSignedReceipt,
  signedReceiptSchema,
  signReceipt,
  verifyReceipt,
} from './receipt';
export type { Receipt, SignedReceipt } from './receipt';
export { SyncFailureCodeSchema } from './status';
export { isPlainCounterToken, parseStrictJson } from './strict-json';
export type { StrictJsonOptions, StrictJsonResult } from './strict-json';
export { assertSyncedTables, isSyncedTableName, SYNCED_TABLE_NAMES } from './tables';
export type { SyncedTableName } from './tables';
export type {
  SyncBatchSummary,
  SyncEnrolment,
  SyncFailureCode,
  SyncSettings,
  SyncStatus,
  UsbExportResult,
  UsbImportResult,
} from './status';
