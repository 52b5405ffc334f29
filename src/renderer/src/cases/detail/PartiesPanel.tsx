import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, PartyDetail } from '@shared/cases';

/** Both parties. The full document number appears here, in the case detail, and nowhere else. */
export function PartiesPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="parties-title">
      <h2 id="parties-title" className="panel-title">
        {t('caseDetail.parties')}
      </h2>
      <div className="party-columns">
        {detail.parties.map((p) => (
          <PartyBlock
            key={p.key}
            party={p}
            hideContacts={detail.dvDisclosed || detail.risk.domesticViolence}
          />
        ))}
      </div>
    </section>
  );
}

function PartyBlock({ party: p, hideContacts }: { party: PartyDetail; hideContacts: boolean }) {
  const { t } = useTranslation();
  const dash = '—';
  return (
    <Descriptions
      title={`${t(`parties.${p.key}`)}${t('common.colon')}${p.name}`}
      size="small"
      column={1}
      bordered
      items={[
        { key: 'sex', label: t('party.sex'), children: p.sex ? t(`sexes.${p.sex}`) : dash },
        {
          key: 'doc',
          label: p.documentType ? t(`documentTypes.${p.documentType}`) : t('party.documentNumber'),
          children: <span className="mono">{p.documentNumber ?? dash}</span>,
        },
        { key: 'birth', label: t('party.birthDate'), children: p.birthDate ?? dash },
        {
          key: 'phone',
          label: t('party.phone'),
          children: (
            <>
              {p.phone ?? dash}
              {hideContacts && p.phone ? (
                <span className="muted small"> {t('caseDetail.contactsHiddenNote')}</span>
              ) : null}
            </>
          ),
        },
        {
          key: 'education',
          label: t('party.education'),
          children: p.education ? t(`education.${p.education}`) : dash,
        },
        { key: 'occupation', label: t('party.occupation'), children: p.occupation ?? dash },
        { key: 'address', label: t('party.address'), children: p.address ?? dash },
      ]}
    />
  );
}
