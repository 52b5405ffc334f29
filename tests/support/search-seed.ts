import type { Kysely } from 'kysely';
import { uuidv7 } from '../../src/main/desk/ids';
import type { DB } from '../../src/main/db/schema';

/*
 * Rows in the shape migration 0002 stores them, written straight into a store: for the search index's
 * migration test, its query-plan test and the benchmark, which need many cases fast or a store without
 * the services. Functional tests go through the services instead (search-cases.test.ts).
 */

const AT = '2026-03-02T02:00:00.000Z';
const synced = (at: string) => ({
  created_at: at,
  updated_at: at,
  origin_device: 'desk-1',
  deleted_at: null,
});

export async function insertUser(
  db: Kysely<DB>,
  username: string,
  role: 'counsellor' | 'director' = 'counsellor',
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('users')
    .values({ id, username, display_name: `用户${username}`, role, ...synced(AT) })
    .execute();
  return id;
}

export interface SeedCase {
  caseNumber: string;
  counsellorId: string;
  names: [string, string];
  reasonText?: string | null;
  receiptNumber?: string | null;
  /** Party A's document number. */
  idNumber?: string | null;
  /** Interview notes of one draft record, if any. */
  notes?: string | null;
  at?: string;
}

export async function insertCase(db: Kysely<DB>, c: SeedCase): Promise<string> {
  const id = uuidv7();
  const at = c.at ?? AT;
  const filed = Boolean(c.receiptNumber);
  await db
    .insertInto('cases')
    .values({
      id,
      case_number: c.caseNumber,
      type: 'divorce_adjustment',
      received_date: '2026-03-02',
      marriage_date: null,
      filing_received_date: filed ? '2026-03-02' : null,
      receipt_number: c.receiptNumber ?? null,
      reason_text: c.reasonText ?? null,
      consent_by: null,
      consent_at: null,
      consent_method: null,
      counsellor_id: c.counsellorId,
      companion_user_id: null,
      companion_name: null,
      registration_status: filed ? 'accepted_cooling' : null,
      status_changed_at: filed ? at : null,
      withdrawal_deadline: filed ? '2026-04-01' : null,
      certificate_window_start: filed ? '2026-04-02' : null,
      certificate_window_end: filed ? '2026-05-01' : null,
      next_deadline: filed ? '2026-04-01' : null,
      withdrawal_by: null,
      withdrawal_date: null,
      withdrawal_confirmation: null,
      registered_date: null,
      refusal_date: null,
      refusal_reason: null,
      result: null,
      created_by: c.counsellorId,
      ...synced(at),
    })
    .execute();
  await db
    .insertInto('case_parties')
    .values(
      c.names.map((name, i) => ({
        id: uuidv7(),
        case_id: id,
        party: i === 0 ? ('party_a' as const) : ('party_b' as const),
        name,
        sex: null,
        document_type: i === 0 && c.idNumber ? ('resident_id' as const) : null,
        document_number: i === 0 ? (c.idNumber ?? null) : null,
        birth_date: null,
        phone: null,
        education: null,
        occupation: null,
        address: null,
        ...synced(at),
      })),
    )
    .execute();
  if (c.notes) {
    await db
      .insertInto('counselling_records')
      .values({
        id: uuidv7(),
        case_id: id,
        status: 'draft',
        attendees: '{"parties":[],"others":[]}',
        interview_notes: c.notes,
        created_by: c.counsellorId,
        ...synced(at),
      })
      .execute();
  }
  return id;
}
