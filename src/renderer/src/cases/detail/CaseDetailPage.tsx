import { useState } from 'react';
import { Button, Result, Skeleton, Space, Tabs, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { can } from '@shared/roles';
import type { CaseDetail } from '@shared/cases';
import type { SessionUser } from '@shared/users';
import { useCase } from '../hooks';
import { useApiQuery } from '../../api';
import { ExportButton, ReviewBanner } from '../../archive';
import { ErrorAlert, Page, ResultTag } from '../../components';
import { RiskTags } from '../common/RiskTags';
import { StatusTag } from '../common/StatusTag';
import { DvTab } from '../../dv';
import { PrintButton } from '../../print';
import { RecordsTab } from '../../records';
import { ReferralsTab } from '../../referrals';
import { SupervisionTab } from '../../supervision';
import { CaseEditModal } from './CaseEditModal';
import { CaseInfoTab } from './CaseInfoTab';
import { FamilyAction } from './FamilyAction';
import { PartiesPanel } from './PartiesPanel';
import { RegistrationPanel } from './RegistrationPanel';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 案件详情: opened from the list, the dashboard or search. Every opening is audited by the desk. */
export function CaseDetailPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { caseId = '' } = useParams();
  if (!UUID.test(caseId)) {
    return (
      <Result
        status="404"
        title={<h1 className="result-title">{t('caseDetail.notFound')}</h1>}
        extra={<Button onClick={() => void navigate('/cases')}>{t('caseDetail.backToList')}</Button>}
      />
    );
  }
  return <CaseDetailLoaded key={caseId} caseId={caseId} user={user} />;
}

function CaseDetailLoaded({ caseId, user }: { caseId: string; user: SessionUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = useCase(caseId);
  if (query.isPending) {
    return (
      <Page title={t('caseDetail.loading')} focusHeading={false}>
        <div className="panel">
          <Skeleton active paragraph={{ rows: 8 }} />
        </div>
      </Page>
    );
  }
  if (query.isError) {
    if (query.error.code === 'CASE_NOT_FOUND') {
      return (
        <Result
          status="404"
          title={<h1 className="result-title">{t('caseDetail.notFound')}</h1>}
          subTitle={query.error.message}
          extra={<Button onClick={() => void navigate('/cases')}>{t('caseDetail.backToList')}</Button>}
        />
      );
    }
    return (
      <Page title={t('caseDetail.title')}>
        <ErrorAlert error={query.error} />
        <Button onClick={() => void query.refetch()}>{t('app.retry')}</Button>
      </Page>
    );
  }
  return <CaseView detail={query.data} user={user} />;
}

function CaseView({ detail, user }: { detail: CaseDetail; user: SessionUser }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const canWork = can(user.role, 'cases.work');
  const [editing, setEditing] = useState(false);
  const requested = params.get('tab');
  // Disclosures are shown to the counsellor in charge and directors only, and read (an audited 'dv.viewed')
  // only when the tab is opened; if the desk answers that this user may not see them, the tab goes away.
  const dvAllowed = user.role === 'director' || detail.counsellor.id === user.id;
  const dv = useApiQuery(
    'dv.list',
    { caseId: detail.id },
    { enabled: dvAllowed && requested === 'dv', staleTime: 5 * 60_000 },
  );
  const dvVisible = dvAllowed && !(dv.isError && ['DV_NOT_FOUND', 'FORBIDDEN'].includes(dv.error.code));

  const items = [
    {
      key: 'records',
      label: t('caseDetail.tabRecords'),
      children: <RecordsTab detail={detail} user={user} canWork={canWork} />,
    },
    ...(dvVisible
      ? [
          {
            key: 'dv',
            label: (
              <span>
                {t('caseDetail.tabDv')}
                {dv.data?.some((d) => d.mandatoryReportDue) ? (
                  <Tag color="red" className="tab-badge">
                    {t('dv.reportDueShort')}
                  </Tag>
                ) : null}
              </span>
            ),
            children: <DvTab detail={detail} query={dv} canWork={canWork} />,
          },
        ]
      : []),
    {
      key: 'referrals',
      label: t('caseDetail.tabReferrals'),
      children: <ReferralsTab detail={detail} canWork={canWork} dvAllowed={dvVisible} />,
    },
    {
      key: 'supervision',
      label: t('caseDetail.tabSupervision'),
      children: <SupervisionTab detail={detail} user={user} />,
    },
    {
      key: 'info',
      label: t('caseDetail.tabInfo'),
      children: <CaseInfoTab detail={detail} canWork={canWork} />,
    },
  ];
  const active = items.some((i) => i.key === requested) ? (requested ?? 'records') : 'records';

  return (
    <Page
      title={t('caseDetail.titleWith', { caseNumber: detail.caseNumber })}
      extra={
        <Space wrap>
          {canWork ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('caseDetail.edit')}
            </Button>
          ) : null}
          {canWork ? <FamilyAction detail={detail} /> : null}
          {canWork ? (
            <ExportButton
              selection={{ kind: 'cases', caseIds: [detail.id] }}
              label={t('archive.exportCase')}
              scope={t('archive.scopeCases', { count: 1 })}
            />
          ) : null}
          <PrintButton
            channel="print.caseSummaryPdf"
            input={{ caseId: detail.id }}
            label={t('print.summary')}
          />
        </Space>
      }
    >
      <ReviewBanner caseId={detail.id} />
      <div className="panel case-head">
        <Space size={[8, 8]} wrap>
          <Tag color="blue" variant="filled">
            {t(`caseTypes.${detail.type}`)}
          </Tag>
          {detail.registration ? <StatusTag status={detail.registration.status} /> : null}
          <ResultTag result={detail.result} />
          <RiskTags risk={detail.risk} dvDisclosed={detail.dvDisclosed} />
        </Space>
        <dl className="case-facts">
          <div>
            <dt>
              {t('cases.counsellor')}
              {t('common.colon')}
            </dt>
            <dd>{detail.counsellor.displayName}</dd>
          </div>
          <div>
            <dt>
              {t('caseDetail.companion')}
              {t('common.colon')}
            </dt>
            <dd>{detail.companion?.name ?? '—'}</dd>
          </div>
          {detail.filing ? (
            <>
              <div>
                <dt>
                  {t('intake.receivedDate')}
                  {t('common.colon')}
                </dt>
                <dd>{detail.filing.receivedDate}</dd>
              </div>
              <div>
                <dt>
                  {t('intake.receiptNumber')}
                  {t('common.colon')}
                </dt>
                <dd className="mono">{detail.filing.receiptNumber}</dd>
              </div>
            </>
          ) : null}
        </dl>
      </div>
      <PartiesPanel detail={detail} />
      <RegistrationPanel detail={detail} canWork={canWork} />
      <div className="panel">
        <Tabs
          activeKey={active}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={items}
          destroyOnHidden={false}
        />
      </div>
      {editing ? <CaseEditModal detail={detail} onClose={() => setEditing(false)} /> : null}
    </Page>
  );
}
