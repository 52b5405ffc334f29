import { Descriptions, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@shared/cases';
import type { CounsellingRecord } from '@shared/records';

/** A record as read: the appendix D fields in order, long texts kept as written, then the addenda. */
export function RecordView({ record: r, detail }: { record: CounsellingRecord; detail: CaseDetail }) {
  const { t } = useTranslation();
  const dash = '—';
  const partyName = (key: 'party_a' | 'party_b') =>
    detail.parties.find((p) => p.key === key)?.name ?? t(`parties.${key}`);
  const attendees = [...r.attendees.parties.map(partyName), ...r.attendees.others];
  const text = (value: string | null) => <span className="pre-wrap">{value ?? dash}</span>;
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        bordered
        items={[
          {
            key: 'when',
            label: t('records.sessionDate'),
            children: `${r.sessionDate ?? dash} ${r.halfDay ? t(`halfDays.${r.halfDay}`) : ''}`,
          },
          {
            key: 'channel',
            label: t('records.channel'),
            children: r.channel ? t(`channels.${r.channel}`) : dash,
          },
          {
            key: 'counsellors',
            label: t('records.counsellors'),
            children: r.counsellors.map((c) => c.displayName).join(t('common.enumSep')) || dash,
          },
          {
            key: 'volunteers',
            label: t('records.volunteers'),
            children: r.volunteerNames.join(t('common.enumSep')) || dash,
          },
          {
            key: 'attendees',
            label: t('records.attendees'),
            span: 2,
            children: attendees.join(t('common.enumSep')) || dash,
          },
          { key: 'family', label: t('records.familySituation'), span: 2, children: text(r.familySituation) },
          { key: 'notes', label: t('records.interviewNotes'), span: 2, children: text(r.interviewNotes) },
          {
            key: 'assessment',
            label: t('records.interventionAssessment'),
            span: 2,
            children: text(r.interventionAssessment),
          },
          { key: 'result', label: t('records.result'), children: r.result ? t(`results.${r.result}`) : dash },
          {
            key: 'satisfaction',
            label: t('records.satisfaction'),
            children: r.satisfaction ? t(`satisfaction.${r.satisfaction}`) : dash,
          },
          { key: 'remarks', label: t('records.remarks'), span: 2, children: text(r.remarks) },
        ]}
      />
      {r.addenda.length > 0 ? (
        <section className="addenda" aria-label={t('records.addenda')}>
          <Typography.Title level={4} className="addenda-title">
            {t('records.addenda')}
          </Typography.Title>
          <Timeline
            items={r.addenda.map((a) => ({
              key: a.id,
              children: (
                <div>
                  <div className="muted small">
                    {t('records.addendumBy', {
                      date: a.date,
                      time: dayjs(a.writtenAt).format('HH:mm'),
                      name: a.author.displayName,
                    })}
                  </div>
                  <div className="pre-wrap">{a.text}</div>
                </div>
              ),
            }))}
          />
        </section>
      ) : null}
    </>
  );
}
