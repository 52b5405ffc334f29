import { zhCNLabels } from '../labels';

/** Simplified Chinese: the 工作台. */
export const dashboardZhCN = {
  dashboard: {
    title: '工作台',
    today: '今天是 {{date}}',
    dateFormat: 'YYYY年M月D日 dddd',
    sessions: '今天的辅导',
    sessionsEmpty: '今天还没有辅导记录。',
    deadlines: '即将到期的法定期限',
    deadlinesEmpty: '未来 {{days}} 天内没有到期的撤回期限或领证期间。',
    withinLabel: '显示多少天内到期',
    withinDays: '{{days}} 天内',
    kind_withdrawal_deadline: zhCNLabels.deadlineKinds.withdrawal_deadline,
    kind_certificate_window_end: zhCNLabels.deadlineKinds.certificate_window_end,
    referrals: '逾期未回复的转介',
    referralsEmpty: '没有逾期未回复的转介。',
    supervisionAll: '未办结的交办、转办、督办事项（全部）',
    supervisionMine: '交给我的事项',
    supervisionEmpty: '没有未办结的事项。',
    noCases_admin: '管理员负责用户、设置和节假日安排。为保护当事人隐私，案件只有辅导员和主任可以查看。',
    overdueVisits: '逾期回访',
    overdueVisitsEmpty: '没有逾期的回访。',
    visitDue: '应于 {{date}} 回访',
    visitOverdue: '逾期 {{days}} 天',
    visitNoVolunteer: '未指派志愿者',
    safetyConcerns: '回访安全提示',
    safetyConcernsEmpty: '没有需要确认的安全提示。',
    concernVisitDate: '{{date}} 回访时发现',
    concernToAcknowledge: '待确认',
    volunteerIntro: '{{name}}，您好。这里是指派给您的家庭回访。',
  },
};
