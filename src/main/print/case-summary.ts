import type {
  CounsellingType,
  ReasonCategory,
  RecordResult,
  RegistrationStatus,
  Sex,
} from '../../shared/cases';
import type { ReferralStatus } from '../../shared/referrals';
import type { ChannelKind, HalfDay } from '../../shared/records';
import {
  orHidden,
  printDocument,
  colgroup,
  html,
  listTable,
  multiline,
  type SafeHtml,
  dateZh,
  WIDE_SPACE,
  ZH,
} from '../desk';

/*
 * 案件摘要: who, what kind of counselling, the statutory timeline and status, the records and referrals.
 * Masked document numbers only. A DV flag or disclosure prints no address and no phone. DV disclosures
 * themselves are never printed here: at most their count, and only for a user allowed to see them.
 */

export interface CaseSummaryParty {
  label: string;
  name: string;
  sex: Sex | null;
  documentNumberMasked: string | null;
  phone: string | null;
  address: string | null;
}

export interface CaseSummaryView {
  centreName: string;
  caseNumber: string;
  type: CounsellingType;
  receivedDate: string;
  counsellorName: string;
  companionName: string | null;
  parties: readonly CaseSummaryParty[];
  contactsHidden: boolean;
  registration: {
    status: RegistrationStatus;
    receiptNumber: string | null;
    filingReceivedDate: string;
    withdrawalDeadline: string;
    certificateWindowStart: string;
    certificateWindowEnd: string;
    statusNote: string | null;
  } | null;
  result: RecordResult | null;
  reasons: { categories: readonly ReasonCategory[]; text: string | null } | null;
  riskLabels: readonly string[];
  records: readonly {
    sessionDate: string | null;
    halfDay: HalfDay | null;
    channel: ChannelKind | null;
    signed: boolean;
    result: RecordResult | null;
    counsellors: string;
    addenda: number;
  }[];
  referrals: readonly {
    referenceNumber: string;
    addressee: string;
    status: ReferralStatus;
    createdDate: string;
    expectedReplyDate: string;
  }[];
  /** Number of DV disclosures, only when the user may see them; null otherwise (nothing is printed). */
  dvDisclosures: number | null;
  printedAt: string;
}

export function renderCaseSummary(view: CaseSummaryView): string {
  const reg = view.registration;
  const body = html` <h1>案件摘要</h1>
    <div class="meta"><span>${view.centreName}</span><span>案件编号：${view.caseNumber}</span></div>
    <table class="form">
      ${colgroup(16, 34, 16, 34)}
      <tr>
        <th>辅导类别</th>
        <td>${ZH.caseTypes[view.type]}</td>
        <th>受理日期</th>
        <td>${dateZh(view.receivedDate)}</td>
      </tr>
      <tr>
        <th>辅导员</th>
        <td>${view.counsellorName}</td>
        <th>陪护人</th>
        <td>${view.companionName ?? ''}</td>
      </tr>
      <tr>
        <th>辅导结果</th>
        <td>${view.result ? ZH.results[view.result] : '尚无'}</td>
        <th>风险提示</th>
        <td>${view.riskLabels.length ? view.riskLabels.join('、') : '无'}</td>
      </tr>
    </table>

    <h2>当事人</h2>
    <table class="form">
      ${colgroup(12, 14, 7, 23, 17, 27)}
      <tr>
        <th></th>
        <th>姓名</th>
        <th>性别</th>
        <th>证件号码</th>
        <th>联系电话</th>
        <th>住址</th>
      </tr>
      ${view.parties.map(
        (p) =>
          html`<tr>
            <th>${p.label}</th>
            <td>${p.name}</td>
            <td>${p.sex ? ZH.sexes[p.sex] : ''}</td>
            <td>${p.documentNumberMasked ?? ''}</td>
            <td>${orHidden(p.phone ?? '', view.contactsHidden)}</td>
            <td>${orHidden(p.address ?? '', view.contactsHidden)}</td>
          </tr>`,
      )}
    </table>
    ${view.contactsHidden ? html`<div class="hidden-note">本案有家庭暴力风险标记，联系电话与住址不予打印。</div>` : ''}
    ${reg ? registrationSection(reg) : ''} ${view.reasons ? reasonsSection(view.reasons) : ''}

    <h2>辅导记录（${view.records.length}）</h2>
    ${view.records.length === 0 ? html`<div>暂无记录。</div>` : recordsTable(view.records)}

    <h2>转介（${view.referrals.length}）</h2>
    ${view.referrals.length === 0 ? html`<div>暂无转介。</div>` : referralsTable(view.referrals)}
    ${
      view.dvDisclosures !== null && view.dvDisclosures > 0
        ? html`<h2>家庭暴力情况</h2>
            <div>已记录 ${view.dvDisclosures} 条披露；详情仅在系统内查阅，不予打印。</div>`
        : ''
    }
    <div class="footer">打印时间：${view.printedAt}${WIDE_SPACE}本摘要含个人敏感信息，请妥善保管。</div>`;
  return printDocument(`案件摘要 ${view.caseNumber}`, body);
}

