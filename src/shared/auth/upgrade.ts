import { z } from 'zod';

/*
 * The upgrade of an older store that the first sign-in after an update runs (docs/architecture.md
 * "Store", "Progress of a sign-in that upgrades the store"): the before-migration backup, its read-back,
 * then the migrations one by one. Counters only — bytes and step numbers, never a name or a path — since
 * the sign-in screen reads them before anyone has signed in.
 */
export const StoreUpgradeSchema = z.discriminatedUnion('phase', [
  /** Sealing the before-migration backup: bytes written of `total` (null until the size is known). */
  z.object({
    phase: z.literal('backup'),
    done: z.number().int().min(0),
    total: z.number().int().min(0).nullable(),
  }),
  /** The backup is written; it is being read back and verified (file bytes of `total`) before anything is migrated. */
  z.object({
    phase: z.literal('check'),
    done: z.number().int().min(0),
    total: z.number().int().min(0).nullable(),
  }),
  /** Migration `step` (1-based) of `steps` is running. */
  z.object({
    phase: z.literal('migrate'),
    step: z.number().int().min(1),
    steps: z.number().int().min(1),
  }),
]);
export type StoreUpgrade = z.infer<typeof StoreUpgradeSchema>;
