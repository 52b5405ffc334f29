import { localDateTime } from '../../shared/calendar';
import {
  countyScope,
  formSheets,
  HeadlessPrinter,
  ledgerWorkbook,
  renderStatisticsReport,
  reportCharts,
  stationsSheet,
  type FormHeading,
} from '../../shared/documents';
import type { PeriodReport } from './period';

/*
 * `county report --from … --to … --xlsx F --pdf F`: the period report as the same files a desk writes
 * (src/shared/documents) — the workbook's 汇总 and appendix B form for the county total plus 各站汇总 (one
 * column per station), and the printed 统计报表 with a per-station table. Counts only: the county's files
 * carry no register, no case number and no name (docs/county-server.md, docs/ledger-format.md).
 */

/** A report file that could not be made (the PDF's Chromium did not start or print). */
export class ReportOutputError extends Error {
  override readonly name = 'ReportOutputError';
}

function headingOf(report: PeriodReport, office: string): FormHeading {
  return {
    office,
    from: report.period.from,
    to: report.period.to,
    scope: { stations: report.stations.length },
  };
}

const stationsOf = (report: PeriodReport) =>
  report.stations.map((s) => ({ name: s.station, figures: s.figures }));

/** The county's workbook (.xlsx bytes): 汇总, 辅导服务统计表 (the county total) and 各站汇总. */
export function countyWorkbook(report: PeriodReport, office: string): Promise<Buffer> {
  const heading = headingOf(report, office);
  return ledgerWorkbook(
    [...formSheets(heading, report.total), stationsSheet(heading, stationsOf(report), report.total)],
    new Date(report.generatedAt),
  );
}

/** The county's printed report as complete HTML (A4, Chinese): the total's figures, charts, stations. */
export function countyReportHtml(report: PeriodReport, office: string): string {
  return renderStatisticsReport({
    centreName: office,
    from: report.period.from,
    to: report.period.to,
    scope: countyScope(report.stations.length),
    figures: report.total,
    charts: reportCharts(report.total),
    stations: stationsOf(report),
    printedAt: localDateTime(new Date(report.generatedAt)),
  });
}

/** The printed report as PDF, through a headless Chromium at `chromiumPath`. */
export async function countyReportPdf(
  report: PeriodReport,
  office: string,
  chromiumPath: string,
): Promise<Buffer> {
  const printer = new HeadlessPrinter(chromiumPath);
  try {
    return await printer.print(countyReportHtml(report, office));
  } catch {
    throw new ReportOutputError(
      `无法用 Chromium 生成 PDF，请检查 --chromium 指向的程序（could not print the PDF with Chromium: check --chromium）: ${chromiumPath}`,
    );
  } finally {
    await printer.close();
  }
}
