import { enLabels } from '../labels';
import type { Messages } from '../zh-CN';
import { appEn } from './app';
import { setupEn } from './setup';
import { authEn } from './auth';
import { usersEn } from './users';
import { settingsEn } from './settings';
import { auditEn } from './audit';
import { dashboardEn } from './dashboard';
import { casesEn } from './cases';
import { searchEn } from './search';
import { recordsEn } from './records';
import { dvEn } from './dv';
import { referralsEn } from './referrals';
import { supervisionEn } from './supervision';
import { printEn } from './print';
import { calendarEn } from './calendar';
import { syncEn } from './sync';
import { backupEn } from './backup';
import { familiesEn } from './families';
import { followupsEn } from './followups';
import { volunteersEn } from './volunteers';
import { eventsEn } from './events';
import { archiveEn } from './archive';
import { ledgerEn } from './ledger';
import { statisticsEn } from './statistics';

/** English, the second locale. Keys mirror zh-CN/; the compiler rejects a missing one. */
export const en: Messages = {
  ...enLabels,
  ...appEn,
  ...setupEn,
  ...authEn,
  ...usersEn,
  ...settingsEn,
  ...auditEn,
  ...dashboardEn,
  ...casesEn,
  ...searchEn,
  ...recordsEn,
  ...dvEn,
  ...referralsEn,
  ...supervisionEn,
  ...printEn,
  ...calendarEn,
  ...syncEn,
  ...backupEn,
  ...familiesEn,
  ...followupsEn,
  ...volunteersEn,
  ...eventsEn,
  ...archiveEn,
  ...ledgerEn,
  ...statisticsEn,
};
