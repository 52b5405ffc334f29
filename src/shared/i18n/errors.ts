import type { ErrorCode, ErrorMeta } from '../errors';
import type { Locale } from '../schemas/settings';

/** Localized, plain-language messages per stable error code. `{name}` is filled from the error's meta. */
export const errorMessages: Record<Locale, Record<ErrorCode, string>> = {
  'zh-CN': {
    VALIDATION: '填写的内容有误，请检查标红的项目。',
    INTERNAL: '程序出现意外错误，操作没有完成，数据未改变。请重试；如果反复出现，请联系技术支持。',
    BAD_SENDER: '请求来源不可信，已拒绝。',
    UNKNOWN_CHANNEL: '不支持的操作。',
    SETUP_REQUIRED: '工作台尚未完成初始设置。',
    ALREADY_SET_UP: '工作台已经完成初始设置，不能重复设置。',
    LOCKED: '工作台已锁定，请先登录。',
    FORBIDDEN: '您的角色没有执行此操作的权限。',
    PASSWORD_CHANGE_REQUIRED: '请先修改临时密码。',
    BAD_CREDENTIALS: '用户名或密码不正确。',
    LOGIN_THROTTLED: '密码错误次数过多，请 {seconds} 秒后再试。',
    USER_DISABLED: '该账户已停用，请联系管理员。',
    WRONG_PASSWORD: '当前密码不正确。',
    WEAK_PASSWORD: '密码太短，至少需要 8 个字符。',
    PASSWORD_REUSED: '新密码不能与当前密码相同。',
    USERNAME_TAKEN: '该用户名已被使用，请换一个。',
    USER_NOT_FOUND: '找不到该用户。',
    CANNOT_DISABLE_SELF: '不能停用自己正在使用的账户。',
    LAST_ADMIN: '这是最后一个可用的管理员账户，不能停用。',
    BAD_RECOVERY_CODE: '恢复码或管理员用户名不正确。',
    RECOVERY_CONFIRM_MISMATCH: '输入的内容与恢复码第 {group} 组不一致，请对照抄写的恢复码重新输入。',
    RECOVERY_NOT_PENDING: '没有等待确认的恢复码。如果没有抄下恢复码，请重新生成一个。',
    DB_NEWER_THAN_APP:
      '数据文件由更新版本的工作台创建（版本 {found}，本程序支持到 {supported}）。请升级工作台后再打开。',
    STORE_CORRUPT: '数据文件已损坏或不完整，无法打开。请从备份恢复，或联系技术支持。',
    WRONG_KEY: '无法解密数据文件：密钥不正确。',
  },
  en: {
    VALIDATION: 'Some fields are not valid; please check the highlighted items.',
    INTERNAL: 'An unexpected error stopped the operation; nothing was changed. Please try again.',
    BAD_SENDER: 'The request came from an untrusted source and was refused.',
    UNKNOWN_CHANNEL: 'Unsupported operation.',
    SETUP_REQUIRED: 'The desk has not been set up yet.',
    ALREADY_SET_UP: 'The desk is already set up.',
    LOCKED: 'The desk is locked; please sign in.',
    FORBIDDEN: 'Your role is not allowed to do this.',
    PASSWORD_CHANGE_REQUIRED: 'Please change your temporary password first.',
    BAD_CREDENTIALS: 'Wrong user name or password.',
    LOGIN_THROTTLED: 'Too many wrong passwords; try again in {seconds} seconds.',
    USER_DISABLED: 'This account is disabled; contact the administrator.',
    WRONG_PASSWORD: 'The current password is wrong.',
    WEAK_PASSWORD: 'The password is too short: at least 8 characters.',
    PASSWORD_REUSED: 'The new password must differ from the current one.',
    USERNAME_TAKEN: 'That user name is taken; choose another.',
    USER_NOT_FOUND: 'User not found.',
    CANNOT_DISABLE_SELF: 'You cannot disable the account you are using.',
    LAST_ADMIN: 'This is the last active administrator and cannot be disabled.',
    BAD_RECOVERY_CODE: 'The recovery code or administrator user name is wrong.',
    RECOVERY_CONFIRM_MISMATCH: 'That does not match group {group} of the recovery code.',
    RECOVERY_NOT_PENDING:
      'No recovery code is waiting for confirmation; generate a new one if you did not write it down.',
    DB_NEWER_THAN_APP:
      'The data file was written by a newer version (schema {found}; this version supports {supported}). Please upgrade.',
    STORE_CORRUPT: 'The data file is damaged or incomplete and cannot be opened. Restore from a backup.',
    WRONG_KEY: 'The data file cannot be decrypted: wrong key.',
  },
};

export function localizeError(locale: Locale, code: ErrorCode, meta: ErrorMeta = {}): string {
  return errorMessages[locale][code].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in meta ? String(meta[name]) : whole,
  );
}
