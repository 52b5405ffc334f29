/*
 * The fixed inputs of docs/sync-format.md § Test vectors (scripts/sync-vectors.ts writes the section from
 * them; tests/unit/sync-vector.test.ts reads the section back). Test keys only: the seeds are SHA-256 of
 * fixed labels, printed in the document, and must never protect anything.
 */
import { createHash } from 'node:crypto';

const label = (text: string): string => createHash('sha256').update(text).digest('hex');

export const VECTOR_KEYS = {
  countyEncryptionPrivateKey: label('counseldesk sync vector: county encryption key'),
  deviceSeed: label('counseldesk sync vector: device key'),
  receiptSeed: label('counseldesk sync vector: county receipt key'),
  ephemeralIkm: label('counseldesk sync vector: ephemeral ikm 1'),
  device: '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f',
} as const;

const CASE = '0190a7c2-0000-7000-8000-000000000001';
const RECORD = '0190a7c2-0000-7000-8000-000000000002';
const REFERRAL = '0190a7c2-0000-7000-8000-000000000003';

/** Three change lines exactly as § Batch body describes them (the desk's field order). */
export const VECTOR_LINES: readonly string[] = [
  JSON.stringify({
    seq: 1,
    table: 'cases',
    id: CASE,
    op: 'insert',
    version: 1,
    changedAt: '2026-11-23T08:29:57.001Z',
    row: {
      id: CASE,
      case_number: 'FD-2026-0001',
      type: 'divorce_adjustment',
      received_date: '2026-11-23',
      version: 1,
      deleted_at: null,
    },
  }),
  JSON.stringify({
    seq: 2,
    table: 'counselling_records',
    id: RECORD,
    op: 'update',
    version: 2,
    changedAt: '2026-11-23T08:29:58.114Z',
    row: {
      id: RECORD,
      case_id: CASE,
      interview_notes: '示例记录：双方同意"再谈一次"。\n第二行',
      counsellor_ids: '["0190a7c2-0000-7000-8000-00000000000a"]',
      duration_hours: 1.5,
      version: 2,
    },
  }),
  JSON.stringify({
    seq: 3,
    table: 'referrals',
    id: REFERRAL,
    op: 'delete',
    version: 4,
    changedAt: '2026-11-23T08:29:59.5Z',
    row: { id: REFERRAL, case_id: CASE, status: 'draft', version: 4 },
  }),
];
