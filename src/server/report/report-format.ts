import { localDateAt } from '../../shared/calendar';
import { COUNSELLING_TYPE_ORDER, RecordResultSchema, type RegistrationStatus } from '../../shared/cases';
import { labelsIn } from '../../shared/i18n';
import { REFERRAL_STATUSES, REFERRAL_TARGETS } from '../../shared/referrals';
import type { CountyReport, DeviceStatus, Figures, StationFigures } from './report';
import type { PeriodReport } from './period';
import type { Figures as PeriodFigures, Rate } from '../../shared/statistics';
import type { CounsellingType } from '../../shared/cases';

/*
 * The county report as Chinese plain text for a terminal or a printout: one table per breakdown, a row
 * per station and a 合计 row, columns padded by display width (a CJK character takes two columns). Codes
 * the report does not know (a newer desk) appear under their code instead of being dropped. Values are
 * worded as on the desks' screens and printouts (the label catalogue).
 */

type Labels = readonly (readonly [code: string, label: string])[];

const ZH = labelsIn('zh-CN');

/** Known codes in the report's order, each with its label. */
const labelled = <E extends string>(codes: readonly E[], labels: Readonly<Record<E, string>>): Labels =>
  codes.map((code) => [code, labels[code]] as const);

/** Appendix D's 辅导类别 order, as on the printed record form. */
/** Open applications first, then how they ended. */
const REGISTRATION_ORDER: readonly RegistrationStatus[] = [
  'accepted_cooling',
  'awaiting_certificate',
  'withdrawn',
  'deemed_withdrawn',
  'registered',
  'refused',
];

const CASE_TYPES = labelled(COUNSELLING_TYPE_ORDER, ZH.caseTypes);
const REGISTRATION: Labels = [
  ...labelled(REGISTRATION_ORDER, ZH.registrationStatuses),
  ['none', '无登记申请'],
];
const RESULTS: Labels = [...labelled(RecordResultSchema.options, ZH.results), ['none', '尚无结果']];
const TARGETS = labelled(REFERRAL_TARGETS, ZH.referralTargets);
const REFERRAL_STATUS = labelled(REFERRAL_STATUSES, ZH.referralStatuses);

/** East Asian wide and fullwidth ranges: two terminal columns each. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6);
    w += wide ? 2 : 1;
  }
  return w;
}

/** Text table: first column left-aligned, the figures right-aligned, two spaces between columns. */
export function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [head, ...rows].map((row) => row.map(String));
  const widths = head.map((_, i) => Math.max(...cells.map((row) => width(row[i] ?? ''))));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - width(cell));
        return i === 0 ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('──');
  const [first = [], ...rest] = cells;
  return [line(first), rule, ...rest.map(line)].join('\n');
}

/** Known codes in their order, then any other code that occurs. */
function columns(labels: Labels, counts: Record<string, number>): Labels {
  const known = new Set(labels.map(([code]) => code));
  const extra = Object.keys(counts)
    .filter((code) => !known.has(code))
    .sort()
    .map((code) => [code, code] as const);
  return [...labels, ...extra];
}

type Rows = { name: string; devices: number; figures: Figures }[];

function breakdown(
  title: string,
  rows: Rows,
  labels: Labels,
  pick: (f: Figures) => Record<string, number>,
): string {
  const total = rows.at(-1)?.figures;
  const cols = columns(labels, total ? pick(total) : {});
  const body = rows.map(({ name, figures }) => [name, ...cols.map(([code]) => pick(figures)[code] ?? 0)]);
  return `${title}\n${table(['站点', ...cols.map(([, label]) => label)], body)}`;
}

/**
 * Aftercare: family archives, follow-up visits, volunteers, outreach events (场次 / 人次). Overdue visits,
 * pledges and held events are as of `date`, the office-local day the report was made.
 */
function aftercare(rows: Rows, date: string): string {
  const head = [
    '站点',
    '家庭档案',
    ZH.visitStatuses.done,
    ZH.visitStatuses.scheduled,
    `其中${ZH.queueBuckets.overdue}`,
    '在岗志愿者',
    '其中已签保密承诺',
    '活动场次',
    '参加人次',
  ];
  const body = rows.map(({ name, figures: f }) => [
    name,
    f.families,
    f.visitsDone,
    f.visitsOpen,
    f.visitsOverdue,
    f.activeVolunteers,
    f.pledgedVolunteers,
    f.eventsHeld,
    f.eventAttendees,
  ]);
  return `七、家庭档案、回访、志愿者与活动（截至 ${date}，北京时间）\n${table(head, body)}`;
}

function deviceRow(d: DeviceStatus): (string | number)[] {
  const received = d.lastReceivedAt ? `${d.lastReceivedAt.slice(0, 16).replace('T', ' ')} UTC` : '—';
  return [
    d.device,
    d.station,
    received,
    d.batches,
    d.ingested,
    d.pending,
    d.blocked,
    d.superseded,
    d.blockedReason ?? '',
    d.auditFlag === 'backwards' ? '审计日志倒退' : d.auditFlag === 'rewritten' ? '审计日志被改写' : '',
  ];
}

