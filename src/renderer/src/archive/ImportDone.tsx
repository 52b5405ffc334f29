import { useEffect, useId, useRef } from 'react';
import { Alert, Button, Space, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ImportCase, ImportPreview, ImportResult } from '@shared/archive';
import { usePaginationNames } from '../components';
import { ImportStateTag } from './ImportPreviewView';

interface Props {
  result: ImportResult;
  preview: ImportPreview;
  onAnother: () => void;
}

/**
 * What the import did, and the archive's cases as links. A case kept twice opens this desk's version, whose
 * 待核对 banner leads to the imported copy.
 */
export function ImportDone({ result, preview, onAnother }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const pageNames = usePaginationNames();
  const headingId = useId();
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => summary.current?.focus(), []);

  const columns: TableColumnsType<ImportCase> = [
    {
      title: t('archive.colCaseNumber'),
      dataIndex: 'caseNumber',
      render: (n: string, c) => (
        <Link to={`/cases/${c.caseId}`} className="mono">
          {n}
        </Link>
      ),
    },
    {
      title: t('archive.colState'),
      dataIndex: 'state',
      render: (state: ImportCase['state']) => <ImportStateTag state={state} />,
    },
  ];

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-title">
        {t('archive.resultTitle')}
      </h2>
      <div ref={summary} tabIndex={-1} role="status" className="archive-focus">
        <Alert type="success" showIcon role="presentation" title={t('archive.resultSummary', result)} />
      </div>
      <h3 className="archive-subtitle">{t('archive.resultCases')}</h3>
      <Table<ImportCase>
        rowKey="caseId"
        size="small"
        columns={columns}
        dataSource={preview.cases}
        pagination={
          preview.cases.length > 20 ? { ...pageNames, pageSize: 20, showSizeChanger: false } : false
        }
      />
      <Space className="form-actions">
        <Button onClick={onAnother}>{t('archive.importAnother')}</Button>
        <Button type="primary" onClick={() => void navigate('/cases')}>
          {t('archive.backToCases')}
        </Button>
      </Space>
    </section>
  );
}
