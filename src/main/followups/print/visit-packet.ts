import type { VisitPacket } from '../../../shared/followups';
import { dateZh, html, listTable, multiline, printDocument, WIDE_SPACE, ZH } from '../../desk';

/*
 * 回访包: what a volunteer takes to one visit — the family's name and members, what to ask about (after a
 * divorce the children and the elderly first), the counsellor's safety notes for visitors and the last
 * visit's next step, then blank space to note the answers. Never an ID number, a counselling note or
 * anything of a DV disclosure: the packet's data (VisitPacket) holds none.
 */

export function renderVisitPacket(packet: VisitPacket, printedAt: string): string {
  const body = html`<div>
    <h1>回 访 包</h1>
    <div class="meta">
      <span>${packet.office.registryOffice} ${packet.office.centreName}</span>
      <span>档案编号：${packet.archiveNumber}${WIDE_SPACE}第 ${packet.seq} 次 / 共 ${packet.of} 次</span>
    </div>
    <table class="form">
      <colgroup>
        <col style="width:18%" />
        <col style="width:32%" />
        <col style="width:18%" />
        <col style="width:32%" />
      </colgroup>
      <tr>
        <th>家庭</th>
        <td>${packet.familyName}</td>
        <th>应回访日期</th>
        <td>${dateZh(packet.dueDate)}</td>
      </tr>
      <tr>
        <th>回访志愿者</th>
        <td>${packet.volunteer?.name ?? '（尚未指派）'}</td>
        <th>负责辅导员</th>
        <td>${packet.counsellor.displayName}</td>
      </tr>
      <tr>
        <th>关注重点</th>
        <td colspan="3">${ZH.followUpFocuses[packet.focus]}</td>
      </tr>
    </table>
    <h2>家庭成员</h2>
    ${listTable(
      [
        ['关系', 20],
        ['类别', 20],
        ['姓名', 40],
        ['年龄', 20],
      ],
      packet.members.map((m) => [
        m.relation,
        ZH.memberKinds[m.kind],
        m.name,
        m.age === null ? '' : `${m.age} 岁`,
      ]),
    )}
    <h2>安全提示</h2>
    <p>${packet.safetyNotes ? multiline(packet.safetyNotes) : '无特别提示。'}</p>
    ${
      packet.previousNextStep
        ? html`<h2>上次回访约定的下一步</h2>
            <p>${multiline(packet.previousNextStep)}</p>`
        : ''
    }
    <h2>回访要了解的情况</h2>
    <table class="form">
      <colgroup>
        <col style="width:45%" />
        <col style="width:55%" />
      </colgroup>
      <tr>
        <th>问题</th>
        <th>记录</th>
      </tr>
      ${packet.questions.map(
        (q, i) =>
          html`<tr>
            <td>${i + 1}. ${ZH.visitQuestions[q]}</td>
            <td class="short"></td>
          </tr>`,
      )}
    </table>
    <p class="hidden-note">
      发现安全风险（如家庭暴力、自伤、未成年人或老人受到伤害）时，请立即联系负责辅导员；情况紧急时拨打 110。
    </p>
    <div class="footer">
      打印时间：${printedAt}${WIDE_SPACE}本回访包含个人信息，仅供本次回访使用，用后交回辅导室或销毁，不得转给他人。
    </div>
  </div>`;
  return printDocument(`回访包 ${packet.archiveNumber}-${packet.seq}`, body);
}
