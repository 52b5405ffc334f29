import { useState } from 'react';
import { Alert, App, Button, Result, Skeleton, Space } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { FamilyDetail } from '@shared/families';
import { can } from '@shared/roles';
import type { SessionUser } from '@shared/users';
import { errorMessage } from '../api';
import { ExportButton } from '../archive';
import { ErrorAlert, Page, ResultTag } from '../components';
import { CasesPanel } from './CasesPanel';
import { ConcernAlerts } from './ConcernAlerts';
import { FamilyFormModal } from './FamilyFormModal';
import { HelpLinksPanel } from './HelpLinksPanel';
import { useFamily, useFamilyWrite } from './hooks';
import { MembersPanel } from './MembersPanel';
import { NotesPanel } from './NotesPanel';
import { PlansPanel } from './PlansPanel';
import { ReasonModal, type ReasonRequest } from '../components';
import { FamilyStatusTag, FocusTag } from './tags';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 家庭档案 page (/families/:familyId). */
export function FamilyPage({ user }: { user: SessionUser }) {
  const { familyId = '' } = useParams();
  if (!UUID.test(familyId)) return <FamilyNotFound />;
  return <FamilyLoaded key={familyId} familyId={familyId} user={user} />;
}

export function FamilyNotFound({ detail }: { detail?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('families.notFound')}</h1>}
      subTitle={detail}
      extra={<Button onClick={() => void navigate('/families')}>{t('families.backToList')}</Button>}
    />
  );
}

function FamilyLoaded({ familyId, user }: { familyId: string; user: SessionUser }) {
  const { t } = useTranslation();
  const query = useFamily(familyId);
  if (query.isPending) {
    return (
      <Page title={t('families.loading')} focusHeading={false}>
        <div className="panel">
          <Skeleton active paragraph={{ rows: 8 }} />
        </div>
      </Page>
    );
  }
  if (query.isError) {
    if (query.error.code === 'FAMILY_NOT_FOUND') return <FamilyNotFound detail={query.error.message} />;
    return (
      <Page title={t('families.title')}>
        <ErrorAlert error={query.error} />
        <Button onClick={() => void query.refetch()}>{t('app.retry')}</Button>
      </Page>
    );
  }
  return <FamilyView family={query.data} user={user} />;
}

function FamilyView({ family, user }: { family: FamilyDetail; user: SessionUser }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const canWork = can(user.role, 'cases.work');
  const open = family.status === 'open';
  const editable = canWork && open;
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState<ReasonRequest | null>(null);
  const closeArchive = useFamilyWrite('families.close');
  const reopen = useFamilyWrite('families.reopen');

  const askClose = () =>
    setAsking({
      title: t('families.closeTitle', { number: family.archiveNumber }),
      intro: t('families.closeIntro'),
      label: t('families.closeReason'),
      okText: t('families.close'),
      danger: true,
      done: t('families.closed'),
      run: (reason) => closeArchive.mutateAsync({ familyId: family.id, reason }),
    });

  const askReopen = () => {
    modal.confirm({
      title: t('families.reopenConfirm'),
      content: t('families.reopenBody'),
      okText: t('families.reopen'),
      cancelText: t('common.cancel'),
      autoFocusButton: 'cancel',
      onOk: async () => {
        try {
          await reopen.mutateAsync({ familyId: family.id });
          void message.success(t('families.reopened'));
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });
  };

  return (
    <Page
      title={t('families.titleWith', { number: family.archiveNumber })}
      extra={
        canWork ? (
          <Space wrap>
            <ExportButton
              selection={{ kind: 'family', familyId: family.id }}
              label={t('archive.exportFamily')}
              scope={t('archive.scopeFamily')}
            />
            {open ? (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('families.editInfo')}
                </Button>
                <Button danger onClick={askClose}>
                  {t('families.close')}
                </Button>
              </>
            ) : (
              <Button onClick={askReopen}>{t('families.reopen')}</Button>
            )}
          </Space>
        ) : null
      }
    >
      <div className="panel case-head">
        <Space size={[8, 8]} wrap>
          <FamilyStatusTag status={family.status} />
          <FocusTag focus={family.focus} />
          <ResultTag result={family.result} />
        </Space>
        <dl className="case-facts">
          <div>
            <dt>
              {t('families.name')}
              {t('common.colon')}
            </dt>
            <dd>{family.name}</dd>
          </div>
          <div>
            <dt>
              {t('families.counsellor')}
              {t('common.colon')}
            </dt>
            <dd>{family.counsellor.displayName}</dd>
          </div>
          <div>
            <dt>
              {t('families.openedFrom')}
              {t('common.colon')}
            </dt>
            <dd>{family.result ? t(`results.${family.result}`) : t('families.manual')}</dd>
          </div>
          <div>
            <dt>
              {t('families.createdAt')}
              {t('common.colon')}
            </dt>
            <dd>{dayjs(family.createdAt).format('YYYY-MM-DD')}</dd>
          </div>
        </dl>
        <Alert
          className="family-focus"
          type="info"
          showIcon
          role="note"
          title={t(`followUpFocuses.${family.focus}`)}
          description={t(`families.focusPrompt_${family.focus}`)}
        />
        {open ? null : (
          <Alert
            type="warning"
            showIcon
            title={t('families.closedNote', { reason: family.closedReason ?? '—' })}
          />
        )}
      </div>
      <ConcernAlerts family={family} canAcknowledge={canWork} />
      <PlansPanel family={family} editable={editable} confirm={setAsking} />
      <MembersPanel family={family} editable={editable} confirm={setAsking} />
      <NotesPanel family={family} editable={editable} onEdit={() => setEditing(true)} />
      <HelpLinksPanel family={family} editable={editable} confirm={setAsking} />
      <CasesPanel family={family} />
      {editing ? <FamilyFormModal open family={family} onClose={() => setEditing(false)} /> : null}
      <ReasonModal request={asking} onClose={() => setAsking(null)} />
    </Page>
  );
}
