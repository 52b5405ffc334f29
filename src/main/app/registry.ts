import { archiveHandlers } from '../archive';
import { auditHandlers } from '../audit';
import { backupHandlers, type BackupService } from '../backup';
import { authHandlers } from '../auth';
import { calendarHandlers } from '../calendar';
import { casesHandlers } from '../cases';
import { dashboardHandlers } from '../dashboard';
import { dvHandlers } from '../dv';
import { eventsHandlers } from '../events';
import { familiesHandlers } from '../families';
import { followupsHandlers } from '../followups';
import { ledgerHandlers } from '../ledger';
import { assertCoversContract, combineHandlers, type Handlers } from '../dispatcher';
import { printHandlers } from '../print';
import { recordsHandlers } from '../records';
import { referralsHandlers } from '../referrals';
import { searchHandlers } from '../search';
import { settingsHandlers } from '../settings';
import { statisticsHandlers } from '../statistics';
import { setupHandlers } from '../setup';
import { supervisionHandlers } from '../supervision';
import { syncHandlers, type SyncService } from '../sync';
import { usersHandlers } from '../users';
import { volunteersHandlers } from '../volunteers';
import { appHandlers } from './handlers';

/** The modules' services that handlers reach by closure rather than through the context. */
export interface DeskServices {
  sync: SyncService;
  backup: BackupService;
}

/** Every contract channel's handler, one map per module; a missing or doubled channel fails at once. */
export function deskHandlers(services: DeskServices): Handlers {
  const handlers: Handlers = combineHandlers(
    appHandlers,
    setupHandlers,
    authHandlers,
    usersHandlers,
    settingsHandlers,
    auditHandlers,
    casesHandlers,
    recordsHandlers,
    calendarHandlers,
    searchHandlers,
    printHandlers,
    dvHandlers,
    referralsHandlers,
    supervisionHandlers,
    dashboardHandlers,
    syncHandlers(services.sync),
    backupHandlers(services.backup),
    familiesHandlers,
    followupsHandlers,
    volunteersHandlers,
    eventsHandlers,
    archiveHandlers(),
    statisticsHandlers,
    ledgerHandlers,
  );
  assertCoversContract(handlers);
  return handlers;
}
