import { labelResources } from '@shared/i18n';

/*
 * The label catalogue (src/shared/i18n) as this UI's resources: one namespace per enum (`caseTypes`,
 * `referralStatuses`, …), so `t(`caseTypes.${type}`)` is key-checked and reads the same words as the
 * printouts and the county report. Screen keys that name an enum value (a referral's status buttons, the
 * record tags) take their words from here too.
 */
export const zhCNLabels = labelResources('zh-CN');
export const enLabels = labelResources('en');
