/** The sync batch format (issue 4): pure, WebCrypto + @hpke/core only, so desk, tests and county server share it. */
export {
  SYNC_FORMAT_ERROR_CODES,
  SyncFormatError,
  isSyncFormatError,
  type SyncFormatErrorCode,
} from './errors';
export { fromHex, toHex, type Bytes } from './bytes';
export { canonicalJson, type JsonValue } from './canonical';
export {
  FORMAT_VERSION,
  MAX_HEADER_BYTES,
  SUITE,
  ZERO_HASH,
  batchHeaderSchema,
  decodeHeader,
  encodeHeader,
  type BatchHeader,
} from './header';
export {
  KEY_LENGTH,
  encryptionPublicKey,
  fingerprint,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  sha256,
  signingPublicKey,
  type RawKeyPair,
} from './keys';
export {
  ENC_LENGTH,
  MAGIC,
  SIGNATURE_LENGTH,
  TAG_LENGTH,
  encodeUnsigned,
  parseEnvelope,
  type EnvelopeParts,
  type ParsedEnvelope,
} from './envelope';
export {
  HPKE_INFO,
  envelopeHash,
  openBatch,
  sealBatch,
  verifyEnvelope,
  type SealBatchInput,
  type SealHeaderFields,
  type SealedBatch,
} from './batch';
export {
  parseSignedReceipt,
  receiptBytes,
  receiptSchema,
  serializeSignedReceipt,
  signReceipt,
  signedReceiptSchema,
  verifyReceipt,
  type Receipt,
  type SignedReceipt,
} from './receipt';
export {
  ENROLMENT_CODE_PREFIX,
  ENROLMENT_PATH,
  decodeEnrolmentCode,
  encodeEnrolmentCode,
  enrolRequestSchema,
  enrolResponseSchema,
  enrolmentCodeSchema,
  serverUrlSchema,
  type EnrolRequest,
  type EnrolResponse,
  type EnrolmentCode,
} from './enrolment';
export {
  CHANGE_OPS,
  MAX_CHANGES_PER_BATCH,
  changeLineSchema,
  parseChangeLines,
  type ChangeLine,
  type ChangeOp,
} from './changes';
