import {
  COUNSELLING_TYPE_ORDER,
  RecordResultSchema,
  type CounsellingType,
  type DocumentType,
  type Education,
  type RecordResult,
  type Sex,
} from '../../../shared/cases';
import {
  ChannelKindSchema,
  SatisfactionSchema,
  type ChannelKind,
  type HalfDay,
  type Satisfaction,
} from '../../../shared/records';
import {
  option,
  options,
  orHidden,
  printDocument,
  colgroup,
  html,
  multiline,
  type SafeHtml,
  dateZh,
  WIDE_SPACE,
  ZH,
} from '../../desk';

/*
 * 婚姻家庭辅导服务记录表 — the counselling record form of MZ/T 084—2017 appendix D: date with 上午/下午 and
 * the counsellors; per party name, sex, marital status, years married, education, ID number, occupation,
 * phone; family situation; counselling type; interview notes; intervention assessment; the result
 * (表示和好 / 暂缓离婚 / 选择离婚, the chosen one ticked); client satisfaction; remarks; signatures. A signed
 * record's addenda follow the form, dated. A draft says so at the top.
 */

export interface RecordFormParty {
  label: string;
  name: string;
  sex: Sex | null;
  maritalStatus: string;
  /** Whole years married at the session date; null when the marriage date is not on file. */
  yearsMarried: number | null;
  education: Education | null;
  documentType: DocumentType | null;
  /** The full number: this is the office's archive form, like the case detail. */
  documentNumber: string | null;
  occupation: string | null;
  phone: string | null;
}

export interface RecordFormView {
  centreName: string;
  caseNumber: string;
  type: CounsellingType;
  status: 'draft' | 'signed';
  sessionDate: string | null;
  halfDay: HalfDay | null;
  channel: ChannelKind | null;
  counsellorNames: readonly string[];
  volunteerNames: readonly string[];
  attendees: readonly string[];
  parties: readonly [RecordFormParty, RecordFormParty];
  /** A DV flag or disclosure: phones are not printed. */
  contactsHidden: boolean;
  familySituation: string | null;
  childrenSummary: string | null;
  interviewNotes: string | null;
  interventionAssessment: string | null;
  result: RecordResult | null;
  satisfaction: Satisfaction | null;
  remarks: string | null;
  signedBy: string | null;
  signedDate: string | null;
  addenda: readonly { date: string; author: string; text: string }[];
  /** Office-local date and time of printing ('2026-03-02 09:30'). */
  printedAt: string;
}

