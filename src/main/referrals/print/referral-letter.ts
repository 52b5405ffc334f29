import type { ReferralLetter } from '../../../shared/referrals';
import { orHidden, printDocument, html, multiline, dateZh, WIDE_SPACE, ZH } from '../../desk';

/*
 * 转介函: the letter a counsellor hands or sends to the receiving body, with its reference number
 * (ZJ-{year}-{seq}) so the reply can be matched to the referral. The data comes from the protection
 * service (ReferralLetter); this file only lays it out. A DV case prints no phone. The reason a referral
 * went ahead without consent is internal and stays out of the letter: the letter only says that consent
 * was not obtained.
 */

export function renderReferralLetter(letter: ReferralLetter, printedAt: string): string {
  const body = html` <div class="letter">
    <h1>转 介 函</h1>
    <div class="meta">
      <span>${letter.office.registryOffice} ${letter.office.centreName}</span
      ><span>编号：${letter.referenceNumber}</span>
    </div>
    <p class="to">${letter.addressee}：</p>
    <p>
      我中心在婚姻家庭辅导服务中接待了以下服务对象（案件编号
      ${letter.caseNumber}），经评估，需转介贵单位提供帮助，具体情况如下：
    </p>
    <table class="form">
      <colgroup>
        <col style="width:16%" />
        <col style="width:24%" />
        <col style="width:12%" />
        <col style="width:48%" />
      </colgroup>
      <tr>
        <th></th>
        <th>姓名</th>
        <th>性别</th>
        <th>联系电话</th>
      </tr>
      ${letter.persons.map(
        (p) =>
          html`<tr>
            <th>${ZH.parties[p.party]}</th>
            <td>${p.name}</td>
            <td>${p.sex ? ZH.sexes[p.sex] : ''}</td>
            <td>${orHidden(p.phone ?? '', letter.contactsHidden)}</td>
          </tr>`,
      )}
      <tr>
        <th>转介事由</th>
        <td colspan="3">${multiline(letter.reason)}</td>
      </tr>
      <tr>
        <th>当事人意见</th>
        <td colspan="3">
          ${letter.consentGiven ? '服务对象已同意本次转介。' : '本次转介未取得服务对象同意。'}
        </td>
      </tr>
    </table>
    ${letter.contactsHidden ? html`<p class="hidden-note">出于安全考虑，服务对象联系方式不在函中列出，请与我中心联系人联系。</p>` : ''}
    <p>请贵单位于 ${dateZh(letter.expectedReplyDate)} 前将接收及处理情况回复我中心。回复时请注明本函编号。</p>
    <p>联系人：${letter.counsellor.displayName}</p>
    <div class="right" style="margin-top:12mm">
      ${letter.office.registryOffice}<br />${letter.office.centreName}（盖章）<br />${dateZh(letter.issuedDate)}
    </div>
    <div class="footer">
      打印时间：${printedAt}${WIDE_SPACE}本函含个人信息，仅供接收单位办理转介事项使用。
    </div>
  </div>`;
  return printDocument(`转介函 ${letter.referenceNumber}`, body);
}
