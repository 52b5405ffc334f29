import { useTranslation } from 'react-i18next';
import { ConsentNotice } from './ConsentNotice';
import { PartyFields } from './PartyFields';
import { StepSection } from './StepSection';
import { useCoverage } from './useCoverage';

/** 双方当事人, side by side. */
export function PartiesStep() {
  const { t } = useTranslation();
  const covers = useCoverage();
  const partial = covers.party_a !== covers.party_b;
  return (
    <StepSection title={t('intake.step_parties')} intro={t('intake.partiesIntro')}>
      {covers.party_a && covers.party_b ? null : <ConsentNotice partial={partial} />}
      <div className="party-columns">
        <PartyFields index={0} covered={covers.party_a} />
        <PartyFields index={1} covered={covers.party_b} />
      </div>
    </StepSection>
  );
}
