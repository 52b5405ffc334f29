export { DEMO_OFFICE, DEMO_PASSWORDS } from './accounts';
export type { DemoAccount } from './accounts';
export type { DemoPhase, DemoSummary, ProgressListener } from './fill';
export { defaultYears, generateDemoDesk, MAX_DEMO_CASES } from './generate';
export type { DemoDesk, DemoOptions } from './generate';
export {
  DEFAULT_DEMO_CASES,
  defaultDemoDir,
  demoAccountLines,
  NotADemoDesk,
  prepareDemoDesk,
} from './prepare';
export type { DemoConsole, PreparedDemo } from './prepare';
