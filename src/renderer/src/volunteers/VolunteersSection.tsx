import type { SessionUser } from '@shared/users';

// SCAFFOLD (issue 9, being built): replaced by the real screens before this lands.
export function VolunteersSection(_props: { user: SessionUser }) {
  return null;
}
