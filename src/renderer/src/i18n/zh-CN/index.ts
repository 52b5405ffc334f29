import { zhCNLabels } from '../labels';
import { appZhCN } from './app';
import { setupZhCN } from './setup';
import { authZhCN } from './auth';
import { usersZhCN } from './users';
import { settingsZhCN } from './settings';
import { auditZhCN } from './audit';
import { dashboardZhCN } from './dashboard';
import { casesZhCN } from './cases';
import { searchZhCN } from './search';
import { recordsZhCN } from './records';
import { dvZhCN } from './dv';
import { referralsZhCN } from './referrals';
import { supervisionZhCN } from './supervision';
import { printZhCN } from './print';
import { calendarZhCN } from './calendar';
import { syncZhCN } from './sync';
import { backupZhCN } from './backup';
import { familiesZhCN } from './families';
import { followupsZhCN } from './followups';
import { volunteersZhCN } from './volunteers';
import { eventsZhCN } from './events';
import { archiveZhCN } from './archive';
import { ledgerZhCN } from './ledger';
import { statisticsZhCN } from './statistics';

/**
 * Simplified Chinese, the desk's default language: one file per screen domain (the same names as the
 * renderer's folders), and every enum's words from the label catalogue. Wording follows docs/domain.md
 * "Vocabulary".
 */
export const zhCN = {
  ...zhCNLabels,
  ...appZhCN,
  ...setupZhCN,
  ...authZhCN,
  ...usersZhCN,
  ...settingsZhCN,
  ...auditZhCN,
  ...dashboardZhCN,
  ...casesZhCN,
  ...searchZhCN,
  ...recordsZhCN,
  ...dvZhCN,
  ...referralsZhCN,
  ...supervisionZhCN,
  ...printZhCN,
  ...calendarZhCN,
  ...syncZhCN,
  ...backupZhCN,
  ...familiesZhCN,
  ...followupsZhCN,
  ...volunteersZhCN,
  ...eventsZhCN,
  ...archiveZhCN,
  ...ledgerZhCN,
  ...statisticsZhCN,
};

/** Same keys, any wording: what every other locale must provide. */
export type Messages = {
  [K in keyof typeof zhCN]: (typeof zhCN)[K] extends Record<string, string>
    ? { [L in keyof (typeof zhCN)[K]]: string }
    : never;
};
