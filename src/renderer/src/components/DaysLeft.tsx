import { useTranslation } from 'react-i18next';
import './components.css';

interface Props {
  /** Whole days until the deadline day (0 = today, negative = past). */
  days: number | null;
  /** The office's closing time: the deadline is that time on the last day, not midnight. */
  closingTime?: string;
}

/**
 * "还剩 5 天" — red within 3 days, orange within 7, plain after; "今天 17:00 截止" on the day itself. Plain
 * spans in antd's text colours rather than Typography.Text: the case list draws one per row.
 */
export function DaysLeft({ days, closingTime }: Props) {
  const { t } = useTranslation();
  if (days === null) return <span className="muted">—</span>;
  if (days < 0) return <span className="days-left-secondary">{t('deadline.past', { days: -days })}</span>;
  if (days === 0) {
    return (
      <span className="days-left-danger days-left-strong">
        {closingTime ? t('deadline.todayAt', { time: closingTime }) : t('deadline.today')}
      </span>
    );
  }
  const tone = days <= 3 ? 'days-left-danger days-left-strong' : days <= 7 ? 'days-left-warning' : undefined;
  return <span className={tone}>{t('deadline.left', { days })}</span>;
}
