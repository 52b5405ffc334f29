import { useState, type ReactNode } from 'react';
import { Alert, Button, Result, Skeleton, Space, Table } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { VisitPacket } from '@shared/followups';
import { useApiQuery } from '../api';
import { ErrorAlert, Page } from '../components';
import { PrintButton } from '../print';
import { RecordVisitModal, type VisitToRecord } from './RecordVisitModal';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 回访资料 (/followups/visits/:visitId): the packet for one open visit, its printout and 记录回访. */
export function VisitPage() {
  const { visitId = '' } = useParams();
  if (!UUID.test(visitId)) return <VisitNotFound />;
  return <VisitLoaded key={visitId} visitId={visitId} />;
}

export function VisitNotFound({ detail }: { detail?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('followups.packetNotFound')}</h1>}
      subTitle={detail}
      extra={<Button onClick={() => void navigate('/followups')}>{t('followups.backToQueue')}</Button>}
    />
  );
}

function VisitLoaded({ visitId }: { visitId: string }) {
  const { t } = useTranslation();
  // Each opening of a packet is audited: read it once per visit to the page.
  const packet = useApiQuery('followups.packet', { visitId }, { staleTime: Infinity });
  if (packet.isPending) {
    return (
      <Page title={t('followups.packetLoading')} focusHeading={false}>
        <div className="panel">
          <Skeleton active paragraph={{ rows: 8 }} />
        </div>
      </Page>
    );
  }
  if (packet.isError) {
    if (packet.error.code === 'VISIT_NOT_FOUND' || packet.error.code === 'VISIT_NOT_OPEN') {
      return <VisitNotFound detail={packet.error.message} />;
    }
    return (
      <Page title={t('followups.packetTitle', { number: '', seq: '', of: '' })}>
        <ErrorAlert error={packet.error} />
        <Button onClick={() => void packet.refetch()}>{t('app.retry')}</Button>
      </Page>
    );
  }
  return <PacketView packet={packet.data} />;
}

function PacketView({ packet }: { packet: VisitPacket }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [recording, setRecording] = useState<VisitToRecord | null>(null);
  const members = packet.members.map((m, i) => ({ ...m, key: i }));

  return (
    <Page
      title={t('followups.packetTitle', { number: packet.archiveNumber, seq: packet.seq, of: packet.of })}
      extra={
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/followups')}>
            {t('followups.backToQueue')}
          </Button>
          <PrintButton
            channel="print.visitPacketPdf"
            input={{ visitId: packet.visitId }}
            label={t('followups.print')}
          />
          <Button
            type="primary"
            icon={<EditOutlined />}
            onClick={() =>
              setRecording({
                visitId: packet.visitId,
                archiveNumber: packet.archiveNumber,
                seq: packet.seq,
                focus: packet.focus,
              })
            }
          >
            {t('followups.record')}
          </Button>
        </Space>
      }
    >
      {packet.safetyNotes ? (
        <Alert
          className="packet-safety"
          type="warning"
          showIcon
          role="note"
          title={t('followups.packetSafety')}
          description={<span className="pre-wrap">{packet.safetyNotes}</span>}
        />
      ) : null}
      <div className="packet-grid">
        <div className="packet-column">
          <section className="panel" aria-labelledby="packet-visit">
            <h2 id="packet-visit" className="panel-title">
              {t('followups.packetVisit')}
            </h2>
            <dl className="case-facts">
              <Fact label={t('followups.packetFamily')}>{packet.familyName}</Fact>
              <Fact label={t('followups.colSeq')}>
                {t('followups.seqOf', { seq: packet.seq, of: packet.of })}
              </Fact>
              <Fact label={t('followups.colDue')}>
                <span className="mono">{packet.dueDate}</span>
              </Fact>
              <Fact label={t('followups.packetVolunteer')}>
                {packet.volunteer?.name ?? t('followups.unassigned')}
              </Fact>
              <Fact label={t('followups.packetCounsellor')}>{packet.counsellor.displayName}</Fact>
              <Fact label={t('followups.packetOffice')}>{packet.office.centreName}</Fact>
            </dl>
            <Alert
              className="packet-focus"
              type="info"
              showIcon
              role="note"
              title={t(`followUpFocuses.${packet.focus}`)}
              description={t(`followups.focusPrompt_${packet.focus}`)}
            />
          </section>
          <section className="panel" aria-labelledby="packet-questions">
            <h2 id="packet-questions" className="panel-title">
              {t('followups.packetQuestions')}
            </h2>
            <ol className="packet-questions">
              {packet.questions.map((q) => (
                <li key={q}>{t(`visitQuestions.${q}`)}</li>
              ))}
            </ol>
          </section>
        </div>
        <div className="packet-column">
          <section className="panel" aria-labelledby="packet-members">
            <h2 id="packet-members" className="panel-title">
              {t('followups.packetMembers')}
            </h2>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={members}
              locale={{ emptyText: t('followups.packetNoMembers') }}
              columns={[
                {
                  title: t('followups.memberRelation'),
                  key: 'relation',
                  render: (_, m) =>
                    t('common.withNote', { main: m.relation, note: t(`memberKinds.${m.kind}`) }),
                },
                { title: t('followups.memberName'), key: 'name', render: (_, m) => m.name },
                {
                  title: t('followups.memberAge'),
                  key: 'age',
                  render: (_, m) => (m.age === null ? '—' : t('followups.ageValue', { age: m.age })),
                },
              ]}
            />
          </section>
          {packet.safetyNotes ? null : (
            <section className="panel" aria-labelledby="packet-no-safety">
              <h2 id="packet-no-safety" className="panel-title">
                {t('followups.packetSafetyTitle')}
              </h2>
              <p className="packet-previous">{t('followups.packetNoSafety')}</p>
            </section>
          )}
          <section className="panel" aria-labelledby="packet-previous">
            <h2 id="packet-previous" className="panel-title">
              {t('followups.packetPreviousStep')}
            </h2>
            <p className="packet-previous pre-wrap">
              {packet.previousNextStep ??
                (packet.seq === 1 ? t('followups.packetFirstVisit') : t('followups.packetNoPrevious'))}
            </p>
          </section>
        </div>
      </div>
      <p className="muted small packet-privacy">{t('followups.packetPrivacy')}</p>
      <RecordVisitModal
        visit={recording}
        onClose={() => setRecording(null)}
        onRecorded={(notice) => void navigate('/followups', { state: { notice } })}
      />
    </Page>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div>
      <dt>
        {label}
        {t('common.colon')}
      </dt>
      <dd>{children}</dd>
    </div>
  );
}
