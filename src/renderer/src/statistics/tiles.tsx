import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  BREAKDOWN_VALUES,
  RATE_PARTS,
  type BreakdownIndicator,
  type IndicatorKey,
  type Rate,
  type RateKey,
} from '@shared/statistics';
import {
  formatCount,
  formatPercent,
  indicatorDefinition,
  indicatorName,
  listHref,
  valueLabel,
  type ListTarget,
} from './format';
import type { PeriodState } from './periodState';

/** The id of an indicator's definition in the page's footnote (每个数字的口径). */
export const definitionId = (key: IndicatorKey | RateKey): string => `stats-def-${key}`;

interface LinkProps {
  state: PeriodState;
  target: ListTarget;
  /** What the link reads as: the figure's name (and the breakdown value). */
  name: string;
  /** The number as shown (2,435; 12.5 小时). */
  text: string;
  className?: string;
}

/** A number that opens the list behind it: "辅导对数 12，查看名单". */
export function FigureLink({ state, target, name, text, className }: LinkProps) {
  const { t } = useTranslation();
  return (
    <Link
      to={listHref(state, target)}
      className={className ?? 'stats-number'}
      aria-label={t('statistics.openList', { name, value: text })}
    >
      {text}
    </Link>
  );
}

interface TileProps {
  state: PeriodState;
  indicator: IndicatorKey;
  value: number;
  /** Shown instead of the count (hours). */
  text?: string;
  extra?: ReactNode;
}

/** One headline figure: its name, the number (a link to its list), its definition for screen readers. */
export function CountTile({ state, indicator, value, text, extra }: TileProps) {
  const { t } = useTranslation();
  const name = indicatorName(t, indicator);
  return (
    <div className="stats-tile" aria-describedby={definitionId(indicator)}>
      <div className="stats-tile-name">{name}</div>
      <FigureLink state={state} target={{ indicator }} name={name} text={text ?? formatCount(value)} />
      {extra}
    </div>
  );
}

/** A rate: the percent ("—" without a value), its two parts as links, and its definition in words. */
export function RateTile({ state, rateKey, rate }: { state: PeriodState; rateKey: RateKey; rate: Rate }) {
  const { t } = useTranslation();
  const parts = RATE_PARTS[rateKey];
  const rateName = indicatorName(t, rateKey);
  // The parts are also figures of their own on the page: their names say which rate they belong to.
  const numeratorName = t('statistics.numeratorOf', {
    name: indicatorName(t, parts.numerator),
    rate: rateName,
  });
  const denominatorName = t('statistics.denominatorOf', {
    name: indicatorName(t, parts.denominator),
    rate: rateName,
  });
  const percent = formatPercent(t, rate);
  return (
    <div className="stats-tile stats-tile-rate" aria-describedby={definitionId(rateKey)}>
      <div className="stats-tile-name">{rateName}</div>
      <div className="stats-rate">
        <span className="stats-number stats-percent">{percent}</span>
        {rate.percent === null ? <span className="sr-only">{t('statistics.rateNoValue')}</span> : null}
        <span className="stats-rate-parts">
          {t('statistics.rateOpen')}
          <FigureLink
            state={state}
            target={{ indicator: parts.numerator }}
            name={numeratorName}
            text={formatCount(rate.numerator)}
            className="stats-part"
          />
          {' / '}
          <FigureLink
            state={state}
            target={{ indicator: parts.denominator }}
            name={denominatorName}
            text={formatCount(rate.denominator)}
            className="stats-part"
          />
          {t('statistics.rateClose')}
        </span>
      </div>
      <p className="stats-definition">{indicatorDefinition(t, rateKey)}</p>
    </div>
  );
}

interface BreakdownProps<K extends BreakdownIndicator> {
  state: PeriodState;
  indicator: K;
  counts: Record<(typeof BREAKDOWN_VALUES)[K][number], number>;
  note?: string;
}

/** A breakdown (by type, channel, reason, target …): every value with its number, each a link. */
export function BreakdownTile<K extends BreakdownIndicator>({
  state,
  indicator,
  counts,
  note,
}: BreakdownProps<K>) {
  const { t } = useTranslation();
  const name = indicatorName(t, indicator);
  const values: readonly string[] = BREAKDOWN_VALUES[indicator];
  const countOf = (v: string): number => (counts as Record<string, number>)[v] ?? 0;
  return (
    <div className="stats-tile stats-tile-wide" aria-describedby={definitionId(indicator)}>
      <div className="stats-tile-name">{name}</div>
      <ul className="stats-breakdown">
        {values.map((v) => {
          const label = valueLabel(t, indicator, v);
          const n = countOf(v);
          return (
            <li key={v} className={n === 0 ? 'stats-zero' : undefined}>
              <span className="stats-breakdown-label">{label}</span>
              <FigureLink
                state={state}
                target={{ indicator, value: v }}
                name={`${name}${t('common.colon')}${label}`}
                text={formatCount(n)}
                className="stats-part"
              />
            </li>
          );
        })}
      </ul>
      {note ? <p className="stats-definition">{note}</p> : null}
    </div>
  );
}
