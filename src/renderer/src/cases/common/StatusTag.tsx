import { useTranslation } from 'react-i18next';
import type { RegistrationStatus } from '@shared/cases';
import { PlainTag, type PlainTagColor } from '../../components';

const STATUS_COLOR: Record<RegistrationStatus, PlainTagColor> = {
  accepted_cooling: 'processing',
  awaiting_certificate: 'gold',
  withdrawn: 'green',
  deemed_withdrawn: 'purple',
  registered: 'default',
  refused: 'volcano',
};

/** 登记状态 as a coloured tag (a plain one: the case list draws one a row); a case without a filing has none. */
export function StatusTag({ status }: { status: RegistrationStatus | null }) {
  const { t } = useTranslation();
  if (!status) return <span className="muted">{t('cases.noFiling')}</span>;
  return (
    <PlainTag color={STATUS_COLOR[status]} variant="filled">
      {t(`registrationStatuses.${status}`)}
    </PlainTag>
  );
}
