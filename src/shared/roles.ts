import { z } from 'zod';

/**
 * Desk roles and their permissions (docs/domain.md "Roles"). A volunteer has no case permission, so never
 * sees a case, a counselling note or DV details: only their own follow-up visits (followups.visit).
 */
export const ROLES = ['admin', 'director', 'counsellor', 'volunteer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const PERMISSIONS = [
  'users.manage',
  'settings.manage',
  'audit.view',
  'cases.all',
  'cases.work',
  /** 交办 / 督办 across all counsellors; directors see every open item. */
  'cases.supervise',
  /** Edit the holiday table (data, not code). */
  'calendar.manage',
  /** The volunteer roster: add, edit, deactivate, certificates, training, evaluations. */
  'volunteers.manage',
  /** Follow-up visits: the queue, the visit packet, recording a visit (a volunteer: only their own). */
  'followups.visit',
  /** Outreach events (活动). */
  'events.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['users.manage', 'settings.manage', 'audit.view', 'calendar.manage'],
  director: [
    'audit.view',
    'cases.all',
    'cases.work',
    'cases.supervise',
    'volunteers.manage',
    'followups.visit',
    'events.manage',
  ],
  counsellor: ['cases.work', 'followups.visit', 'events.manage'],
  // Only the visits assigned to them, and the minimum for each (the packet): never a case, a note or DV.
  volunteer: ['followups.visit'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
