import type { ChartKey, IndicatorKey, ListKind, RateKey } from '../../statistics';
import { label, type Labels } from './label';

/*
 * The indicators of the 统计 page, the ledger's summary sheet and the reports (docs/indicators.md): each
 * one's name and its one-line definition, so every place that shows a figure words it the same way.
 */

type FigureKey = IndicatorKey | RateKey;

export const statisticsLabels = {
  statisticsIndicators: {
    filings: label('受理离婚登记申请', 'Divorce filings received'),
    filingsCounselled: label('其中已辅导', 'Of which counselled'),
    counsellingRate: label('辅导率', 'Counselling rate'),
    counselled: label('辅导对数', 'Couples counselled'),
    resultReconcile: label('表示和好', 'Reconciled'),
    resultPostpone: label('暂缓离婚', 'Divorce postponed'),
    resultDivorce: label('选择离婚', 'Chose divorce'),
    reconciledBroad: label('劝和对数（含暂缓、撤回）', 'Reconciled (incl. postponed, withdrawn)'),
    reconciliationRateBroad: label(
      '劝和率（含暂缓、撤回）',
      'Reconciliation rate (incl. postponed, withdrawn)',
    ),
    reconciliationRateStrict: label('劝和率（仅表示和好）', 'Reconciliation rate (reconciled only)'),
    withdrawals: label('撤回', 'Withdrawn'),
    deemedWithdrawals: label('视为撤回', 'Deemed withdrawn'),
    registrations: label('登记离婚', 'Divorce registered'),
    refusals: label('不予登记', 'Registration refused'),
    counselledByType: label('各类辅导对数', 'Couples counselled by type'),
    sessions: label('辅导人次（记录数）', 'Counselling sessions (records)'),
    sessionsByChannel: label('辅导方式', 'Sessions by channel'),
    satisfaction: label('满意度', 'Client satisfaction'),
    reasons: label('离婚原因', 'Reasons for divorce'),
    dvDisclosures: label('家暴披露', 'DV disclosures'),
    referrals: label('转介', 'Referrals'),
    referralsByTarget: label('转介对象', 'Referrals by target'),
    referralsByStatus: label('转介结果', 'Referral outcomes'),
    visitsDue: label('应回访', 'Follow-ups due'),
    visitsDone: label('已回访', 'Follow-ups done'),
    visitsOverdue: label('逾期未回访', 'Follow-ups overdue'),
    eventsHeld: label('活动场次', 'Outreach sessions held'),
    eventAttendees: label('活动人次', 'Outreach attendees'),
    volunteerHours: label('志愿服务时长（小时）', 'Volunteer service hours'),
    volunteerEvaluations: label('考核评估', 'Volunteer evaluations'),
  } satisfies Labels<FigureKey>,
  statisticsDefinitions: {
    filings: label(
      '受理日期在统计期内的离婚调适案件',
      'Divorce-adjustment cases whose filing was received in the period',
    ),
    filingsCounselled: label(
      '受理离婚登记申请中，已有至少一份已签名辅导记录的案件',
      'Of the filings, cases with at least one signed counselling record',
    ),
    counsellingRate: label('其中已辅导 ÷ 受理离婚登记申请', 'Filings counselled ÷ filings received'),
    counselled: label(
      '首次辅导（最早一份已签名记录的辅导日期）在统计期内的离婚调适案件',
      'Divorce-adjustment cases first counselled (earliest signed record) in the period',
    ),
    resultReconcile: label(
      '辅导对数中，当前结果（最新已签名记录）为表示和好的案件',
      'Of the couples counselled, those whose result (latest signed record) is reconciled',
    ),
    resultPostpone: label(
      '辅导对数中，当前结果为暂缓离婚的案件',
      'Of the couples counselled, those whose result is divorce postponed',
    ),
    resultDivorce: label(
      '辅导对数中，当前结果为选择离婚的案件',
      'Of the couples counselled, those whose result is chose divorce',
    ),
    reconciledBroad: label(
      '辅导对数中，结果为表示和好或暂缓离婚，或已撤回离婚登记申请的案件',
      'Of the couples counselled, those reconciled or postponed, or whose filing was withdrawn',
    ),
    reconciliationRateBroad: label(
      '劝和对数（含暂缓、撤回）÷ 辅导对数（通过辅导取消或暂缓离婚登记）',
      'Reconciled incl. postponed and withdrawn ÷ couples counselled',
    ),
    reconciliationRateStrict: label('表示和好 ÷ 辅导对数', 'Reconciled ÷ couples counselled'),
    withdrawals: label(
      '已撤回且撤回日期在统计期内的案件',
      'Filings withdrawn with a withdrawal date in the period',
    ),
    deemedWithdrawals: label(
      '视为撤回且领证期限届满日在统计期内的案件',
      'Filings deemed withdrawn whose certificate window ended in the period',
    ),
    registrations: label(
      '已登记离婚且登记日期在统计期内的案件',
      'Divorces registered with a date in the period',
    ),
    refusals: label('不予登记且决定日期在统计期内的案件', 'Registrations refused with a date in the period'),
    counselledByType: label(
      '各辅导类别中，首次辅导在统计期内的案件',
      'Cases of each counselling type first counselled in the period',
    ),
    sessions: label('辅导日期在统计期内的已签名辅导记录', 'Signed counselling records dated in the period'),
    sessionsByChannel: label('辅导人次按面对面、声对声、字对字分列', 'Sessions by face to face, voice, text'),
    satisfaction: label('辅导人次按来访者满意度分列', 'Sessions by client satisfaction'),
    reasons: label(
      '辅导对数按离婚原因分列；一案多因时各计一次，合计可大于辅导对数',
      'Couples counselled by reason; a case with several reasons counts under each',
    ),
    dvDisclosures: label('披露日期在统计期内的家暴披露', 'DV disclosures dated in the period'),
    referrals: label('创建日期在统计期内的转介', 'Referrals created in the period'),
    referralsByTarget: label('转介按转介对象分列', 'Referrals by target'),
    referralsByStatus: label('转介按当前状态分列', 'Referrals by current status'),
    visitsDue: label(
      '应回访日期在统计期内、未取消的回访',
      'Follow-up visits due in the period, not cancelled',
    ),
    visitsDone: label('回访日期在统计期内的已完成回访', 'Visits done with a visit date in the period'),
    visitsOverdue: label(
      '应回访中仍未完成且已过应回访日期的回访',
      'Of the visits due, those still open past their due date',
    ),
    eventsHeld: label(
      '日期在统计期内且不晚于今天的活动',
      'Outreach events dated in the period, not after today',
    ),
    eventAttendees: label('活动场次的参加人数之和', 'The attendees of the events held, summed'),
    volunteerHours: label(
      '统计期内：每份列名的已签名辅导记录计1小时，加已完成回访的时长，加担任主讲的活动时长',
      'In the period: 1 h per signed record naming the volunteer, plus done visits, plus events spoken at',
    ),
    volunteerEvaluations: label(
      '日期在统计期内的考核评估：次数与平均分',
      'Evaluations dated in the period: count and average score',
    ),
  } satisfies Labels<FigureKey>,
  /** The 'none' value of a breakdown. */
  statisticsNone: {
    sessionsByChannel: label('方式未记录', 'Channel not recorded'),
    satisfaction: label('未填', 'Not given'),
    reasons: label('原因未记录', 'Reasons not recorded'),
  } satisfies Labels<'sessionsByChannel' | 'satisfaction' | 'reasons'>,
  statisticsListKinds: {
    cases: label('案件', 'Cases'),
    records: label('辅导记录', 'Counselling records'),
    disclosures: label('家暴披露', 'DV disclosures'),
    referrals: label('转介', 'Referrals'),
    visits: label('回访', 'Follow-up visits'),
    events: label('活动', 'Events'),
    volunteers: label('志愿者', 'Volunteers'),
    evaluations: label('考核评估', 'Evaluations'),
  } satisfies Labels<ListKind>,
  /** The charts' titles (src/shared/statistics/charts.ts). */
  statisticsCharts: {
    trend: label('月度趋势', 'Monthly trend'),
    results: label('辅导结果', 'Counselling results'),
    channels: label('辅导方式', 'Channels'),
    reasons: label('离婚原因', 'Reasons for divorce'),
    referralOutcomes: label('转介结果', 'Referral outcomes'),
  } satisfies Labels<ChartKey>,
};
