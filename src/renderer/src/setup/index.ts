export { LanguagePicker } from './LanguagePicker';
export { OfficeFields } from './OfficeFields';
export { SetupWizard } from './SetupWizard';
