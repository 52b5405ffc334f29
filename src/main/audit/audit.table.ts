import type { Selectable } from 'kysely';

/** Append-only (triggers refuse UPDATE and DELETE); see audit.ts for the hash chain. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** JSON object text. */
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}

export type AuditLogRow = Selectable<AuditLogTable>;
