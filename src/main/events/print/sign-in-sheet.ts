import { colgroup, dateZh, html, printDocument, WIDE_SPACE, ZH } from '../../desk';
import type { SignInSheetView } from '../events.service';

/*
 * 签到表: the sheet attendees sign at an outreach event. The event's facts on top, then numbered blank rows
 * (序号 / 姓名 / 联系电话 / 签名): one per expected attendee, at least a page's worth, the header row
 * repeated on every page. The filled-in sheet is what the event's 人次 is counted from.
 */

/** Rows on a sheet: the attendee count, at least MIN_ROWS; a very large event gets MAX_ROWS (25 pages). */
export const MIN_ROWS = 20;
export const MAX_ROWS = 600;

export function signInRowCount(attendeeCount: number): number {
  return Math.min(MAX_ROWS, Math.max(MIN_ROWS, attendeeCount));
}

const ROW = 'height:9.5mm;page-break-inside:avoid';
const CENTRE = 'text-align:center;vertical-align:middle';

export function renderSignInSheet(view: SignInSheetView, printedAt: string): string {
  const type = view.type === 'other' && view.typeOther ? view.typeOther : ZH.eventTypes[view.type];
  const rows = Array.from({ length: signInRowCount(view.attendeeCount) }, (_, i) => i + 1);
  const body = html`<div class="sheet">
    <h1>签 到 表</h1>
    <p style="text-align:center;margin:0 0 3mm">${view.office.registryOffice} ${view.office.centreName}</p>
    <table class="form">
      ${colgroup(14, 36, 14, 36)}
      <tr>
        <th>活动类型</th>
        <td>${type}</td>
        <th>活动日期</th>
        <td>${dateZh(view.date)}</td>
      </tr>
      <tr>
        <th>活动主题</th>
        <td colspan="3">${view.topic}</td>
      </tr>
      <tr>
        <th>活动地点</th>
        <td>${view.place}</td>
        <th>活动时长</th>
        <td>${view.durationHours} 小时</td>
      </tr>
      <tr>
        <th>主讲人</th>
        <td colspan="3">${view.speakers.length > 0 ? view.speakers.join('、') : '—'}</td>
      </tr>
    </table>
    <table class="form" style="margin-top:4mm">
      ${colgroup(10, 24, 30, 36)}
      <thead>
        <tr>
          <th>序号</th>
          <th>姓名</th>
          <th>联系电话</th>
          <th>签名</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (n) =>
            html`<tr style="${ROW}">
              <td style="${CENTRE}">${n}</td>
              <td></td>
              <td></td>
              <td></td>
            </tr>`,
        )}
      </tbody>
    </table>
    <div class="footer">
      打印时间：${printedAt}${WIDE_SPACE}本表含参加者个人信息，仅用于活动签到和场次、人次统计，请妥善保管。
    </div>
  </div>`;
  return printDocument(`签到表 ${view.date}`, body);
}
