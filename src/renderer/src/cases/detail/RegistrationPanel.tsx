import { useState } from 'react';
import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, Registration } from '@shared/cases';
import { StatusTag } from '../common/StatusTag';
import { TimelineBar } from './TimelineBar';
import { TransitionModal, type TransitionAction } from './TransitionModal';

const ACTIONS: Record<Registration['status'], readonly TransitionAction[]> = {
  accepted_cooling: ['withdraw', 'refuse'],
  awaiting_certificate: ['register', 'refuse'],
  withdrawn: [],
  deemed_withdrawn: [],
  registered: [],
  refused: [],
};

/** 离婚登记: the statutory timeline, the current status and what may be done next. */
export function RegistrationPanel({ detail, canWork }: { detail: CaseDetail; canWork: boolean }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<TransitionAction | null>(null);
  const registration = detail.registration;
  if (!registration || !detail.filing) return null;
  const actions = canWork ? ACTIONS[registration.status] : [];
  return (
    <section className="panel" aria-labelledby="registration-title">
      <div className="panel-head">
        <h2 id="registration-title" className="panel-title">
          {t('registration.title')} <StatusTag status={registration.status} />
        </h2>
        {actions.length > 0 ? (
          <Space wrap>
            {actions.map((a) => (
              <Button
                key={a}
                danger={a === 'refuse'}
                type={a === 'refuse' ? 'default' : 'primary'}
                ghost={a !== 'refuse'}
                onClick={() => setAction(a)}
              >
                {t(`registration.action_${a}`)}
              </Button>
            ))}
          </Space>
        ) : null}
      </div>
      <TimelineBar
        receivedDate={detail.filing.receivedDate}
        registration={registration}
        today={detail.today}
      />
      <StatusNote registration={registration} detail={detail} />
      <TransitionModal detail={detail} action={action} onClose={() => setAction(null)} />
    </section>
  );
}

function StatusNote({ registration, detail }: { registration: Registration; detail: CaseDetail }) {
  const { t } = useTranslation();
  const r = registration;
  const name = (key: 'party_a' | 'party_b' | 'both') =>
    key === 'both'
      ? t('parties.both')
      : (detail.parties.find((p) => p.key === key)?.name ?? t(`parties.${key}`));
  let text: string | null = null;
  if (r.status === 'withdrawn' && r.withdrawal) {
    text = t('registration.noteWithdrawn', {
      date: r.withdrawal.date,
      by: name(r.withdrawal.by),
      number: r.withdrawal.confirmationNumber,
    });
  } else if (r.status === 'deemed_withdrawn') {
    text = t('registration.noteDeemed', { end: r.timeline.certificateWindowEnd });
  } else if (r.status === 'registered') {
    text = t('registration.noteRegistered', { date: r.registeredDate ?? '—' });
  } else if (r.status === 'refused' && r.refusal) {
    text = t('registration.noteRefused', { date: r.refusal.date, reason: r.refusal.reason });
  }
  if (!text) return null;
  return (
    <Alert
      className="status-note"
      type={r.status === 'deemed_withdrawn' ? 'warning' : 'info'}
      showIcon
      role="note"
      title={text}
    />
  );
}
