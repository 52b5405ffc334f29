import { writeFileSync } from 'node:fs';
import { nodePlatform } from '/work/main/src/main/app/node-platform';
import { renderCaseSummary } from '/work/main/src/main/print/case-summary';
import { renderReferralLetter } from '/work/main/src/main/print/referral-letter';
const summary = renderCaseSummary({
  centreName: '婚姻家庭辅导中心', caseNumber: '2026-LH-00012', type: 'divorce_adjustment', receivedDate: '2026-03-02',
  counsellorName: '李辅导', companionName: '王志愿', contactsHidden: true,
  parties: [{ label: '当事人甲', name: '张晓梅', sex: 'female', documentNumberMasked: '370***********1234', phone: null, address: null },
            { label: '当事人乙', name: '王强', sex: 'male', documentNumberMasked: '370***********5678', phone: null, address: null }],
  registration: { status: 'accepted_cooling', receiptNumber: 'SL-2026-0001', filingReceivedDate: '2026-03-02', withdrawalDeadline: '2026-04-01', certificateWindowStart: '2026-04-02', certificateWindowEnd: '2026-05-06', statusNote: null },
  result: 'postpone', reasons: { categories: ['financial', 'in_laws'], text: '因家庭开支产生矛盾' }, riskLabels: ['家庭暴力'],
  records: [{ sessionDate: '2026-03-02', halfDay: 'am', channel: 'face_to_face', signed: true, result: 'postpone', counsellors: '李辅导', addenda: 1 },
            { sessionDate: null, halfDay: null, channel: null, signed: false, result: null, counsellors: '', addenda: 0 }],
  referrals: [{ referenceNumber: 'ZJ-2026-00001', addressee: '明水派出所', status: 'sent', createdDate: '2026-03-03', expectedReplyDate: '2026-03-10' }],
  dvDisclosures: 1, printedAt: '2026-03-05 10:00',
});
const letter = renderReferralLetter({ referralId: 'x', referenceNumber: 'ZJ-2026-00001', issuedDate: '2026-03-03',
  office: { county: '章丘区', registryOffice: '章丘区婚姻登记处', centreName: '婚姻家庭辅导中心' }, target: 'police', addressee: '明水派出所',
  caseId: 'c', caseNumber: '2026-LH-00012', subject: 'both',
  persons: [{ party: 'party_a', name: '张晓梅', sex: 'female', phone: null }, { party: 'party_b', name: '王强', sex: 'male', phone: null }],
  contactsHidden: true, reason: '当事人反映遭受家庭暴力，需公安机关依法处置。', consentGiven: false, noConsentReason: 'x', expectedReplyDate: '2026-03-10',
  counsellor: { id: 'u', displayName: '李辅导' } }, '2026-03-03 10:00');
const p = nodePlatform('test');
void (async () => {
  writeFileSync('/tmp/pt/summary.pdf', await p.printToPdf(summary));
  writeFileSync('/tmp/pt/letter.pdf', await p.printToPdf(letter));
  await p.dispose();
})();
