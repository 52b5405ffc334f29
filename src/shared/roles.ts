import { z } from 'zod';

/**
 * Desk roles and their permissions (docs/domain.md "Roles"). A volunteer has no case permission, so never
 * sees DV details.
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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['users.manage', 'settings.manage', 'audit.view', 'calendar.manage'],
  director: ['audit.view', 'cases.all', 'cases.work', 'cases.supervise'],
  counsellor: ['cases.work'],
  volunteer: [],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
