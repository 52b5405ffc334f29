import { useState } from 'react';
import { App, Button, Descriptions, Result, Skeleton, Space, Switch, Tag } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { VolunteerDetail } from '@shared/volunteers';
import { useAnsweredMutation, useApiMutation, useApiQuery } from '../api';
import { ErrorAlert, Page } from '../components';
import type { EntryKind } from './EntryModals';
import { EntryModal } from './EntryModals';
import { FilePanels, type EntryRemoval } from './FilePanels';
import { ReasonModal, type ReasonRequest } from '../components';
import { ServiceHoursPanel } from './ServiceHoursPanel';
import { VolunteerFormModal } from './VolunteerFormModal';
import { CertificateWarningTag, EligibilityTags, useProfessionText } from './VolunteerTags';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function VolunteerNotFound({ message }: { message?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('volunteers.notFound')}</h1>}
      subTitle={message}
      extra={<Button onClick={() => void navigate('/volunteers')}>{t('volunteers.backToList')}</Button>}
    />
  );
}

/** 志愿者详情: the profile, eligibility, service hours and the file; directors keep it up to date. */
export function VolunteerDetailPage({ canManage }: { canManage: boolean }) {
  const { volunteerId = '' } = useParams();
  if (!UUID.test(volunteerId)) return <VolunteerNotFound />;
  return <VolunteerLoaded key={volunteerId} volunteerId={volunteerId} canManage={canManage} />;
}

