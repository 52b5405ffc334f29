import type { Locale } from '../../settings';
import { archiveLabels } from './archive';
import { casesLabels } from './cases';
import { deskLabels } from './desk';
import { dvLabels } from './dv';
import { eventsLabels } from './events';
import { familiesLabels } from './families';
import { followupsLabels } from './followups';
import type { Label, Labels } from './label';
import { ledgerLabels } from './ledger';
import { referralsLabels } from './referrals';
import { statisticsLabels } from './statistics';
import { supervisionLabels } from './supervision';
import { volunteersLabels } from './volunteers';

/*
 * The one label catalogue: every enum value that reaches a screen, a printout or the county report, in every
 * UI language, one namespace per enum keyed by the value. The renderer's i18n resources, the printed forms
 * (always Chinese: they go into the office's paper archive) and the county report all read it, so a value
 * is worded the same everywhere.
 */
export const LABELS = {
  ...casesLabels,
  ...dvLabels,
  ...referralsLabels,
  ...supervisionLabels,
  ...familiesLabels,
  ...followupsLabels,
  ...volunteersLabels,
  ...eventsLabels,
  ...deskLabels,
  ...archiveLabels,
  ...ledgerLabels,
  ...statisticsLabels,
};

type Catalogue = typeof LABELS;
export type LabelNamespace = keyof Catalogue;

/** Every namespace as plain text in one language, keyed by the enum value. */
export type LabelTexts = {
  readonly [N in LabelNamespace]: { readonly [V in keyof Catalogue[N]]: string };
};

/** 'auth.login_failed' → 'auth_login_failed': i18next reads a dot in a key as nesting. */
export type I18nKey<V extends string> = V extends `${infer A}.${infer B}` ? `${A}_${I18nKey<B>}` : V;

/** The same texts keyed for i18next resources (see I18nKey). */
export type LabelResources = {
  readonly [N in LabelNamespace]: { readonly [V in keyof Catalogue[N] & string as I18nKey<V>]: string };
};

export function i18nKey<V extends string>(value: V): I18nKey<V> {
  return value.replace(/\./g, '_') as I18nKey<V>;
}

/** One value's label. */
export function labelOf<E extends string>(table: Labels<E>, value: E, locale: Locale): string {
  return table[value][locale];
}

/** Whether a recorded string (an audit detail, a code from a newer desk) is a value the table labels. */
export function isLabelled<E extends string>(table: Labels<E>, value: unknown): value is E {
  return typeof value === 'string' && Object.hasOwn(table, value);
}

function texts(locale: Locale, key: (value: string) => string): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(LABELS).map(([namespace, table]) => [
      namespace,
      Object.fromEntries(Object.entries<Label>(table).map(([v, l]) => [key(v), l[locale]])),
    ]),
  );
}

/** The whole catalogue in one language (printouts: labelsIn('zh-CN')). */
export function labelsIn(locale: Locale): LabelTexts {
  return texts(locale, (v) => v) as LabelTexts;
}

/** The whole catalogue in one language as i18next resources (the renderer spreads it into its messages). */
export function labelResources(locale: Locale): LabelResources {
  return texts(locale, i18nKey) as LabelResources;
}

export { AUDIT_TARGET_KINDS } from './desk';
export type { AuditTargetKind } from './desk';
export type { Label, Labels } from './label';
