import type { CountyReport, DeviceStatus, Figures, StationFigures } from './report';

/*
 * The county report as Chinese plain text for a terminal or a printout: one table per breakdown, a row
 * per station and a 合计 row, columns padded by display width (a CJK character takes two columns). Codes
 * the report does not know (a newer desk) appear under their code instead of being dropped.
 */

type Labels = readonly (readonly [code: string, label: string])[];

const CASE_TYPES: Labels = [
  ['premarital', '婚前辅导'],
  ['marital', '婚姻关系辅导'],
  ['family', '家庭关系辅导'],
  ['divorce_adjustment', '离婚调适辅导'],
];

const REGISTRATION: Labels = [
  ['accepted_cooling', '冷静期中'],
  ['awaiting_certificate', '待领证'],
  ['withdrawn', '已撤回'],
  ['deemed_withdrawn', '视为撤回'],
  ['registered', '已登记离婚'],
  ['refused', '不予登记'],
  ['none', '无登记申请'],
];

const RESULTS: Labels = [
  ['reconcile', '表示和好'],
  ['postpone', '暂缓离婚'],
  ['divorce', '选择离婚'],
  ['none', '尚无结果'],
];

const TARGETS: Labels = [
  ['police', '公安机关'],
  ['court', '人民法院'],
  ['legal_aid', '法律援助'],
  ['psychological', '心理咨询'],
  ['womens_federation', '妇联'],
  ['hotline_12338', '12338热线'],
  ['shelter', '庇护场所'],
  ['other', '其他'],
];

const REFERRAL_STATUS: Labels = [
  ['created', '已创建'],
  ['sent', '已发送'],
  ['accepted', '已接收'],
  ['rejected', '已拒绝'],
  ['done', '已办结'],
];

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
    ['设备', '站点', '最近接收', '已接收批次', '已入库', '待入库', '受阻', '已作废', '受阻原因'],
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
      `七、设备与入库\n${devices}`,
    ].join('\n\n') + '\n'
  );
}
