import { Form } from 'antd';
import { consentOf, coverage, type IntakeValues } from './intakeForm';

/**
 * What the consent entered on the consent step covers. That step's fields are unmounted by now, so the
 * watch must include unregistered (preserved) values.
 */
export function useCoverage() {
  const hasConsent = Form.useWatch<boolean>('hasConsent', { preserve: true });
  const consent = Form.useWatch<IntakeValues['consent']>('consent', { preserve: true });
  return coverage(consentOf({ hasConsent, consent }));
}
