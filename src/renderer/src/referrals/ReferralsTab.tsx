import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Skeleton, Space, Tag, Timeline } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@shared/cases';
import { REFERRAL_TRANSITIONS, type Referral, type ReferralStatus } from '@shared/referrals';
import { useApiQuery } from '../api';
import { ErrorAlert } from '../components';
import { PrintButton } from '../print';
import { ReferralFormModal } from './ReferralFormModal';
import { ReferralStatusTag } from './ReferralStatusTag';
import { ReferralTransitionModal } from './ReferralTransitionModal';

type Move = Exclude<ReferralStatus, 'created'>;

interface Props {
  detail: CaseDetail;
  canWork: boolean;
  /** The user may see this case's DV disclosures (a referral may follow from one). */
  dvAllowed: boolean;
}

/** 转介: the closed loop (created → sent → accepted / rejected → done), overdue ones marked, letters printed. */
export function ReferralsTab({ detail, canWork, dvAllowed }: Props) {
  const { t } = useTranslation();
  const list = useApiQuery('referrals.list', { caseId: detail.id, pageSize: 200 });
  const [creating, setCreating] = useState(false);
  const [moving, setMoving] = useState<{ referral: Referral; to: Move } | null>(null);

  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const rows = list.data.rows;

  return (
    <div className="tab-body">
      {canWork ? (
        <Space className="tab-actions">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('referrals.add')}
          </Button>
        </Space>
      ) : null}
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('referrals.empty')} />
      ) : null}
      {rows.map((r) => (
        <Card
          key={r.id}
          size="small"
          className="referral-card"
          title={
            <span>
              <span className="mono">{r.referenceNumber}</span>{' '}
              {r.targetName
                ? t('common.withNote', { main: t(`referralTargets.${r.target}`), note: r.targetName })
                : t(`referralTargets.${r.target}`)}
            </span>
          }
          extra={
            <Space size="small" wrap>
              <ReferralStatusTag status={r.status} />
              {r.overdue ? (
                <Tag color="red" variant="filled">
                  {t('referrals.overdue', { days: r.daysOverdue })}
                </Tag>
              ) : null}
            </Space>
          }
        >
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'subject', label: t('referrals.subject'), children: t(`referralSubjects.${r.subject}`) },
              { key: 'expected', label: t('referrals.expectedReplyDate'), children: r.expectedReplyDate },
              {
                key: 'reason',
                label: t('referrals.reason'),
                span: 2,
                children: <span className="pre-wrap">{r.reason}</span>,
              },
              {
                key: 'consent',
                label: t('referrals.consentGiven'),
                span: 2,
                children: r.consentGiven
                  ? t('common.yes')
                  : t('referrals.noConsentWith', { reason: r.noConsentReason ?? '—' }),
              },
              { key: 'by', label: t('referrals.createdBy'), children: r.createdBy.displayName },
              {
                key: 'dv',
                label: t('referrals.fromDv'),
                children: r.dvDisclosureId ? t('common.yes') : t('common.no'),
              },
            ]}
          />
          <Timeline
            className="referral-events"
            items={r.events.map((e, i) => ({
              key: i,
              children: (
                <span>
                  <strong>{t(`referralStatuses.${e.status}`)}</strong> {e.date}
                  <span className="muted small">
                    {' '}
                    · {e.by.displayName} {dayjs(e.at).format('MM-DD HH:mm')}
                  </span>
                  {e.note ? <div className="pre-wrap">{e.note}</div> : null}
                </span>
              ),
            }))}
          />
          <Space wrap>
            {canWork
              ? REFERRAL_TRANSITIONS[r.status].map((to) => (
                  <Button
                    key={to}
                    danger={to === 'rejected'}
                    onClick={() => setMoving({ referral: r, to: to as Move })}
                  >
                    {t(`referrals.action_${to as Move}`)}
                  </Button>
                ))
              : null}
            <PrintButton
              channel="print.referralLetterPdf"
              input={{ referralId: r.id }}
              label={t('print.referralLetter')}
            />
          </Space>
        </Card>
      ))}
      <ReferralFormModal
        detail={detail}
        open={creating}
        dvAllowed={dvAllowed}
        onClose={() => setCreating(false)}
      />
      <ReferralTransitionModal move={moving} onClose={() => setMoving(null)} />
    </div>
  );
}
