import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  /** Whole days until the deadline day (0 = today, negative = past). */
  days: number | null;
  /** The office's closing time: the deadline is that time on the last day, not midnight. */
  closingTime?: string;
}

/** "还剩 5 天" — red within 3 days, orange within 7, plain after; "今天 17:00 截止" on the day itself. */
export function DaysLeft({ days, closingTime }: Props) {
  const { t } = useTranslation();
  if (days === null) return <span className="muted">—</span>;
  if (days < 0)
    return <Typography.Text type="secondary">{t('deadline.past', { days: -days })}</Typography.Text>;
  if (days === 0) {
    return (
      <Typography.Text type="danger" strong>
        {closingTime ? t('deadline.todayAt', { time: closingTime }) : t('deadline.today')}
      </Typography.Text>
    );
  }
  const type = days <= 3 ? 'danger' : days <= 7 ? 'warning' : undefined;
  return (
    <Typography.Text type={type} strong={days <= 3}>
      {t('deadline.left', { days })}
    </Typography.Text>
  );
}
