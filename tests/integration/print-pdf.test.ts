import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../src/shared/contract';
import { addStaff, fullIntake, ID_A, ID_B, signInAs, type Staff } from '../support/case-fixture';
import { setUpDesk, type Desk } from '../support/desk-fixture';
import { tempDir } from '../support/tmp';

/*
 * 'print.*' end to end: real cases through the services, a real PDF from headless Chromium (the harness
 * and test platform), its text read back with pdftotext (poppler-utils).
 */

type Pdf = ChannelOutput<'print.recordPdf'>;

describe('print', () => {
  let desk: Desk;
  let cleanup: () => Promise<void>;
  let staff: Staff;
  let out: ReturnType<typeof tempDir>;
  let plain: ChannelOutput<'cases.create'>;
  let dvCase: ChannelOutput<'cases.create'>;
  let recordId: string;
  let referralId: string;

  /** The PDF's text (layout kept) and its metadata, via poppler. */
  function read(pdf: Pdf): { text: string; info: string } {
    const file = join(out.dir, `${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(file, Buffer.from(pdf.pdfBase64, 'base64'));
    return {
      text: execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
      info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
    };
  }

  async function auditActions(): Promise<string[]> {
    await signInAs(desk, 'director');
    try {
      const { rows } = await desk.ok('audit.list', { pageSize: 200 });
      return rows.map((r) => r.action);
    } finally {
      await signInAs(desk, 'counsellorA');
    }
  }

  beforeAll(async () => {
    out = tempDir('counseldesk-pdf-');
    ({ desk, cleanup } = await setUpDesk());
    staff = await addStaff(desk); // counsellor A is signed in

    plain = await desk.ok(
      'cases.create',
      fullIntake({
        parties: [
          {
            name: '张晓梅',
            documentType: 'resident_id',
            documentNumber: ID_A,
            phone: '13800000011',
            education: 'bachelor',
            occupation: '教师',
            address: '章丘区明水街道1号',
          },
          {
            name: '王<b>强</b>',
            documentType: 'resident_id',
            documentNumber: ID_B,
            phone: '13800000012',
            education: 'college',
            occupation: '司机',
            address: '章丘区明水街道1号',
          },
        ],
      }),
    );
    const draft = await desk.ok('records.saveDraft', {
      caseId: plain.id,
      sessionDate: '2026-03-02',
      halfDay: 'pm',
      channel: 'face_to_face',
      counsellorIds: [staff.counsellorA],
      volunteerNames: ['赵律师'],
      attendees: { parties: ['party_a', 'party_b'], others: [] },
      familySituation: '育有一子，与双方同住',
      interviewNotes: '双方因家庭开支争吵，均表示愿意再考虑。\n<script>alert(1)</script>',
      interventionAssessment: '矛盾可调和',
      result: 'postpone',
      satisfaction: 'basic',
      remarks: '约定两周后回访',
    });
    recordId = draft.id;
    await desk.ok('records.sign', { recordId });
    await desk.ok('records.addAddendum', { recordId, text: '电话回访，情况稳定。' });

    dvCase = await desk.ok(
      'cases.create',
      fullIntake({ filing: { receivedDate: '2026-03-02', receiptNumber: 'SL-2026-0201' } }),
    );
    await desk.ok('dv.create', {
      caseId: dvCase.id,
      disclosedBy: 'party_b',
      disclosedAt: '2026-03-02',
      facts: '丈夫多次殴打妻子',
      riskLevel: 'high',
    });
  });
  afterAll(async () => {
    await cleanup();
    out.cleanup();
  });

  it('prints the appendix D record form with the chosen result ticked and the addendum', async () => {
    const pdf = await desk.ok('print.recordPdf', { recordId });
    expect(pdf.fileName).toBe(`counselling-record-${plain.caseNumber}-2026-03-02.pdf`);
    const { text, info } = read(pdf);

    expect(text).toContain('婚姻家庭辅导服务记录表');
    expect(text).toContain('张晓梅');
    expect(text).toContain('暂缓离婚');
    expect(text).toMatch(/√\s*暂缓离婚/);
    expect(text).not.toMatch(/√\s*表示和好/);
    expect(text).not.toMatch(/√\s*选择离婚/);
    expect(text).toMatch(/√\s*基本满意/);
    expect(text).toMatch(/√\s*下午/);
    expect(text).toMatch(/√\s*面对面/);
    expect(text).toMatch(/√\s*离婚调适辅导/);
    for (const label of [
      '询问笔录',
      '介入评估',
      '辅导结果',
      '服务对象满意度',
      '备注',
      '身份证号码',
      '婚龄',
      '文化程度',
    ]) {
      expect(text.replace(/\s+/g, '')).toContain(label);
    }
    expect(text).toContain('双方因家庭开支争吵');
    expect(text).toContain('补充记录');
    expect(text).toContain('电话回访，情况稳定。');
    expect(text).toContain(ID_A); // the archive form carries the full number, like the case detail
    expect(text).toContain('13800000011');
    expect(text).toContain('10年'); // married 2015-05-01, session 2026-03-02

    // Values are text, never markup: the tags print as typed.
    expect(text).toContain('王<b>强</b>');
    expect(text).toContain('<script>alert(1)</script>');

    // A4, and neither the title nor the file name carries personal data.
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    expect(info).toMatch(new RegExp(`Title:\\s+婚姻家庭辅导服务记录表 ${plain.caseNumber}`));
    for (const personal of ['张晓梅', '王', ID_A, '13800000011']) {
      expect(pdf.fileName).not.toContain(personal);
      expect(info).not.toContain(personal);
    }
    expect(await auditActions()).toContain('record.printed');
  });

  it('prints the case summary: masked IDs, timeline, records; a DV case without phone, address or DV text', async () => {
    const summary = read(await desk.ok('print.caseSummaryPdf', { caseId: plain.id }));
    expect(summary.text).toContain('案件摘要');
    expect(summary.text).toContain(plain.caseNumber);
    expect(summary.text).toContain(`${ID_A.slice(0, 3)}${'*'.repeat(11)}${ID_A.slice(-4)}`);
    expect(summary.text).not.toContain(ID_A);
    expect(summary.text).toContain('13800000011');
    expect(summary.text).toContain('撤回截止');
    expect(summary.text).toContain('暂缓离婚');

    const pdf = await desk.ok('print.caseSummaryPdf', { caseId: dvCase.id });
    expect(pdf.fileName).toBe(`case-summary-${dvCase.caseNumber}.pdf`);
    const dv = read(pdf);
    expect(dv.text).toContain('案件摘要');
    expect(dv.text).not.toContain('13800000001');
    expect(dv.text).not.toContain('13800000002');
    expect(dv.text).not.toContain('明水街道');
    expect(dv.text).toContain('不予打印');
    expect(dv.text).not.toContain('殴打');
    // the counsellor in charge may see DV: only the count is printed
    expect(dv.text).toMatch(/已记录\s*1\s*条披露/);
    expect(await auditActions()).toContain('case.printed');
  });

  it('prints the referral letter with its reference number, without the no-consent reason', async () => {
    const referral = await desk.ok('referrals.create', {
      caseId: dvCase.id,
      target: 'police',
      targetName: '明水派出所',
      reason: '当事人反映遭受家庭暴力，需公安机关依法处置',
      consentGiven: false,
      noConsentReason: '内部理由不外传',
      expectedReplyDate: '2026-03-09',
    });
    referralId = referral.id;
    const pdf = await desk.ok('print.referralLetterPdf', { referralId });
    expect(pdf.fileName).toBe(`referral-letter-${referral.referenceNumber}.pdf`);
    expect(referral.referenceNumber).toMatch(/^ZJ-2026-\d{5}$/);
    const { text } = read(pdf);
    expect(text.replace(/\s+/g, '')).toContain('转介函');
    expect(text).toContain(referral.referenceNumber);
    expect(text).toContain('明水派出所');
    expect(text).toContain('当事人反映遭受家庭暴力');
    expect(text).toContain('未取得服务对象同意');
    expect(text).not.toContain('内部理由不外传');
    expect(text).not.toContain('13800000001'); // DV case: no phone
    expect(await auditActions()).toContain('referral.letter_printed');
  });

  it('prints nothing the caller may not see', async () => {
    await signInAs(desk, 'counsellorB');
    try {
      expect((await desk.fails('print.recordPdf', { recordId })).code).toBe('RECORD_NOT_FOUND');
      expect((await desk.fails('print.caseSummaryPdf', { caseId: plain.id })).code).toBe('CASE_NOT_FOUND');
      expect((await desk.fails('print.referralLetterPdf', { referralId })).code).toBe('REFERRAL_NOT_FOUND');
    } finally {
      await signInAs(desk, 'counsellorA');
    }
    await signInAs(desk, 'volunteer');
    try {
      expect((await desk.fails('print.recordPdf', { recordId })).code).toBe('FORBIDDEN');
    } finally {
      await signInAs(desk, 'counsellorA');
    }
  });
});
