import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReferralStatus } from '@shared/referrals';

const COLOR: Record<ReferralStatus, string> = {
  created: 'default',
  sent: 'processing',
  accepted: 'cyan',
  rejected: 'volcano',
  done: 'green',
};

export function ReferralStatusTag({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status]} variant="filled">
      {t(`referralStatuses.${status}`)}
    </Tag>
  );
}
