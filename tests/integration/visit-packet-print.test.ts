import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../src/shared/contract';
import { addVolunteer, signResult } from '../support/aftercare-fixture';
import { fullIntake, ID_A, ID_B, signInAs, type Staff } from '../support/case-fixture';
import type { Desk } from '../support/desk-fixture';
import { auditActions, codeOf, deskWithCase } from '../support/protection-fixture';
import { tempDir } from '../support/tmp';

/*
 * The visit packet (回访包) as a real PDF (headless Chromium, read back with pdftotext): what a volunteer
 * takes to a visit, and nothing of the case behind it.
 */

describe('print.visitPacketPdf', () => {
  let desk: Desk;
  let staff: Staff;
  let cleanup: () => Promise<void>;
  let out: ReturnType<typeof tempDir>;
  let visitId: string;
  let otherVisitId: string;

  beforeAll(async () => {
    out = tempDir('counseldesk-packet-');
    ({ desk, staff, cleanup } = await deskWithCase());
    // A divorce with an 8-year-old child and DV risk noted in the case: the packet asks about the child.
    const c = await desk.ok(
      'cases.create',
      fullIntake({ reasons: { categories: ['domestic_violence'], text: '男方酒后动手' } }),
    );
    await signResult(desk, c.id, staff.counsellorA, 'divorce', '2026-03-02');
    const family = await desk.ok('families.openFromCase', { caseId: c.id });
    await desk.ok('families.update', {
      familyId: family.id,
      name: family.name,
      safetyNotes: '请在白天、在社区服务站与女方见面，不要上门。',
    });
    const v = await addVolunteer(desk, { name: '周志愿', userId: staff.volunteer });
    const plan = await desk.ok('followups.assign', { planId: family.plans[0]?.id ?? '', volunteerId: v.id });
    visitId = plan.visits[0]?.id ?? '';

    const other = await desk.ok('cases.create', fullIntake());
    await signResult(desk, other.id, staff.counsellorA, 'reconcile');
    otherVisitId =
      (await desk.ok('families.openFromCase', { caseId: other.id })).plans[0]?.visits[0]?.id ?? '';
  });
  afterAll(async () => {
    await cleanup();
    out.cleanup();
  });

  function text(pdf: ChannelOutput<'print.visitPacketPdf'>): string {
    const file = join(out.dir, pdf.fileName);
    writeFileSync(file, Buffer.from(pdf.pdfBase64, 'base64'));
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  }

  it('prints the family, the members, the questions and the safety notes for the assigned volunteer', async () => {
    await signInAs(desk, 'volunteer');
    const pdf = await desk.ok('print.visitPacketPdf', { visitId });
    expect(pdf.fileName).toBe('visit-packet-JT-2026-00001-1.pdf');
    const t = text(pdf).replace(/\s+/g, '');
    for (const expected of [
      '回访包',
      'JT-2026-00001',
      '张三、李四家庭',
      '周志愿',
      '子女现在和谁生活',
      '抚养费是否按约定支付',
      '不要上门',
      '第1次/共3次',
    ]) {
      expect(t, expected).toContain(expected);
    }
    // Nothing of the case: no ID number, phone, reason text or case number.
    for (const secret of [ID_A, ID_B, '13800000001', '酒后动手', '2026-LH-']) expect(t).not.toContain(secret);
  });

  it('is refused for a visit not assigned to the volunteer, and audited when printed', async () => {
    await signInAs(desk, 'volunteer');
    expect(await codeOf(desk, 'print.visitPacketPdf', { visitId: otherVisitId })).toBe('VISIT_NOT_FOUND');
    expect(await codeOf(desk, 'print.caseSummaryPdf', { caseId: otherVisitId })).toBe('FORBIDDEN');
    const actions = (await auditActions(desk)).map((e) => e.action);
    expect(actions).toContain('followup.packet_printed');
  });
});
