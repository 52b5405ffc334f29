// The one label catalogue (src/shared/i18n/labels): every value of every labelled enum has a Chinese and an
// English label, no two values of an enum read the same in Chinese, and the screens, the printed forms and
// the county report all show the catalogue's words.
import { describe, expect, it, vi } from 'vitest';
import {
  ARCHIVE_DIFFERENCES,
  ARCHIVE_OMISSION_REASONS,
  ARCHIVE_OMISSIONS,
  ARCHIVE_PHASES,
  IMPORT_CASE_STATES,
} from '../../src/shared/archive';
import { AUDIT_ACTIONS } from '../../src/shared/audit';
import {
  LEDGER_COLUMNS,
  LEDGER_SHEETS,
  LEDGER_TEXTS,
  LEDGER_UNITS,
  LEDGER_YES_NO,
} from '../../src/shared/ledger';
import { CHART_KEYS, INDICATOR_KEYS, LIST_KINDS, RATE_KEYS } from '../../src/shared/statistics';
import {
  CASE_SORTS,
  ChildLivesWithSchema,
  ConsentedBySchema,
  ConsentMethodSchema,
  COUNSELLING_TYPES,
  DOCUMENT_TYPES,
  EDUCATION_LEVELS,
  PartyKeySchema,
  REASON_CATEGORIES,
  RecordResultSchema,
  REGISTRATION_STATUSES,
  RISK_FLAGS,
  SexSchema,
  WithdrawnBySchema,
} from '../../src/shared/cases';
import { DashboardSchema } from '../../src/shared/dashboard/schemas';
import { DisclosedBySchema, DV_RISK_LEVELS } from '../../src/shared/dv';
import {
  AUDIT_TARGET_KINDS,
  i18nKey,
  LABELS,
  labelOf,
  labelResources,
  labelsIn,
  type LabelNamespace,
} from '../../src/shared/i18n';
import { ChannelKindSchema, HalfDaySchema, SatisfactionSchema } from '../../src/shared/records';
import { RecordStatusSchema } from '../../src/shared/records/schemas';
import { REFERRAL_STATUSES, REFERRAL_TARGETS, ReferralSubjectSchema } from '../../src/shared/referrals';
import { ROLES } from '../../src/shared/roles';
import { EVENT_TYPES } from '../../src/shared/events';
import {
  FAMILY_STATUSES,
  HELP_LINK_KINDS,
  HELP_LINK_STATUSES,
  MEMBER_KINDS,
} from '../../src/shared/families';
import {
  FOLLOW_UP_FOCUSES,
  MARRIAGE_STATUSES,
  PLAN_CLOSE_CAUSES,
  PLAN_STATUSES,
  QUEUE_BUCKETS,
  VISIT_QUESTIONS,
  VISIT_STATUSES,
} from '../../src/shared/followups';
import {
  CERTIFICATE_STATES,
  VOLUNTEER_INELIGIBLE_REASONS,
  VOLUNTEER_PROFESSIONS,
} from '../../src/shared/volunteers';
import { SEARCH_MATCH_FIELDS } from '../../src/shared/search/contract';
import { LOCALES, OFFICE_LEVELS } from '../../src/shared/settings';
import { SupervisionKindSchema } from '../../src/shared/supervision';
import { SupervisionStatusSchema } from '../../src/shared/supervision/schemas';
import { SyncBatchSummarySchema } from '../../src/shared/sync/status';
import { BACKUP_PHASES, BACKUP_REASONS } from '../../src/shared/backup';
import { ZH } from '../../src/shared/documents';
import { renderRecordForm, type RecordFormView } from '../../src/main/records/print/record-form';
import { renderCaseSummary, type CaseSummaryView } from '../../src/main/print/case-summary';
import { formatReport } from '../../src/server/report/report-format';
import type { CountyReport, Figures } from '../../src/server/report/report';

