import type { DvRiskLevel } from '../../dv';
import { label, type Labels } from './label';

/* Domestic-violence disclosures. */

export const dvLabels = {
  dvRiskLevels: {
    low: label('低风险', 'Low risk'),
    medium: label('中风险', 'Medium risk'),
    high: label('高风险', 'High risk'),
    severe: label('极高风险', 'Severe risk'),
  } satisfies Labels<DvRiskLevel>,
};