export function renderRecordForm(view: RecordFormView): string {
  const [a, b] = view.parties;
  const partyRow = (label: string, cell: (p: RecordFormParty) => SafeHtml | string) =>
    html`<tr>
      <th>${label}</th>
      <td>${cell(a)}</td>
      <td>${cell(b)}</td>
    </tr>`;
  const documentLabel = a.documentType && a.documentType !== 'resident_id' ? '证件号码' : '身份证号码';

  const body = html` <h1>婚姻家庭辅导服务记录表</h1>
    <div class="meta">
      <span>${view.centreName}</span>
      <span
        >${view.status === 'draft' ? html`<span class="draft">${ZH.recordStatuses.draft}（未签署）</span> ` : ''}案件编号：${view.caseNumber}</span
      >
    </div>
    <table class="form">
      ${colgroup(17, 33, 15, 35)}
      <tr>
        <th>日期</th>
        <td>
          ${dateZh(view.sessionDate)}
          ${option(ZH.halfDays.am, view.halfDay === 'am')}${option(ZH.halfDays.pm, view.halfDay === 'pm')}
        </td>
        <th>辅导员</th>
        <td>${view.counsellorNames.join('、')}</td>
      </tr>
      <tr>
        <th>辅导方式</th>
        <td>${options(ChannelKindSchema.options, ZH.channels, view.channel)}</td>
        <th>志愿者</th>
        <td>${view.volunteerNames.join('、')}</td>
      </tr>
      <tr>
        <th>参加人员</th>
        <td colspan="3">${view.attendees.join('、')}</td>
      </tr>
    </table>
    <table class="form" style="margin-top:-0.75pt">
      ${colgroup(17, 41.5, 41.5)}
      <tr>
        <th>项目</th>
        <th>${a.label}</th>
        <th>${b.label}</th>
      </tr>
      ${partyRow('姓名', (p) => p.name)} ${partyRow('性别', (p) => (p.sex ? ZH.sexes[p.sex] : ''))}
      ${partyRow('婚姻状况', (p) => p.maritalStatus)} ${partyRow('婚龄', (p) => yearsText(p.yearsMarried))}
      ${partyRow('文化程度', (p) => (p.education ? ZH.education[p.education] : ''))}
      ${partyRow(documentLabel, documentCell)} ${partyRow('职业', (p) => p.occupation ?? '')}
      ${partyRow('联系电话', (p) => orHidden(p.phone ?? '', view.contactsHidden))}
    </table>
    <table class="form" style="margin-top:-0.75pt">
      ${colgroup(17, 83)}
      <tr>
        <th>家庭情况</th>
        <td class="short">
          ${multiline(view.familySituation)}${
            view.childrenSummary
              ? html`${view.familySituation ? html`<br />` : ''}子女：${view.childrenSummary}`
              : ''
          }
        </td>
      </tr>
      <tr>
        <th>辅导类别</th>
        <td>${options(COUNSELLING_TYPE_ORDER, ZH.caseTypes, view.type)}</td>
      </tr>
      <tr>
        <th>询问笔录</th>
        <td class="notes">${multiline(view.interviewNotes)}</td>
      </tr>
      <tr>
        <th>介入评估</th>
        <td class="notes">${multiline(view.interventionAssessment)}</td>
      </tr>
      <tr>
        <th>辅导结果</th>
        <td>${options(RecordResultSchema.options, ZH.results, view.result)}</td>
      </tr>
      <tr>
        <th>服务对象满意度</th>
        <td>${options(SatisfactionSchema.options, ZH.satisfaction, view.satisfaction)}</td>
      </tr>
      <tr>
        <th>备注</th>
        <td class="short">${multiline(view.remarks)}</td>
      </tr>
    </table>
    <div class="sign">
      <span>辅导员（签名）：<span class="line"></span></span>
      <span>服务对象（签名）：<span class="line"></span></span>
    </div>
    <div class="sign">
      <span
        >${view.signedBy ? `系统签署：${view.signedBy}${WIDE_SPACE}${dateZh(view.signedDate)}` : '未签署'}</span
      >
      <span>日期：<span class="line"></span></span>
    </div>
    ${view.addenda.length > 0 ? addendaSection(view.addenda) : ''}
    <div class="footer">
      打印时间：${view.printedAt}${WIDE_SPACE}本表含个人敏感信息，请按档案管理规定妥善保管。
    </div>`;

  return printDocument(`婚姻家庭辅导服务记录表 ${view.caseNumber}`, body);
}

function documentCell(p: RecordFormParty): SafeHtml {
  if (!p.documentNumber) return html``;
  const type =
    p.documentType && p.documentType !== 'resident_id' ? `（${ZH.documentTypes[p.documentType]}）` : '';
  return html`${p.documentNumber}${type}`;
}

function yearsText(years: number | null): string {
  if (years === null) return '';
  return years < 1 ? '不足1年' : `${years}年`;
}

function addendaSection(addenda: RecordFormView['addenda']): SafeHtml {
  return html`<h2>补充记录（签署后添加）</h2>
    ${addenda.map(
      (x) =>
        html`<div class="addendum">
          <div>${dateZh(x.date)}${WIDE_SPACE}${x.author}</div>
          <div>${multiline(x.text)}</div>
        </div>`,
    )}`;
}