/** Each namespace's values, from the shared enums themselves: an enum that grows without a label fails here. */
const VALUES: Record<LabelNamespace, readonly string[]> = {
  caseTypes: COUNSELLING_TYPES,
  sexes: SexSchema.options,
  documentTypes: DOCUMENT_TYPES,
  education: EDUCATION_LEVELS,
  reasonCategories: REASON_CATEGORIES,
  registrationStatuses: REGISTRATION_STATUSES,
  parties: [
    ...new Set([...PartyKeySchema.options, ...WithdrawnBySchema.options, ...DisclosedBySchema.options]),
  ],
  livesWith: ChildLivesWithSchema.options,
  consentBy: ConsentedBySchema.options,
  consentMethods: ConsentMethodSchema.options,
  riskFlags: RISK_FLAGS,
  riskTags: [...RISK_FLAGS, 'dvDisclosed'],
  caseSorts: CASE_SORTS,
  searchMatched: SEARCH_MATCH_FIELDS,
  deadlineKinds: DashboardSchema.shape.deadlinesSoon.element.shape.kind.options,
  halfDays: HalfDaySchema.options,
  channels: ChannelKindSchema.options,
  results: RecordResultSchema.options,
  satisfaction: SatisfactionSchema.options,
  recordStatuses: RecordStatusSchema.options,
  dvRiskLevels: DV_RISK_LEVELS,
  referralTargets: REFERRAL_TARGETS,
  referralStatuses: REFERRAL_STATUSES,
  referralSubjects: ReferralSubjectSchema.options,
  supervisionKinds: SupervisionKindSchema.options,
  supervisionStatuses: SupervisionStatusSchema.options,
  roles: ROLES,
  levels: OFFICE_LEVELS,
  languages: LOCALES,
  syncBatchStatuses: SyncBatchSummarySchema.shape.status.options,
  backupReasons: BACKUP_REASONS,
  backupPhases: BACKUP_PHASES,
  auditTargets: AUDIT_TARGET_KINDS,
  auditActions: AUDIT_ACTIONS,
  memberKinds: MEMBER_KINDS,
  familyStatuses: FAMILY_STATUSES,
  helpLinkKinds: HELP_LINK_KINDS,
  helpLinkStatuses: HELP_LINK_STATUSES,
  followUpFocuses: FOLLOW_UP_FOCUSES,
  planStatuses: PLAN_STATUSES,
  planCloseCauses: PLAN_CLOSE_CAUSES,
  visitStatuses: VISIT_STATUSES,
  marriageStatuses: MARRIAGE_STATUSES,
  queueBuckets: QUEUE_BUCKETS,
  visitQuestions: VISIT_QUESTIONS,
  professions: VOLUNTEER_PROFESSIONS,
  ineligibleReasons: VOLUNTEER_INELIGIBLE_REASONS,
  certificateStates: CERTIFICATE_STATES,
  eventTypes: EVENT_TYPES,
  importCaseStates: IMPORT_CASE_STATES,
  archiveDifferences: ARCHIVE_DIFFERENCES,
  archiveOmissions: ARCHIVE_OMISSIONS,
  archiveOmissionReasons: ARCHIVE_OMISSION_REASONS,
  archivePhases: ARCHIVE_PHASES,
  ledgerSheets: LEDGER_SHEETS,
  ledgerSummaryColumns: LEDGER_COLUMNS.summary,
  ledgerAppendixBColumns: LEDGER_COLUMNS.appendixB,
  ledgerCasesColumns: LEDGER_COLUMNS.cases,
  ledgerRecordsColumns: LEDGER_COLUMNS.records,
  ledgerReferralsColumns: LEDGER_COLUMNS.referrals,
  ledgerVisitsColumns: LEDGER_COLUMNS.visits,
  ledgerEventsColumns: LEDGER_COLUMNS.events,
  ledgerVolunteersColumns: LEDGER_COLUMNS.volunteers,
  statisticsIndicators: [...INDICATOR_KEYS, ...RATE_KEYS],
  statisticsDefinitions: [...INDICATOR_KEYS, ...RATE_KEYS],
  statisticsNone: ['sessionsByChannel', 'satisfaction', 'reasons'],
  statisticsListKinds: LIST_KINDS,
  statisticsCharts: CHART_KEYS,
  ledgerYesNo: LEDGER_YES_NO,
  ledgerUnits: LEDGER_UNITS,
  ledgerTexts: LEDGER_TEXTS,
};

const namespaces = Object.keys(LABELS) as LabelNamespace[];
const tableOf = (namespace: LabelNamespace): Record<string, Record<string, string>> => LABELS[namespace];

