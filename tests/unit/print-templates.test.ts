import { describe, expect, it } from 'vitest';
import { escapeHtml, html, multiline } from '../../src/shared/documents';
import { renderRecordForm, type RecordFormView } from '../../src/main/records/print/record-form';
import { wholeYears } from '../../src/main/records/print/record-view';
import { localDateTime } from '../../src/shared/calendar';
import { pdfFileName } from '../../src/main/print/service';

const EVIL = `<img src=x onerror="alert('x')">&`;

function view(overrides: Partial<RecordFormView> = {}): RecordFormView {
  const party = {
    label: '当事人甲',
    name: EVIL,
    sex: 'female' as const,
    maritalStatus: '已婚',
    yearsMarried: 3,
    education: null,
    documentType: 'resident_id' as const,
    documentNumber: '11010519491231002X',
    occupation: null,
    phone: '13800000000',
  };
  return {
    centreName: '婚姻家庭辅导中心',
    caseNumber: '2026-LH-00012',
    type: 'divorce_adjustment',
    status: 'signed',
    sessionDate: '2026-03-02',
    halfDay: 'pm',
    channel: 'voice',
    counsellorNames: ['李辅导'],
    volunteerNames: [],
    attendees: [],
    parties: [party, { ...party, label: '当事人乙', name: '李四' }],
    contactsHidden: false,
    familySituation: null,
    childrenSummary: null,
    interviewNotes: `第一行\n${EVIL}`,
    interventionAssessment: null,
    result: 'postpone',
    satisfaction: null,
    remarks: null,
    signedBy: '李辅导',
    signedDate: '2026-03-02',
    addenda: [],
    printedAt: '2026-03-02 10:00',
    ...overrides,
  };
}

describe('html builder', () => {
  it('escapes every interpolated value unless it is already SafeHtml', () => {
    expect(escapeHtml(EVIL)).toBe('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;');
    expect(html`<td>${EVIL}</td>`.value).toBe(`<td>${escapeHtml(EVIL)}</td>`);
    expect(html`<p>${html`<b>${'<i>'}</b>`}</p>`.value).toBe('<p><b>&lt;i&gt;</b></p>');
    expect(html`${['<a>', 1, null, undefined, false]}`.value).toBe('&lt;a&gt;1');
    expect(multiline('a\r\nb<\nc').value).toBe('a<br>b&lt;<br>c');
  });
});

describe('record form template', () => {
  it('contains no markup from values, forbids scripts, and ticks exactly the chosen options', () => {
    const out = renderRecordForm(view());
    expect(out).not.toContain('<img');
    expect(out).toContain(escapeHtml(EVIL));
    // the CSP attribute is escaped like any value; the HTML parser reads &#39; back as '
    expect(out).toContain('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;');
    expect(out).not.toMatch(/<script/i);
    expect(out).toContain('<title>婚姻家庭辅导服务记录表 2026-LH-00012</title>');
    const ticked = [
      ...out.matchAll(/<span class="opt on"\s*><span class="box">√<\/span>([^<]+)<\/span/g),
    ].map((m) => m[1]);
    expect(ticked).toEqual(['下午', '声对声', '离婚调适辅导', '暂缓离婚']);
    expect(out).toContain('@page { size: A4');
  });

  it('hides phones of a DV case and marks a draft', () => {
    const out = renderRecordForm(view({ contactsHidden: true, status: 'draft', signedBy: null }));
    expect(out).not.toContain('13800000000');
    expect(out).toContain('（已隐藏）');
    expect(out).toContain('草稿（未签署）');
  });
});

describe('print helpers', () => {
  it('counts whole years married', () => {
    expect(wholeYears('2015-05-01', '2026-03-02')).toBe(10);
    expect(wholeYears('2015-03-02', '2026-03-02')).toBe(11);
    expect(wholeYears('2026-01-01', '2026-03-02')).toBe(0);
  });

  it('prints office-local time (UTC+8)', () => {
    expect(localDateTime(new Date('2026-03-01T17:30:00.000Z'))).toBe('2026-03-02 01:30');
  });

  it('keeps file names to ASCII letters, digits and dashes', () => {
    expect(pdfFileName('counselling-record-2026-LH-00012-2026-03-02')).toBe(
      'counselling-record-2026-LH-00012-2026-03-02.pdf',
    );
    expect(pdfFileName('case-summary-张三/../x')).toBe('case-summary-x.pdf');
    expect(pdfFileName('——')).toBe('document.pdf');
  });
});
