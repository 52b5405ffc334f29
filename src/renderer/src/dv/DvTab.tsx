import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Skeleton, Space, Tag } from 'antd';
import { AlertOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { daysBetween } from '@shared/calendar';
import type { CaseDetail } from '@shared/cases';
import type { DvDisclosure, DvRiskLevel } from '@shared/dv';
import type { ApiError } from '../api';
import { ErrorAlert, officeToday } from '../components';
import { DvFormModal } from './DvFormModal';
import { HelpInfoReminder } from './HelpInfoReminder';
import { MandatoryReportModal } from './MandatoryReportModal';

const RISK_COLOR: Record<DvRiskLevel, string> = {
  low: 'blue',
  medium: 'gold',
  high: 'orange',
  severe: 'red',
};

interface Props {
  detail: CaseDetail;
  query: UseQueryResult<DvDisclosure[], ApiError>;
  canWork: boolean;
}

/** 家暴情况 (反家庭暴力法): kept apart from the counselling notes, seen by the counsellor in charge and directors. */
export function DvTab({ detail, query, canWork }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<DvDisclosure | 'new' | null>(null);
  const [reporting, setReporting] = useState<DvDisclosure | null>(null);

  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const list = query.data;

  return (
    <div className="tab-body">
      <Alert className="form-alert" type="info" showIcon role="note" title={t('dv.restricted')} />
      {canWork ? (
        <Space className="tab-actions">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('dv.add')}
          </Button>
        </Space>
      ) : null}
      {list.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dv.empty')} /> : null}
      {list.map((d) => (
        <Card
          key={d.id}
          size="small"
          className="dv-card"
          title={t('dv.cardTitle', { date: d.disclosedAt, by: disclosedByText(t, d, detail) })}
          extra={
            <Space size="small">
              <Tag color={RISK_COLOR[d.riskLevel]} variant="filled">
                {t(`dvRiskLevels.${d.riskLevel}`)}
              </Tag>
              {canWork ? (
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(d)}>
                  {t('dv.edit')}
                </Button>
              ) : null}
            </Space>
          }
        >
          {d.mandatoryReportDue ? (
            <Alert
              className="form-alert mandatory-report"
              type="error"
              showIcon
              icon={<AlertOutlined />}
              role="alert"
              title={t('dv.reportDueTitle')}
              description={
                <>
                  <p>{d.minorsInvolved ? t('dv.reportDueMinors') : t('dv.reportDueCapacity')}</p>
                  {canWork ? (
                    <Button type="primary" danger onClick={() => setReporting(d)}>
                      {t('dv.recordReport')}
                    </Button>
                  ) : null}
                </>
              }
            />
          ) : null}
          {d.helpInfoGiven ? null : <HelpInfoReminder />}
          <DvDetails disclosure={d} />
        </Card>
      ))}
      <DvFormModal detail={detail} editing={editing} onClose={() => setEditing(null)} />
      <MandatoryReportModal disclosure={reporting} onClose={() => setReporting(null)} />
    </div>
  );
}

function disclosedByText(t: TFunction, d: DvDisclosure, detail: CaseDetail): string {
  if (d.disclosedBy === 'other') return d.disclosedByName ?? t('parties.other');
  if (d.disclosedBy === 'child') return t('parties.child');
  const party = detail.parties.find((p) => p.key === d.disclosedBy);
  return party
    ? t('common.withNote', { main: t(`parties.${d.disclosedBy}`), note: party.name })
    : t(`parties.${d.disclosedBy}`);
}

function DvDetails({ disclosure: d }: { disclosure: DvDisclosure }) {
  const { t } = useTranslation();
  const dash = '—';
  const yes = (v: boolean) => (v ? t('common.yes') : t('common.no'));
  const order = d.protectionOrder;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      items={[
        {
          key: 'facts',
          label: t('dv.facts'),
          span: 2,
          children: <span className="pre-wrap">{d.facts}</span>,
        },
        {
          key: 'injuries',
          label: t('dv.injuriesEvidence'),
          span: 2,
          children: <span className="pre-wrap">{d.injuriesEvidence ?? dash}</span>,
        },
        {
          key: 'wishes',
          label: t('dv.victimWishes'),
          span: 2,
          children: <span className="pre-wrap">{d.victimWishes ?? dash}</span>,
        },
        { key: 'minors', label: t('dv.minorsInvolved'), children: yes(d.minorsInvolved) },
        { key: 'capacity', label: t('dv.victimLacksCapacity'), children: yes(d.victimLacksCapacity) },
        {
          key: 'report',
          label: t('dv.mandatoryReport'),
          span: 2,
          children: d.mandatoryReport
            ? t('dv.reportText', {
                date: d.mandatoryReport.reportedAt,
                to: d.mandatoryReport.reportedTo,
                reference: d.mandatoryReport.reference ?? dash,
              })
            : d.minorsInvolved || d.victimLacksCapacity
              ? t('dv.reportMissing')
              : t('dv.reportNotNeeded'),
        },
        { key: 'help', label: t('dv.helpInfoGiven'), children: yes(d.helpInfoGiven) },
        { key: 'recorder', label: t('dv.recordedBy'), children: d.recordedBy.displayName },
        {
          key: 'warning',
          label: t('dv.warningLetter'),
          children: d.warningLetter
            ? t('dv.warningLetterText', { number: d.warningLetter.number, date: d.warningLetter.issuedAt })
            : dash,
        },
        {
          key: 'order',
          label: t('dv.protectionOrder'),
          children: order ? <ProtectionOrderText order={order} /> : dash,
        },
      ]}
    />
  );
}

function ProtectionOrderText({ order }: { order: NonNullable<DvDisclosure['protectionOrder']> }) {
  const { t } = useTranslation();
  const left = daysBetween(officeToday(), order.expiresAt);
  return (
    <span>
      {t('dv.protectionOrderText', {
        number: order.number,
        issued: order.issuedAt,
        expires: order.expiresAt,
      })}{' '}
      {left < 0 ? (
        <Tag>{t('dv.orderExpired')}</Tag>
      ) : left <= 14 ? (
        <Tag color="orange">{t('dv.orderExpiresIn', { days: left })}</Tag>
      ) : null}
    </span>
  );
}
