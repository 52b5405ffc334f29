import { useState } from 'react';
import { Button, Card, Empty, Skeleton, Space, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@shared/cases';
import type { CounsellingRecord } from '@shared/records';
import type { SessionUser } from '@shared/users';
import { queryKey, useApiQuery, useCounsellors } from '../api';
import { ErrorAlert, ResultTag } from '../components';
import { PrintButton } from '../print';
import { AddendumModal } from './AddendumModal';
import { RecordEditor } from './RecordEditor';
import { newRecordValues, valuesOf, type RecordValues } from './recordForm';
import { RecordView } from './RecordView';

interface Editing {
  recordId: string | null;
  /** The draft's version the values come from (sent back with each save); null for a new record. */
  baseVersion: number | null;
  values: RecordValues;
}

/** 辅导记录: sessions oldest first; drafts continue in the editor, signed ones are read-only with addenda. */
export function RecordsTab({
  detail,
  user,
  canWork,
}: {
  detail: CaseDetail;
  user: SessionUser;
  canWork: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const counsellors = useCounsellors();
  const listKey = queryKey('records.list', { caseId: detail.id });
  // Each read is audited: read once, then keep the cache current from the answers of our own writes.
  const records = useApiQuery('records.list', { caseId: detail.id }, { staleTime: 5 * 60_000 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [addendumFor, setAddendumFor] = useState<CounsellingRecord | null>(null);
  // A new record appears in the list once autosaved; while its editor is open it is shown there only.
  const [newId, setNewId] = useState<string | null>(null);

  const upsert = (record: CounsellingRecord) => {
    client.setQueryData<CounsellingRecord[]>(listKey, (old = []) =>
      old.some((r) => r.id === record.id)
        ? old.map((r) => (r.id === record.id ? record : r))
        : [...old, record],
    );
  };

  const startNew = () =>
    setEditing({
      recordId: null,
      baseVersion: null,
      values: newRecordValues(
        user.id,
        (counsellors.data ?? []).map((u) => u.id),
      ),
    });

  if (records.isPending) return <Skeleton active />;
  if (records.isError) return <ErrorAlert error={records.error} />;
  const list = records.data;
  const editingNew = editing !== null && editing.recordId === null;
  const finishNew = () => {
    setEditing(null);
    setNewId(null);
  };

  return (
    <div className="tab-body">
      {canWork ? (
        <Space className="tab-actions">
          <Button type="primary" icon={<PlusOutlined />} onClick={startNew} disabled={editing !== null}>
            {t('records.add')}
          </Button>
        </Space>
      ) : null}
      {editingNew ? (
        <RecordEditor
          detail={detail}
          recordId={null}
          baseVersion={null}
          initialValues={editing.values}
          onSaved={(r) => {
            upsert(r);
            setNewId(r.id);
          }}
          onSigned={(r) => {
            upsert(r);
            finishNew();
          }}
          onClose={finishNew}
        />
      ) : null}
      {list.length === 0 && !editingNew ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('records.empty')} />
      ) : null}
      {list.map((r, i) =>
        editingNew && r.id === newId ? null : editing?.recordId === r.id ? (
          <RecordEditor
            key={r.id}
            detail={detail}
            recordId={r.id}
            baseVersion={editing.baseVersion}
            initialValues={editing.values}
            onSaved={upsert}
            onSigned={(signed) => {
              upsert(signed);
              setEditing(null);
            }}
            onClose={() => setEditing(null)}
          />
        ) : (
          <Card
            key={r.id}
            className="record-card"
            size="small"
            title={
              <span>
                {t('records.nth', { n: i + 1 })}
                <span className="record-when">
                  {r.sessionDate ?? '—'} {r.halfDay ? t(`halfDays.${r.halfDay}`) : ''}
                  {r.channel ? ` · ${t(`channels.${r.channel}`)}` : ''}
                </span>
              </span>
            }
            extra={
              <Space size="small" wrap>
                {r.status === 'signed' ? (
                  <Tag color="green">{t('records.signedTag')}</Tag>
                ) : (
                  <Tag color="gold">{t('records.draftTag')}</Tag>
                )}
                <ResultTag result={r.result} />
              </Space>
            }
          >
            {r.status === 'signed' ? (
              <>
                <p className="muted small">
                  {t('records.signedBy', {
                    name: r.signedBy?.displayName ?? '—',
                    time: r.signedAt ? dayjs(r.signedAt).format('YYYY-MM-DD HH:mm') : '—',
                  })}
                </p>
                <RecordView record={r} detail={detail} />
                <Space wrap className="form-actions">
                  {canWork ? (
                    <Button icon={<EditOutlined />} onClick={() => setAddendumFor(r)}>
                      {t('records.addAddendum')}
                    </Button>
                  ) : null}
                  <PrintButton
                    channel="print.recordPdf"
                    input={{ recordId: r.id }}
                    label={t('print.record')}
                  />
                </Space>
              </>
            ) : (
              <Space wrap className="draft-line">
                <span className="muted">
                  {t('records.draftSaved', { time: dayjs(r.updatedAt).format('YYYY-MM-DD HH:mm') })}
                </span>
                {/* Only the draft's author (or a director) may continue it; the companion reads it. */}
                {canWork && (r.createdBy.id === user.id || user.role === 'director') ? (
                  <Button
                    type="primary"
                    ghost
                    disabled={editing !== null}
                    onClick={() =>
                      setEditing({ recordId: r.id, baseVersion: r.version, values: valuesOf(r) })
                    }
                  >
                    {t('records.continue')}
                  </Button>
                ) : null}
              </Space>
            )}
          </Card>
        ),
      )}
      <AddendumModal
        record={addendumFor}
        onClose={() => setAddendumFor(null)}
        onAdded={(r) => {
          upsert(r);
          setAddendumFor(null);
        }}
      />
    </div>
  );
}
