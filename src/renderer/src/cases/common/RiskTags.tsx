import { useTranslation } from 'react-i18next';
import { RISK_FLAGS, type Risk } from '@shared/cases';
import { PlainTag } from '../../components';

interface Props {
  risk: Risk;
  /** A DV disclosure is on file (shown even if the screening flag was not ticked). */
  dvDisclosed?: boolean;
}

/** Risk screening flags as red tags (plain ones: the case list draws them a row); nothing when none is set. */
export function RiskTags({ risk, dvDisclosed = false }: Props) {
  const { t } = useTranslation();
  const flags = RISK_FLAGS.filter((flag) => risk[flag]);
  if (flags.length === 0 && !dvDisclosed) return null;
  return (
    <span className="plain-tag-group">
      {flags.map((flag) => (
        <PlainTag key={flag} color="red" variant="filled">
          {t(`riskTags.${flag}`)}
        </PlainTag>
      ))}
      {dvDisclosed && !risk.domesticViolence ? (
        <PlainTag color="red" variant="filled">
          {t('riskTags.dvDisclosed')}
        </PlainTag>
      ) : null}
    </span>
  );
}
