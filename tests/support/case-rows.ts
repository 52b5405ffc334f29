import type { NewCaseRow } from '../../src/main/cases/cases.table';
import { addDays } from '../../src/shared/calendar/local-date';
import type { RegistrationStatus } from '../../src/shared/cases/schemas';

/**
 * The columns of a generated case row that follow from its received date and whether a divorce filing was
 * made (status null: none): number, type, filing, and a registration timeline whose running deadline
 * (`next_deadline`) agrees with its status — for the datasets the query-plan and case-list tests insert
 * directly.
 */
export function caseTimelineColumns(
  received: string,
  serial: number,
  status: RegistrationStatus | null,
  type: NewCaseRow['type'] = status ? 'divorce_adjustment' : 'premarital',
): Pick<
  NewCaseRow,
  | 'case_number'
  | 'type'
  | 'received_date'
  | 'filing_received_date'
  | 'receipt_number'
  | 'registration_status'
  | 'withdrawal_deadline'
  | 'certificate_window_start'
  | 'certificate_window_end'
  | 'next_deadline'
> {
  const filed = status !== null;
  const deadline = filed ? addDays(received, 30) : null;
  const certEnd = filed ? addDays(received, 60) : null;
  return {
    case_number: `${received.slice(0, 4)}-${filed ? 'LH' : 'HQ'}-${String(serial).padStart(6, '0')}`,
    type,
    received_date: received,
    filing_received_date: filed ? received : null,
    receipt_number: filed ? `SL-${serial}` : null,
    registration_status: status,
    withdrawal_deadline: deadline,
    certificate_window_start: filed ? addDays(received, 31) : null,
    certificate_window_end: certEnd,
    next_deadline:
      status === 'accepted_cooling' ? deadline : status === 'awaiting_certificate' ? certEnd : null,
  };
}
