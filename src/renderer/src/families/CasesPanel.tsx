import { Empty, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FamilyDetail } from '@shared/families';
import { ResultTag } from '../components';
import { PanelHead } from './PanelHead';

type FamilyCase = FamilyDetail['cases'][number];

/** The family's cases the user may see, newest first; each opens its case page. */
export function CasesPanel({ family }: { family: FamilyDetail }) {
  const { t } = useTranslation();
  const columns: ColumnsType<FamilyCase> = [
    {
      title: t('families.caseNumber'),
      key: 'caseNumber',
      width: 150,
      render: (_, c) => (
        <Link to={`/cases/${c.id}`} className="case-link">
          {c.caseNumber}
        </Link>
      ),
    },
    { title: t('families.caseType'), key: 'type', render: (_, c) => t(`caseTypes.${c.type}`) },
    { title: t('families.caseReceived'), key: 'received', render: (_, c) => c.receivedDate },
    {
      title: t('families.caseRegistration'),
      key: 'registration',
      render: (_, c) =>
        c.registrationStatus ? (
          t(`registrationStatuses.${c.registrationStatus}`)
        ) : (
          <span className="muted">—</span>
        ),
    },
    { title: t('families.caseResult'), key: 'result', render: (_, c) => <ResultTag result={c.result} /> },
  ];
  return (
    <section className="panel" aria-labelledby="family-cases">
      <PanelHead id="family-cases" title={t('families.sectionCases')} />
      <Table<FamilyCase>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={family.cases}
        pagination={false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('families.noCases')} />,
        }}
      />
    </section>
  );
}