describe('label catalogue', () => {
  it('labels exactly the values of each enum, in every locale, never with an empty string', () => {
    expect(Object.keys(VALUES).sort()).toEqual([...namespaces].sort());
    for (const namespace of namespaces) {
      const table = tableOf(namespace);
      expect(Object.keys(table).sort(), namespace).toEqual([...VALUES[namespace]].sort());
      for (const value of VALUES[namespace]) {
        for (const locale of LOCALES) {
          expect(table[value]?.[locale]?.trim(), `${namespace}.${value} (${locale})`).toBeTruthy();
        }
      }
    }
  });

  it('never gives two values of one enum the same Chinese label', () => {
    for (const namespace of namespaces) {
      const zh = Object.values(tableOf(namespace)).map((label) => label['zh-CN']);
      expect(new Set(zh).size, namespace).toBe(zh.length);
    }
  });

  it('reads the same words one value at a time, per language and as i18next resources', () => {
    const zh = labelsIn('zh-CN');
    const en = labelResources('en');
    expect(labelOf(LABELS.referralStatuses, 'rejected', 'zh-CN')).toBe(zh.referralStatuses.rejected);
    expect(labelOf(LABELS.referralStatuses, 'rejected', 'en')).toBe(en.referralStatuses.rejected);
    // i18next reads a dot as nesting: audit actions are keyed with underscores in resources.
    expect(i18nKey('auth.login_failed')).toBe('auth_login_failed');
    expect(en.auditActions.auth_login_failed).toBe(LABELS.auditActions['auth.login_failed'].en);
    expect(labelResources('zh-CN').caseTypes).toEqual(zh.caseTypes);
  });
});

// The renderer imports shared code as '@shared/…' (a Vite alias the unit project does not set up).
vi.mock('@shared/i18n', () => import('../../src/shared/i18n'));

/** The renderer's message tables, loaded at run time so tsc (node config, no alias) does not follow them. */
async function rendererMessages(): Promise<Record<'zh-CN' | 'en', Record<string, Record<string, string>>>> {
  const zhPath = '../../src/renderer/src/i18n/zh-CN';
  const enPath = '../../src/renderer/src/i18n/en';
  const zh = (await import(zhPath)) as { zhCN: Record<string, Record<string, string>> };
  const en = (await import(enPath)) as { en: Record<string, Record<string, string>> };
  return { 'zh-CN': zh.zhCN, en: en.en };
}

const zhOf = (namespace: LabelNamespace, value: string): string => tableOf(namespace)[value]?.['zh-CN'] ?? '';

describe('every surface shows the catalogue', () => {
  it('the renderer resources hold the catalogue, and screen keys naming an enum value use its words', async () => {
    const messages = await rendererMessages();
    for (const locale of LOCALES) {
      const resources = labelResources(locale) as unknown as Record<string, Record<string, string>>;
      for (const namespace of namespaces) {
        expect(messages[locale][namespace], `${locale} ${namespace}`).toEqual(resources[namespace]);
      }
      const words = labelsIn(locale);
      expect(messages[locale].referrals?.action_rejected).toBe(words.referralStatuses.rejected);
      expect(messages[locale].supervision?.new_assign).toBe(words.supervisionKinds.assign);
      expect(messages[locale].records?.signedTag).toBe(words.recordStatuses.signed);
      expect(messages[locale].dashboard?.kind_withdrawal_deadline).toBe(
        words.deadlineKinds.withdrawal_deadline,
      );
      expect(messages[locale].sync?.delivered).toBe(words.syncBatchStatuses.delivered);
    }
  });

  it('printouts are the catalogue in Chinese', () => {
    expect(ZH).toEqual(labelsIn('zh-CN'));
    const form = renderRecordForm(recordForm());
    const ticked = [
      ...form.matchAll(/<span class="opt on"\s*><span class="box">√<\/span>([^<]+)<\/span/g),
    ].map((m) => m[1]);
    expect(ticked).toEqual([
      zhOf('halfDays', 'pm'),
      zhOf('channels', 'voice'),
      zhOf('caseTypes', 'divorce_adjustment'),
      zhOf('results', 'postpone'),
    ]);

    const summary = renderCaseSummary(caseSummary());
    for (const [namespace, value] of [
      ['referralStatuses', 'rejected'],
      ['registrationStatuses', 'accepted_cooling'],
      ['results', 'postpone'],
      ['channels', 'voice'],
    ] as const) {
      expect(summary, `${namespace}.${value}`).toContain(zhOf(namespace, value));
    }
  });

  it('the county report names codes with the catalogue’s Chinese', () => {
    const text = formatReport(countyReport());
    for (const [namespace, value] of [
      ['caseTypes', 'premarital'],
      ['registrationStatuses', 'accepted_cooling'],
      ['results', 'postpone'],
      ['referralTargets', 'police'],
      ['referralStatuses', 'rejected'],
      ['visitStatuses', 'done'],
      ['visitStatuses', 'scheduled'],
      ['queueBuckets', 'overdue'],
    ] as const) {
      expect(text, `${namespace}.${value}`).toContain(zhOf(namespace, value));
    }
  });
});

