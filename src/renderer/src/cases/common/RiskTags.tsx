import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { RISK_FLAGS, type Risk } from '@shared/cases';

interface Props {
  risk: Risk;
  /** A DV disclosure is on file (shown even if the screening flag was not ticked). */
  dvDisclosed?: boolean;
}

/** Risk screening flags as red tags; nothing at all when no flag is set. */
export function RiskTags({ risk, dvDisclosed = false }: Props) {
  const { t } = useTranslation();
  const flags = RISK_FLAGS.filter((flag) => risk[flag]);
  if (flags.length === 0 && !dvDisclosed) return null;
  return (
    <Space size={[4, 4]} wrap>
      {flags.map((flag) => (
        <Tag key={flag} color="red" variant="filled">
          {t(`riskTags.${flag}`)}
        </Tag>
      ))}
      {dvDisclosed && !risk.domesticViolence ? (
        <Tag color="red" variant="filled">
          {t('riskTags.dvDisclosed')}
        </Tag>
      ) : null}
    </Space>
  );
}
