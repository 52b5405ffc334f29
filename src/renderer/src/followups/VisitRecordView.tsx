import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Visit } from '@shared/followups';

/** A done visit's record, read-only (the safety concern is shown by whoever must act on it). */
export function VisitRecordView({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const text = (value: string | null) =>
    value ? <span className="pre-wrap">{value}</span> : <span className="muted">—</span>;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 3 }}
      items={[
        { key: 'date', label: t('followups.visitDate'), children: visit.visitDate ?? '—' },
        {
          key: 'channel',
          label: t('followups.channel'),
          children: visit.channel ? t(`channels.${visit.channel}`) : '—',
        },
        {
          key: 'duration',
          label: t('followups.duration'),
          children:
            visit.durationMinutes === null ? '—' : t('followups.durationValue', { n: visit.durationMinutes }),
        },
        { key: 'met', label: t('followups.metWhom'), span: 2, children: text(visit.metWhom) },
        {
          key: 'marriage',
          label: t('followups.marriageStatus'),
          children: visit.marriageStatus ? t(`marriageStatuses.${visit.marriageStatus}`) : '—',
        },
        {
          key: 'children',
          label: t('followups.childrenWellbeing'),
          span: 3,
          children: text(visit.childrenWellbeing),
        },
        { key: 'elderly', label: t('followups.elderly'), span: 3, children: text(visit.elderly) },
        { key: 'problems', label: t('followups.problems'), span: 3, children: text(visit.problems) },
        { key: 'help', label: t('followups.helpGiven'), span: 3, children: text(visit.helpGiven) },
        { key: 'next', label: t('followups.nextStep'), span: 3, children: text(visit.nextStep) },
        {
          key: 'safety',
          label: t('followups.safetyConcern'),
          span: 3,
          children: visit.safetyConcern ? (
            <span>
              <Tag color={visit.safetyAcknowledged ? 'default' : 'volcano'}>
                {visit.safetyAcknowledged ? t('followups.concernAcknowledged') : t('followups.concernOpen')}
              </Tag>
              <span className="pre-wrap">{visit.safetyNote}</span>
            </span>
          ) : (
            t('common.no')
          ),
        },
        {
          key: 'by',
          label: t('followups.recordedBy'),
          span: 3,
          children: visit.recordedBy?.displayName ?? '—',
        },
      ]}
    />
  );
}
