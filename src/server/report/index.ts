export { countyReport } from './report';
export { formatPeriodReport, formatReport } from './report-format';
export { countyPeriodReport } from './period';
export type { PeriodReport } from './period';
export { countyReportHtml, countyReportPdf, countyWorkbook, ReportOutputError } from './documents';