function recordForm(): RecordFormView {
  const party = {
    label: ZH.parties.party_a,
    name: '张三',
    sex: 'male' as const,
    maritalStatus: '已婚',
    yearsMarried: 3,
    education: null,
    documentType: null,
    documentNumber: null,
    occupation: null,
    phone: null,
  };
  return {
    centreName: '婚姻家庭辅导中心',
    caseNumber: '2026-LH-00012',
    type: 'divorce_adjustment',
    status: 'signed',
    sessionDate: '2026-03-02',
    halfDay: 'pm',
    channel: 'voice',
    counsellorNames: [],
    volunteerNames: [],
    attendees: [],
    parties: [party, { ...party, label: ZH.parties.party_b, name: '李四' }],
    contactsHidden: false,
    familySituation: null,
    childrenSummary: null,
    interviewNotes: null,
    interventionAssessment: null,
    result: 'postpone',
    satisfaction: null,
    remarks: null,
    signedBy: null,
    signedDate: null,
    addenda: [],
    printedAt: '2026-03-02 10:00',
  };
}

function caseSummary(): CaseSummaryView {
  return {
    centreName: '婚姻家庭辅导中心',
    caseNumber: '2026-LH-00012',
    type: 'divorce_adjustment',
    receivedDate: '2026-03-02',
    counsellorName: '李辅导',
    companionName: null,
    parties: [],
    contactsHidden: false,
    registration: {
      status: 'accepted_cooling',
      receiptNumber: null,
      filingReceivedDate: '2026-03-02',
      withdrawalDeadline: '2026-04-01',
      certificateWindowStart: '2026-04-02',
      certificateWindowEnd: '2026-05-01',
      statusNote: null,
    },
    result: 'postpone',
    reasons: null,
    riskLabels: [],
    records: [
      {
        sessionDate: '2026-03-02',
        halfDay: 'pm',
        channel: 'voice',
        signed: true,
        result: 'postpone',
        counsellors: '李辅导',
        addenda: 0,
      },
    ],
    referrals: [
      {
        referenceNumber: 'ZJ-2026-00001',
        addressee: ZH.referralTargets.police,
        status: 'rejected',
        createdDate: '2026-03-02',
        expectedReplyDate: '2026-03-09',
      },
    ],
    dvDisclosures: null,
    printedAt: '2026-03-02 10:00',
  };
}

function countyReport(): CountyReport {
  const figures: Figures = {
    cases: 2,
    casesByType: { premarital: 1, divorce_adjustment: 1 },
    casesByStatus: { accepted_cooling: 1, none: 1 },
    casesByResult: { postpone: 1, none: 1 },
    counsellingRecords: 1,
    signedRecords: 1,
    referrals: 1,
    referralsByTarget: { police: 1 },
    referralsByStatus: { rejected: 1 },
    dvDisclosures: 0,
    families: 1,
    visitsDone: 2,
    visitsOpen: 1,
    visitsOverdue: 1,
    activeVolunteers: 3,
    pledgedVolunteers: 2,
    eventsHeld: 1,
    eventAttendees: 40,
  };
  return {
    generatedAt: '2026-11-23T09:00:00.000Z',
    total: figures,
    stations: [{ ...figures, station: '明水街道', devices: 1 }],
    devices: [],
  };
}
