import { appContract } from '../app';
import { archiveContract } from '../archive';
import { auditContract } from '../audit';
import { backupContract } from '../backup';
import { authContract } from '../auth';
import { calendarContract } from '../calendar';
import { casesContract } from '../cases';
import { dashboardContract } from '../dashboard';
import { dvContract } from '../dv';
import { eventsContract } from '../events';
import { familiesContract } from '../families';
import { followupsContract } from '../followups';
import { ledgerContract } from '../ledger';
import type { ChannelSpec } from '../ipc';
import { printContract } from '../print';
import { recordsContract } from '../records';
import { referralsContract } from '../referrals';
import { searchContract } from '../search';
import { settingsContract } from '../settings';
import { statisticsContract } from '../statistics';
import { setupContract } from '../setup';
import { supervisionContract } from '../supervision';
import { syncContract } from '../sync';
import { usersContract } from '../users';
import { volunteersContract } from '../volunteers';

/**
 * The IPC contract: every channel of every domain, `'domain.verb' → { input, output, access }`. Each domain
 * declares its channels in its own `contract.ts` (src/shared/<domain>/); this is where they meet. The
 * preload's `window.api`, the renderer's calls and main's handler registry are all derived from it.
 */
export const contract = {
  ...appContract,
  ...setupContract,
  ...authContract,
  ...usersContract,
  ...settingsContract,
  ...auditContract,
  ...casesContract,
  ...recordsContract,
  ...dvContract,
  ...referralsContract,
  ...supervisionContract,
  ...dashboardContract,
  ...searchContract,
  ...printContract,
  ...calendarContract,
  ...syncContract,
  ...familiesContract,
  ...followupsContract,
  ...volunteersContract,
  ...eventsContract,
  ...archiveContract,
  ...backupContract,
  ...statisticsContract,
  ...ledgerContract,
} as const satisfies Record<string, ChannelSpec>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

/**
 * The channels the renderer may call on a timer (spec `activity: 'poll'`): their calls never count as the
 * user's activity, so polling cannot hold off the idle lock. The renderer's query hooks accept
 * `refetchInterval` only for these (src/renderer/src/api/hooks.ts).
 */
export type PollChannel = {
  [K in Channel]: Contract[K] extends { activity: 'poll' } ? K : never;
}[Channel];
export const POLL_CHANNELS = CHANNELS.filter(
  (c) => (contract[c] as ChannelSpec).activity === 'poll',
) as PollChannel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
