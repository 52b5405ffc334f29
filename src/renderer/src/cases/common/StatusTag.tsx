import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RegistrationStatus } from '@shared/cases';

const STATUS_COLOR: Record<RegistrationStatus, string> = {
  accepted_cooling: 'processing',
  awaiting_certificate: 'gold',
  withdrawn: 'green',
  deemed_withdrawn: 'purple',
  registered: 'default',
  refused: 'volcano',
};

/** 登记状态 as a coloured tag; a case without a divorce filing has none. */
export function StatusTag({ status }: { status: RegistrationStatus | null }) {
  const { t } = useTranslation();
  if (!status) return <span className="muted">{t('cases.noFiling')}</span>;
  return (
    <Tag color={STATUS_COLOR[status]} variant="filled">
      {t(`registrationStatuses.${status}`)}
    </Tag>
  );
}