function VolunteerLoaded({ volunteerId, canManage }: { volunteerId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const query = useApiQuery('volunteers.get', { volunteerId });
  if (query.isPending) {
    return (
      <Page title={t('volunteers.loading')} focusHeading={false}>
        <div className="panel">
          <Skeleton active paragraph={{ rows: 8 }} />
        </div>
      </Page>
    );
  }
  if (query.isError) {
    if (query.error.code === 'VOLUNTEER_NOT_FOUND')
      return <VolunteerNotFound message={query.error.message} />;
    return (
      <Page title={t('volunteers.title')}>
        <ErrorAlert error={query.error} />
        <Button onClick={() => void query.refetch()}>{t('app.retry')}</Button>
      </Page>
    );
  }
  return <VolunteerView volunteer={query.data} canManage={canManage} />;
}

const REMOVE_CHANNEL = {
  certificate: 'volunteers.removeCertificate',
  training: 'volunteers.removeTraining',
  evaluation: 'volunteers.removeEvaluation',
} as const;

function VolunteerView({ volunteer: v, canManage }: { volunteer: VolunteerDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const professionText = useProfessionText();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState<EntryKind | null>(null);
  const [asking, setAsking] = useState<ReasonRequest | null>(null);
  const answered = {
    read: 'volunteers.get',
    input: (d: VolunteerDetail) => ({ volunteerId: d.id }),
  } as const;
  const setActive = useAnsweredMutation('volunteers.setActive', answered.read, answered.input);
  const remove = useApiMutation('volunteers.remove');
  const removers = {
    certificate: useAnsweredMutation(REMOVE_CHANNEL.certificate, answered.read, answered.input),
    training: useAnsweredMutation(REMOVE_CHANNEL.training, answered.read, answered.input),
    evaluation: useAnsweredMutation(REMOVE_CHANNEL.evaluation, answered.read, answered.input),
  };

  const switchActive = (active: boolean) => {
    if (active) {
      setActive.mutate(
        { volunteerId: v.id, active: true },
        {
          onSuccess: () => void message.success(t('volunteers.activated')),
          onError: (e) => void message.error(e.message),
        },
      );
      return;
    }
    setAsking({
      title: t('volunteers.deactivateTitle'),
      intro: t('volunteers.deactivateIntro'),
      label: t('volunteers.inactiveReason'),
      okText: t('volunteers.deactivate'),
      danger: true,
      done: t('volunteers.deactivated'),
      run: (reason) => setActive.mutateAsync({ volunteerId: v.id, active: false, reason }),
    });
  };

  const askRemoveVolunteer = () =>
    setAsking({
      title: t('volunteers.removeTitle'),
      intro: t('volunteers.removeIntro'),
      label: t('volunteers.reason'),
      okText: t('volunteers.remove'),
      danger: true,
      done: t('volunteers.removed'),
      run: async (reason) => {
        await remove.mutateAsync({ id: v.id, reason });
        void navigate('/volunteers');
      },
    });

  const askRemoveEntry = ({ kind, id, what }: EntryRemoval) => {
    const words = {
      certificate: [
        t('volunteers.removeCertificate'),
        t('volunteers.removeCertificateIntro', { name: what }),
      ],
      training: [t('volunteers.removeTraining'), t('volunteers.removeTrainingIntro', { date: what })],
      evaluation: [t('volunteers.removeEvaluation'), t('volunteers.removeEvaluationIntro', { date: what })],
    }[kind];
    setAsking({
      title: words[0] ?? '',
      intro: words[1] ?? '',
      label: t('volunteers.reason'),
      okText: t('volunteers.delete'),
      danger: true,
      done: t('volunteers.entryRemoved'),
      run: (reason) => removers[kind].mutateAsync({ id, reason }),
    });
  };

  const none = <span className="muted">{t('volunteers.none')}</span>;

  return (
    <Page
      title={v.name}
      intro={
        <Space size={4} wrap className="volunteer-tags">
          <EligibilityTags volunteer={v} />
          {v.qualified ? (
            <Tag color="blue" variant="filled">
              {t('volunteers.qualified')}
            </Tag>
          ) : null}
          <CertificateWarningTag count={v.certificateWarnings} />
        </Space>
      }
      extra={
        canManage ? (
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('volunteers.edit')}
            </Button>
            <Button danger icon={<DeleteOutlined />} onClick={askRemoveVolunteer}>
              {t('volunteers.remove')}
            </Button>
          </Space>
        ) : null
      }
    >
      <p className="volunteer-back">
        <Link to="/volunteers">
          <ArrowLeftOutlined aria-hidden="true" /> {t('volunteers.backToList')}
        </Link>
      </p>
      <section className="panel" aria-labelledby="volunteer-profile">
        <div className="panel-head">
          <h2 id="volunteer-profile" className="panel-title">
            {t('volunteers.profile')}
          </h2>
          {canManage ? (
            <span className="volunteer-active">
              <span aria-hidden="true">{t('volunteers.activeLabel')}</span>
              <Switch
                aria-label={t('volunteers.activeLabel')}
                checked={v.active}
                disabled={setActive.isPending}
                checkedChildren={t('volunteers.status_active')}
                unCheckedChildren={t('volunteers.status_inactive')}
                onChange={switchActive}
              />
            </span>
          ) : null}
        </div>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'profession', label: t('volunteers.profession'), children: professionText(v) },
            { key: 'sex', label: t('volunteers.sex'), children: v.sex ? t(`sexes.${v.sex}`) : none },
            { key: 'phone', label: t('volunteers.phone'), children: v.phone ?? none },
            {
              key: 'pledge',
              label: t('volunteers.pledgeSignedDate'),
              children: v.pledgeSignedDate ?? (
                <Tag color="red" variant="filled">
                  {t('ineligibleReasons.no_pledge')}
                </Tag>
              ),
            },
            {
              key: 'status',
              label: t('volunteers.status'),
              children: v.active
                ? t('volunteers.status_active')
                : t('common.withNote', {
                    main: t('volunteers.status_inactive'),
                    note: v.inactiveReason ?? '',
                  }),
            },
            { key: 'account', label: t('volunteers.account'), children: v.linkedUser?.displayName ?? none },
            { key: 'openVisits', label: t('volunteers.colOpenVisits'), children: v.openVisits },
            {
              key: 'notes',
              label: t('volunteers.notes'),
              span: 2,
              children: v.notes ? <span className="pre-wrap">{v.notes}</span> : none,
            },
          ]}
        />
      </section>
      <ServiceHoursPanel hours={v.serviceHours} />
      <FilePanels volunteer={v} canManage={canManage} onAdd={setAdding} onRemove={askRemoveEntry} />
      {canManage ? (
        <>
          <VolunteerFormModal
            open={editing}
            detail={v}
            onClose={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              void message.success(t('volunteers.updated'));
            }}
          />
          <EntryModal kind={adding} volunteer={v} onClose={() => setAdding(null)} />
          <ReasonModal request={asking} onClose={() => setAsking(null)} />
        </>
      ) : null}
    </Page>
  );
}
