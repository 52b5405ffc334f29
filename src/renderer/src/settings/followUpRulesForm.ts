import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { RecordResultSchema, type RecordResult } from '@shared/cases';
import type { FollowUpFocus, FollowUpRule } from '@shared/followups';
import type { Settings } from '@shared/settings';
import { listMax, numberField } from '../components';

/** One rule as the form holds it: the months typed as text ("1, 3, 6, 12"). */
export interface RuleValues {
  result: RecordResult;
  months: string;
  onlyWithMinorChildren: boolean;
  focus: FollowUpFocus;
}

const SEPARATORS = /[\s,，、;；]+/;

/** The typed months as numbers, or null when something typed is not a whole number. */
export function parseMonths(text: string): number[] | null {
  const parts = text.split(SEPARATORS).filter((p) => p !== '');
  const months = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  return months.some((m) => Number.isNaN(m)) ? null : months;
}

/** One form row per counselling result, in the catalogue's order, from the stored rules. */
export function toRuleValues(rules: readonly FollowUpRule[]): RuleValues[] {
  return RecordResultSchema.options.map((result) => {
    const rule = rules.find((r) => r.result === result);
    return {
      result,
      months: rule ? rule.months.join(', ') : '',
      onlyWithMinorChildren: rule?.onlyWithMinorChildren ?? false,
      focus: rule?.focus ?? (result === 'divorce' ? 'children_elderly' : 'marriage'),
    };
  });
}

export function toRules(values: readonly RuleValues[]): Settings['followUpRules'] {
  return values.map((v) => ({
    result: v.result,
    months: parseMonths(v.months) ?? [],
    onlyWithMinorChildren: v.onlyWithMinorChildren,
    focus: v.focus,
  }));
}

/** The months field's checks, with the limits of the settings schema (1 … 60, strictly increasing, ≤ 12). */
export function monthsRules(t: TFunction): FormRule[] {
  const { min = 1, max = 60 } = numberField('settings.update', 'followUpRules.0.months.0');
  const most = listMax('settings.update', 'followUpRules.0.months');
  return [
    {
      validator: async (_, value: unknown) => {
        const months = parseMonths(typeof value === 'string' ? value : '');
        if (months === null || months.some((m) => m < min || m > max)) {
          throw new Error(t('settings.ruleMonthsInvalid', { min, max }));
        }
        if (months.some((m, i) => i > 0 && m <= (months[i - 1] ?? 0))) {
          throw new Error(t('settings.ruleMonthsOrder'));
        }
        if (months.length > most) throw new Error(t('settings.ruleMonthsTooMany', { max: most }));
      },
    },
  ];
}
