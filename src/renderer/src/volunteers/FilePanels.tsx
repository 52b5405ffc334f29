import { Button, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateState, VolunteerDetail } from '@shared/volunteers';
import type { EntryKind } from './EntryModals';

/* A volunteer's file as three panels: certificates (with their 30-day warning), training, evaluations. */

type Certificate = VolunteerDetail['certificates'][number];
type Training = VolunteerDetail['trainings'][number];
type Evaluation = VolunteerDetail['evaluations'][number];

/** What removing one entry needs: its kind, its id, and words naming it in the dialog. */
export interface EntryRemoval {
  kind: EntryKind;
  id: string;
  what: string;
}

interface Props {
  volunteer: VolunteerDetail;
  canManage: boolean;
  onAdd: (kind: EntryKind) => void;
  onRemove: (removal: EntryRemoval) => void;
}

const STATE_COLOR: Record<CertificateState, string> = {
  valid: 'green',
  no_expiry: 'blue',
  expiring: 'orange',
  expired: 'red',
};

function Panel({
  id,
  title,
  extra,
  children,
}: {
  id: string;
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={id}>
      <div className="panel-head">
        <h2 id={id} className="panel-title">
          {title}
        </h2>
        {extra}
      </div>
      {children}
    </section>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button size="small" danger aria-label={t('volunteers.removeRowAria', { what: label })} onClick={onClick}>
      {t('volunteers.delete')}
    </Button>
  );
}

export function FilePanels({ volunteer, canManage, onAdd, onRemove }: Props) {
  const { t } = useTranslation();
  const addButton = (kind: EntryKind, label: string) =>
    canManage ? (
      <Button icon={<PlusOutlined />} onClick={() => onAdd(kind)}>
        {label}
      </Button>
    ) : null;
  const actions = <T,>(render: (row: T) => ReactNode): ColumnsType<T> =>
    canManage
      ? [{ title: t('volunteers.actions'), key: 'actions', width: 90, render: (_, row) => render(row) }]
      : [];

  const certificateColumns: ColumnsType<Certificate> = [
    { title: t('volunteers.certificateName'), dataIndex: 'name', key: 'name' },
    { title: t('volunteers.certificateNumber'), dataIndex: 'number', key: 'number', className: 'mono' },
    {
      title: t('volunteers.expiresOn'),
      key: 'expiresOn',
      render: (_, c) => c.expiresOn ?? <span className="muted">{t('volunteers.none')}</span>,
    },
    {
      title: t('volunteers.certificateState'),
      key: 'state',
      render: (_, c) => (
        <Tag color={STATE_COLOR[c.state]} variant="filled">
          {t(`certificateStates.${c.state}`)}
        </Tag>
      ),
    },
    ...actions<Certificate>((c) => (
      <RemoveButton
        label={c.name}
        onClick={() => onRemove({ kind: 'certificate', id: c.id, what: c.name })}
      />
    )),
  ];
  const trainingColumns: ColumnsType<Training> = [
    { title: t('volunteers.trainingDate'), dataIndex: 'date', key: 'date', width: 120 },
    { title: t('volunteers.trainingTopic'), dataIndex: 'topic', key: 'topic' },
    {
      title: t('volunteers.trainingHours'),
      key: 'hours',
      width: 120,
      align: 'right',
      render: (_, r) => r.hours,
    },
    ...actions<Training>((r) => (
      <RemoveButton
        label={`${r.date} ${r.topic}`}
        onClick={() => onRemove({ kind: 'training', id: r.id, what: r.date })}
      />
    )),
  ];
  const evaluationColumns: ColumnsType<Evaluation> = [
    { title: t('volunteers.evaluationDate'), dataIndex: 'date', key: 'date', width: 120 },
    { title: t('volunteers.score'), dataIndex: 'score', key: 'score', width: 80, align: 'right' },
    { title: t('volunteers.evaluator'), dataIndex: 'evaluator', key: 'evaluator', width: 120 },
    {
      title: t('volunteers.evaluationNotes'),
      key: 'notes',
      render: (_, e) => <span className="pre-wrap">{e.notes ?? ''}</span>,
    },
    ...actions<Evaluation>((e) => (
      <RemoveButton
        label={`${e.date} ${t('volunteers.score')} ${e.score}`}
        onClick={() => onRemove({ kind: 'evaluation', id: e.id, what: e.date })}
      />
    )),
  ];

  return (
    <>
      <Panel
        id="volunteer-certificates"
        title={t('volunteers.certificates')}
        extra={addButton('certificate', t('volunteers.addCertificate'))}
      >
        {volunteer.certificates.length === 0 ? (
          <p className="muted volunteer-empty">{t('volunteers.certificatesEmpty')}</p>
        ) : (
          <Table<Certificate>
            rowKey="id"
            size="small"
            columns={certificateColumns}
            dataSource={volunteer.certificates}
            pagination={false}
          />
        )}
      </Panel>
      <Panel
        id="volunteer-trainings"
        title={
          <>
            {t('volunteers.trainings')}
            {volunteer.trainings.length > 0 ? (
              <span className="muted small volunteer-title-note">
                {t('volunteers.trainingsTotal', { hours: volunteer.trainingHours })}
              </span>
            ) : null}
          </>
        }
        extra={addButton('training', t('volunteers.addTraining'))}
      >
        {volunteer.trainings.length === 0 ? (
          <p className="muted volunteer-empty">{t('volunteers.trainingsEmpty')}</p>
        ) : (
          <Table<Training>
            rowKey="id"
            size="small"
            columns={trainingColumns}
            dataSource={volunteer.trainings}
            pagination={false}
          />
        )}
      </Panel>
      <Panel
        id="volunteer-evaluations"
        title={t('volunteers.evaluations')}
        extra={addButton('evaluation', t('volunteers.addEvaluation'))}
      >
        {volunteer.evaluations.length === 0 ? (
          <p className="muted volunteer-empty">{t('volunteers.evaluationsEmpty')}</p>
        ) : (
          <Table<Evaluation>
            rowKey="id"
            size="small"
            columns={evaluationColumns}
            dataSource={volunteer.evaluations}
            pagination={false}
          />
        )}
      </Panel>
    </>
  );
}