export function formatReport(report: CountyReport): string {
  const rows: Rows = [
    ...report.stations.map((s: StationFigures) => ({ name: s.station, devices: s.devices, figures: s })),
    { name: '合计', devices: report.devices.length, figures: report.total },
  ];
  const overview = table(
    ['站点', '设备', '个案', '辅导记录', '其中已签署', '转介', '家暴披露'],
    rows.map(({ name, devices, figures: f }) => [
      name,
      devices,
      f.cases,
      f.counsellingRecords,
      f.signedRecords,
      f.referrals,
      f.dvDisclosures,
    ]),
  );
  const devices = table(
    ['设备', '站点', '最近接收', '已接收批次', '已入库', '待入库', '受阻', '已作废', '受阻原因', '审计链'],
    report.devices.map(deviceRow),
  );
  return (
    [
      `县级汇总报表（生成于 ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC）`,
      '仅含统计数字，不含任何当事人信息或家暴披露内容；已删除的记录不计。',
      `一、概况\n${overview}`,
      breakdown('二、个案按辅导类别', rows, CASE_TYPES, (f) => f.casesByType),
      breakdown('三、个案按离婚登记状态', rows, REGISTRATION, (f) => f.casesByStatus),
      breakdown('四、个案按辅导结果（最近一次已签署记录）', rows, RESULTS, (f) => f.casesByResult),
      breakdown('五、转介按接收机构', rows, TARGETS, (f) => f.referralsByTarget),
      breakdown('六、转介按状态', rows, REFERRAL_STATUS, (f) => f.referralsByStatus),
      aftercare(rows, localDateAt(new Date(report.generatedAt))),
      `八、设备与入库\n${devices}`,
    ].join('\n\n') + '\n'
  );
}

/** A rate as the desks show it: 43.1%（2,435/5,655）, or —（0/0）. */
function rateCell(r: Rate): string {
  const parts = `（${r.numerator}/${r.denominator}）`;
  return r.percent === null ? `—${parts}` : `${r.percent.toFixed(1)}%${parts}`;
}

/** The period's indicators (docs/indicators.md), one row each, a column per station and 合计. */
export function formatPeriodReport(report: PeriodReport): string {
  const I = ZH.statisticsIndicators;
  const columnsOf = [
    ...report.stations.map((s) => ({ name: s.station, f: s.figures })),
    { name: '合计', f: report.total },
  ];
  const row = (label: string, cell: (f: PeriodFigures) => string | number) => [
    label,
    ...columnsOf.map(({ f }) => cell(f)),
  ];
  const head = ['指标', ...columnsOf.map((c) => c.name)];
  const divorce = table(head, [
    row(I.filings, (f) => f.divorce.filings),
    row(I.filingsCounselled, (f) => f.divorce.filingsCounselled),
    row(I.counsellingRate, (f) => rateCell(f.divorce.counsellingRate)),
    row(I.counselled, (f) => f.divorce.counselled),
    row(I.resultReconcile, (f) => f.divorce.resultReconcile),
    row(I.resultPostpone, (f) => f.divorce.resultPostpone),
    row(I.resultDivorce, (f) => f.divorce.resultDivorce),
    row(I.reconciledBroad, (f) => f.divorce.reconciledBroad),
    row(I.reconciliationRateBroad, (f) => rateCell(f.divorce.reconciliationRateBroad)),
    row(I.reconciliationRateStrict, (f) => rateCell(f.divorce.reconciliationRateStrict)),
    row(I.withdrawals, (f) => f.divorce.withdrawals),
    row(I.deemedWithdrawals, (f) => f.divorce.deemedWithdrawals),
    row(I.registrations, (f) => f.divorce.registrations),
    row(I.refusals, (f) => f.divorce.refusals),
  ]);
  const other = table(head, [
    ...CASE_TYPES.map(([code, label]) =>
      row(`${I.counselledByType}：${label}`, (f) => f.counselledByType[code as CounsellingType]),
    ),
    row(I.sessions, (f) => f.sessions),
    row(I.dvDisclosures, (f) => f.dvDisclosures),
    row(I.referrals, (f) => f.referrals),
    row(I.visitsDue, (f) => f.visitsDue),
    row(I.visitsDone, (f) => f.visitsDone),
    row(I.visitsOverdue, (f) => f.visitsOverdue),
    row(I.eventsHeld, (f) => f.eventsHeld),
    row(I.eventAttendees, (f) => f.eventAttendees),
    row(I.volunteerHours, (f) => (f.volunteerMinutes / 60).toFixed(1)),
  ]);
  const { from, to } = report.period;
  return (
    [
      `县级统计指标（统计期间 ${from} 至 ${to}，北京时间日期；生成于 ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC）`,
      '指标定义见 docs/indicators.md；与各辅导台“统计”页面使用同一套计算规则。仅含统计数字。',
      ...(report.unreadable > 0
        ? [`注意：有 ${report.unreadable} 条记录无法识别，未计入（可能来自更新版本的辅导台）。`]
        : []),
      `一、离婚调适辅导\n${divorce}`,
      `二、其他指标\n${other}`,
    ].join('\n\n') + '\n'
  );
}
