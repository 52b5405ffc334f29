import { Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VolunteerDetail } from '@shared/volunteers';

/** 志愿服务时长: the total and where it comes from (辅导 N 次 / 回访 N 次 / 活动 N 场), each in hours. */
export function ServiceHoursPanel({ hours: h }: { hours: VolunteerDetail['serviceHours'] }) {
  const { t } = useTranslation();
  const parts = [
    {
      key: 'counselling',
      label: t('volunteers.hoursCounselling', { count: h.counsellingSessions }),
      hours: h.counsellingHours,
    },
    { key: 'visits', label: t('volunteers.hoursVisits', { count: h.visits }), hours: h.visitHours },
    { key: 'events', label: t('volunteers.hoursEvents', { count: h.events }), hours: h.eventHours },
  ];
  return (
    <section className="panel" aria-labelledby="volunteer-hours">
      <div className="panel-head">
        <h2 id="volunteer-hours" className="panel-title">
          {t('volunteers.hours')}
        </h2>
      </div>
      <div className="volunteer-hours">
        <Statistic
          title={t('volunteers.hoursTotal')}
          value={h.totalHours}
          suffix={t('volunteers.hoursUnit')}
        />
        {parts.map((p) => (
          <Statistic key={p.key} title={p.label} value={p.hours} suffix={t('volunteers.hoursUnit')} />
        ))}
      </div>
      <p className="muted small volunteer-hours-note">{t('volunteers.hoursNote')}</p>
    </section>
  );
}
