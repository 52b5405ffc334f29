import type { AuditAction } from '../../audit';
import type { Role } from '../../roles';
import type { Locale, Office } from '../../settings';
import type { SyncBatchSummary } from '../../sync';
import { label, type Labels } from './label';

/* The desk itself: users, offices, languages, the audit log and sync. */

/** What an audit entry is about (its targetType), as the desk records it. */
export const AUDIT_TARGET_KINDS = [
  'user',
  'settings',
  'office',
  'session',
  'audit',
  'case',
  'record',
  'dv_disclosure',
  'referral',
  'supervision',
  'calendar',
  'sync',
] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

export const deskLabels = {
  roles: {
    admin: label('管理员', 'Administrator'),
    director: label('主任', 'Director'),
    counsellor: label('辅导员', 'Counsellor'),
    volunteer: label('志愿者', 'Volunteer'),
  } satisfies Labels<Role>,
  levels: {
    centre: label('中心', 'Centre'),
    station: label('辅导站', 'Station'),
    room: label('辅导室', 'Room'),
  } satisfies Labels<Office['level']>,
  /** Each language is named in itself, whatever the UI language. */
  languages: {
    'zh-CN': label('中文', '中文'),
    en: label('English', 'English'),
  } satisfies Labels<Locale>,
  syncBatchStatuses: {
    sealed: label('待回执', 'Awaiting receipt'),
    delivered: label('已送达', 'Delivered'),
  } satisfies Labels<SyncBatchSummary['status']>,
  auditTargets: {
    user: label('用户', 'User'),
    settings: label('设置', 'Settings'),
    office: label('办公场所', 'Office'),
    session: label('会话', 'Session'),
    audit: label('审计日志', 'Audit log'),
    case: label('案件', 'Case'),
    record: label('辅导记录', 'Counselling record'),
    dv_disclosure: label('家暴情况', 'Domestic violence'),
    referral: label('转介', 'Referral'),
    supervision: label('交办/转办/督办', 'Assign / transfer / supervise'),
    calendar: label('节假日安排', 'Holiday schedule'),
    sync: label('同步', 'Sync'),
  } satisfies Labels<AuditTargetKind>,
  auditActions: {
    'setup.completed': label('完成初始设置', 'Setup completed'),
    'auth.login': label('登录', 'Signed in'),
    'auth.login_failed': label('登录失败', 'Failed sign-in'),
    'auth.logout': label('退出登录', 'Signed out'),
    'auth.lock': label('锁定', 'Locked'),
    'auth.unlock': label('解锁', 'Unlocked'),
    'auth.password_changed': label('修改密码', 'Password changed'),
    'auth.recovery_used': label('使用恢复码', 'Recovery code used'),
    'auth.recovery_regenerated': label('重新生成恢复码', 'Recovery code regenerated'),
    'auth.recovery_confirmed': label('确认恢复码', 'Recovery code confirmed'),
    'user.created': label('添加用户', 'User added'),
    'user.disabled': label('停用用户', 'User disabled'),
    'user.enabled': label('启用用户', 'User enabled'),
    'user.password_reset': label('重置密码', 'Password reset'),
    'settings.updated': label('修改设置', 'Settings changed'),
    'audit.verified': label('校验审计日志', 'Audit log verified'),
    'case.created': label('新建案件', 'Case created'),
    'case.viewed': label('查看案件', 'Case viewed'),
    'case.updated': label('修改案件', 'Case changed'),
    'case.consent_recorded': label('记录单独同意', 'Consent recorded'),
    'case.status_changed': label('登记状态变更', 'Registration status changed'),
    'case.records_viewed': label('查看辅导记录', 'Counselling records viewed'),
    'case.printed': label('打印案件摘要', 'Case summary printed'),
    'record.draft_saved': label('保存辅导记录草稿', 'Record draft saved'),
    'record.signed': label('签署辅导记录', 'Record signed'),
    'record.addendum_added': label('添加补充说明', 'Addendum added'),
    'record.printed': label('打印辅导记录表', 'Record form printed'),
    'calendar.updated': label('修改节假日安排', 'Holiday schedule changed'),
    'dv.created': label('登记家暴情况', 'Domestic violence recorded'),
    'dv.updated': label('修改家暴情况', 'Domestic violence record changed'),
    'dv.viewed': label('查看家暴情况', 'Domestic violence viewed'),
    'dv.mandatory_report_recorded': label('记录强制报告', 'Mandatory report recorded'),
    'referral.created': label('新建转介', 'Referral created'),
    'referral.status_changed': label('转介状态变更', 'Referral status changed'),
    'referral.letter_printed': label('打印转介函', 'Referral letter printed'),
    'supervision.created': label('交办/转办/督办', 'Assign / transfer / supervise'),
    'supervision.completed': label('办结事项', 'Item completed'),
    'supervision.cancelled': label('撤销事项', 'Item withdrawn'),
    'sync.enrolled': label('注册到县服务器', 'Enrolled with the county server'),
    'sync.settings_updated': label('修改同步设置', 'Sync settings changed'),
    'sync.epoch_started': label(
      '开始新的同步批次序列（检测到从备份恢复）',
      'New sync epoch (restored backup detected)',
    ),
    'sync.usb_exported': label('导出同步数据到 U 盘', 'Sync data exported to USB'),
  } satisfies Labels<AuditAction>,
};
