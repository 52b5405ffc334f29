import { z } from 'zod';
import {
  SupervisionCloseSchema,
  SupervisionCreateSchema,
  SupervisionItemSchema,
  SupervisionListSchema,
} from './schemas';
import { channel, type ChannelSpec } from '../ipc';

/**
 * 'supervision.*' channels (docs/domain.md "Supervision"): 交办 / 转办 / 督办. Assign and supervise are for
 * directors (FORBIDDEN otherwise); a counsellor may transfer a case they are in charge of. Assign and
 * transfer to a user change the case's counsellor in charge at once. complete: the addressee, the creator or
 * a director; cancel: the creator or a director. A closed item answers INVALID_TRANSITION.
 */
export const supervisionContract = {
  /** Overdue first, then by due date. */
  'supervision.list': channel({
    input: SupervisionListSchema,
    output: z.array(SupervisionItemSchema),
    access: 'cases.work',
  }),
  'supervision.create': channel({
    input: SupervisionCreateSchema,
    output: SupervisionItemSchema,
    access: 'cases.work',
    write: true,
  }),
  'supervision.complete': channel({
    input: SupervisionCloseSchema,
    output: SupervisionItemSchema,
    access: 'cases.work',
    write: true,
  }),
  /** Closes the item only: a counsellor change made by an assign / transfer stays. */
  'supervision.cancel': channel({
    input: SupervisionCloseSchema,
    output: SupervisionItemSchema,
    access: 'cases.work',
    write: true,
  }),
} as const satisfies Record<string, ChannelSpec>;