function registrationSection(reg: NonNullable<CaseSummaryView['registration']>): SafeHtml {
  return html`<h2>离婚登记与冷静期</h2>
    <table class="form">
      ${colgroup(16, 34, 16, 34)}
      <tr>
        <th>受理日期</th>
        <td>${dateZh(reg.filingReceivedDate)}</td>
        <th>回执编号</th>
        <td>${reg.receiptNumber ?? ''}</td>
      </tr>
      <tr>
        <th>撤回截止</th>
        <td>${dateZh(reg.withdrawalDeadline)}</td>
        <th>领证期间</th>
        <td>${dateZh(reg.certificateWindowStart)} 至 ${dateZh(reg.certificateWindowEnd)}</td>
      </tr>
      <tr>
        <th>登记状态</th>
        <td colspan="3">
          ${ZH.registrationStatuses[reg.status]}${reg.statusNote ? `（${reg.statusNote}）` : ''}
        </td>
      </tr>
    </table>`;
}

function reasonsSection(reasons: NonNullable<CaseSummaryView['reasons']>): SafeHtml {
  return html`<h2>原因</h2>
    <table class="form">
      ${colgroup(16, 84)}
      <tr>
        <th>类别</th>
        <td>${reasons.categories.map((c) => ZH.reasonCategories[c]).join('、')}</td>
      </tr>
      <tr>
        <th>说明</th>
        <td>${multiline(reasons.text)}</td>
      </tr>
    </table>`;
}

function recordsTable(records: CaseSummaryView['records']): SafeHtml {
  return listTable(
    [
      ['日期', 24],
      ['方式', 12],
      ['状态', 14],
      ['结果', 14],
      ['辅导员', 36],
    ],
    records.map((r) => [
      `${dateZh(r.sessionDate)} ${r.halfDay ? ZH.halfDays[r.halfDay] : ''}`,
      r.channel ? ZH.channels[r.channel] : '',
      `${ZH.recordStatuses[r.signed ? 'signed' : 'draft']}${r.addenda > 0 ? `（补充${r.addenda}）` : ''}`,
      r.result ? ZH.results[r.result] : '',
      r.counsellors,
    ]),
  );
}

function referralsTable(referrals: CaseSummaryView['referrals']): SafeHtml {
  return listTable(
    [
      ['编号', 20],
      ['转介至', 32],
      ['状态', 14],
      ['转介日期', 17],
      ['期望回复', 17],
    ],
    referrals.map((r) => [
      r.referenceNumber,
      r.addressee,
      ZH.referralStatuses[r.status],
      dateZh(r.createdDate),
      dateZh(r.expectedReplyDate),
    ]),
  );
}
