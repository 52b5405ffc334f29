import { addDays, type LocalDate } from '../calendar';

/*
 * Volunteers (志愿者), pure rules (docs/domain.md "Volunteers"). A volunteer may be assigned a family's
 * follow-up only while active and with the confidentiality pledge (保密承诺书, MZ/T 084 appendix A) signed
 * on or before the day. Certificates warn 30 days before they expire. Service hours are derived, never typed.
 */

export const VOLUNTEER_INELIGIBLE_REASONS = ['inactive', 'no_pledge'] as const;
export type VolunteerIneligibleReason = (typeof VOLUNTEER_INELIGIBLE_REASONS)[number];

export interface EligibilityFacts {
  active: boolean;
  /** The date the pledge was signed, or null. */
  pledgeSignedDate: LocalDate | null;
}

/** Why the volunteer cannot be assigned today (empty: eligible). */
export function ineligibleReasons(v: EligibilityFacts, today: LocalDate): VolunteerIneligibleReason[] {
  const reasons: VolunteerIneligibleReason[] = [];
  if (!v.active) reasons.push('inactive');
  if (v.pledgeSignedDate === null || v.pledgeSignedDate > today) reasons.push('no_pledge');
  return reasons;
}

export function isEligible(v: EligibilityFacts, today: LocalDate): boolean {
  return ineligibleReasons(v, today).length === 0;
}

/** Days before expiry a certificate starts to warn. */
export const CERTIFICATE_WARNING_DAYS = 30;

export type CertificateState = 'valid' | 'expiring' | 'expired' | 'no_expiry';

/** expired: the expiry date has passed; expiring: it falls within the next 30 days (today included). */
export function certificateState(expiresOn: LocalDate | null, today: LocalDate): CertificateState {
  if (expiresOn === null) return 'no_expiry';
  if (expiresOn < today) return 'expired';
  if (expiresOn <= addDays(today, CERTIFICATE_WARNING_DAYS)) return 'expiring';
  return 'valid';
}

/** A counselling session the volunteer attended counts this many hours (records carry no duration). */
export const COUNSELLING_SESSION_HOURS = 1;

export interface ServiceHoursFacts {
  /** Signed counselling records naming the volunteer. */
  counsellingSessions: number;
  /** Minutes of each visit the volunteer made (done). */
  visitMinutes: readonly number[];
  /** Hours of each held event (date not after today) the volunteer spoke at. */
  eventHours: readonly number[];
}

export interface ServiceHours {
  counsellingSessions: number;
  counsellingHours: number;
  visits: number;
  visitHours: number;
  events: number;
  eventHours: number;
  totalHours: number;
}

/** Rounded to a tenth of an hour at the end only, so sums stay exact. */
function hours(tenths: number): number {
  return Math.round(tenths) / 10;
}

/** Service hours (服务时长) from what the volunteer did: sessions, visits and events. */
export function serviceHours(f: ServiceHoursFacts): ServiceHours {
  const counsellingTenths = f.counsellingSessions * COUNSELLING_SESSION_HOURS * 10;
  const visitTenths = f.visitMinutes.reduce((sum, m) => sum + m, 0) / 6;
  const eventTenths = f.eventHours.reduce((sum, h) => sum + h * 10, 0);
  return {
    counsellingSessions: f.counsellingSessions,
    counsellingHours: hours(counsellingTenths),
    visits: f.visitMinutes.length,
    visitHours: hours(visitTenths),
    events: f.eventHours.length,
    eventHours: hours(eventTenths),
    totalHours: hours(counsellingTenths + visitTenths + eventTenths),
  };
}
