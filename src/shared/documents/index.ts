// Documents the two Node processes write — printed HTML (→ PDF), the report's charts as SVG, the ledger
// workbook (.xlsx) — shared by the desk (src/main) and the county (src/server). The one shared module that
// is not for the renderer (lint keeps src/renderer and src/preload out of it).
export { dateZh, WIDE_SPACE, ZH } from './chinese';
export { chartSvg } from './chart-svg';
export { option, options, orHidden, printDocument } from './document';
export { colgroup, escapeHtml, html, listTable, multiline, SafeHtml, type HtmlValue } from './html';
export {
  appendixBRows,
  countyScope,
  formSheets,
  formTitle,
  stationsSheet,
  summaryRows,
  type FormHeading,
  type FormScope,
} from './ledger-forms';
export {
  asDate,
  ledgerWorkbook,
  type LedgerCell,
  type LedgerDate,
  type LedgerMatrixSheetData,
  type LedgerPercent,
  type LedgerSheetData,
} from './ledger-workbook';
export { CHROMIUM_ARGS, DEFAULT_CHROMIUM, HeadlessPrinter } from './pdf-printer';
export {
  periodZh,
  renderStatisticsReport,
  reportCharts,
  type StatisticsReportChart,
  type StatisticsReportView,
} from './statistics-report';
