import type { ErrorCode, ErrorMeta } from '../errors';
import type { Locale } from '../settings';

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
    WEAK_PASSWORD:
      '密码太容易被猜到：至少 8 个字符，不要用常见密码、键盘顺序、重复字符、日期、姓名拼音或用户名。建议用几个不相关的词加数字，例如“蓝色 书包 跑步 73”。',
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
    DATA_DIR_IN_USE:
      '这个数据目录正被另一个工作台程序使用（桌面程序或浏览器版）。请先关闭另一个程序，再启动本程序。',
    CASE_NOT_FOUND: '找不到该案件，或您没有查看它的权限。',
    RECORD_NOT_FOUND: '找不到该辅导记录。',
    RECORD_SIGNED: '该辅导记录已签署锁定，不能修改，只能添加补充说明。',
    RECORD_AUTHOR_ONLY: '只有记录的撰写人或中心主任可以修改或签署这份草稿。',
    RECORD_STALE:
      '这份辅导记录已在别处被修改（另一个窗口或另一位同事），您的修改没有保存。请复制您刚写的内容，重新载入记录后再合并。',
    CONSENT_REQUIRED:
      '当事人尚未单独同意处理敏感个人信息，案件只能保存最少的信息（{field}）。请先记录单独同意。',
    ID_NUMBER_LENGTH: '身份证号码应为 18 位（现在是 {length} 位）。',
    ID_NUMBER_CHARACTERS: '身份证号码只能是数字，最后一位可以是 X。',
    ID_NUMBER_BIRTH_DATE: '身份证号码中的出生日期（第 7–14 位）不是有效日期。',
    ID_NUMBER_CHECKSUM: '身份证号码校验位不正确：最后一位应为 {expected}，请核对是否抄错。',
    ID_BIRTHDATE_MISMATCH: '填写的出生日期与身份证号码中的出生日期（{expected}）不一致。',
    ID_SEX_MISMATCH: '填写的性别与身份证号码第 17 位表示的性别不一致。',
    INVALID_TRANSITION: '当前状态下不能进行此操作。',
    WITHDRAWAL_WINDOW_CLOSED: '撤回期限已过（截止 {deadline}），不能再办理撤回。',
    DV_NOT_FOUND: '找不到该家暴情况记录，或您没有查看它的权限。',
    REFERRAL_NOT_FOUND: '找不到该转介。',
    CONSENT_REASON_REQUIRED: '未经当事人同意的转介，必须填写理由。',
    SUPERVISION_NOT_FOUND: '找不到该交办/转办/督办事项。',
    HOLIDAY_TABLE_INVALID: '节假日表有误：{problem}',
    PRINT_FAILED: '生成 PDF 失败，请重试。',
    SYNC_NOT_ENROLLED: '本工作台尚未注册到县服务器。请管理员在“设置 → 同步”中输入县中心提供的注册码。',
    SYNC_ALREADY_ENROLLED: '本工作台已经注册到县服务器，不能重复注册。',
    SYNC_ENROLMENT_CODE_INVALID:
      '这不是有效的注册码。请完整复制县中心提供的注册码（以 CDENROL1. 开头）后重试。',
    SYNC_ENROLMENT_REFUSED: '县服务器拒绝了这个注册码：它可能已经用过或已过期。请联系县中心重新生成一个。',
    SYNC_UNREACHABLE: '无法连接县服务器。请检查网络；数据已安全保存在本机，联网后会自动补传。',
    SYNC_CERTIFICATE_MISMATCH:
      '县服务器的证书与注册时记录的不一致，为安全起见已停止同步。请电话联系县中心核对，不要继续尝试。',
    SYNC_CLOCK_SKEW: '本机时钟与县服务器相差约 {minutes} 分钟。请校准电脑的日期和时间后再同步。',
    SYNC_DEVICE_UNKNOWN: '县服务器不认识本工作台（可能已被注销）。请联系县中心。',
    SYNC_DEVICE_REVOKED:
      '县中心已注销本工作台，县服务器不再接收它的数据。本机数据不受影响；如需恢复同步，请联系县中心重新注册。',
    SYNC_COUNTY_KEY_CHANGED: '县服务器的加密密钥与注册时不一致，已停止同步。请电话联系县中心核对。',
    SYNC_REJECTED: '县服务器拒收了一批数据（{reason}）。数据仍保存在本机，请联系技术支持。',
    SYNC_RATE_LIMITED: '县服务器正忙，稍后会自动重试。',
    SYNC_FOLDER_UNAVAILABLE:
      '无法读写所选文件夹（U 盘可能已拔出或只读）。请重新插好后再试，已写入的内容不受影响。',
    SYNC_KEY_CORRUPT: '本机保存的同步密钥已损坏，同步已停止。本机数据不受影响，请联系技术支持。',
    ARCHIVE_BUSY: '另一项案卷导出或导入正在进行，请等它完成后再试。',
    ARCHIVE_EMPTY_SELECTION: '所选范围内没有您可以导出的案件。',
    ARCHIVE_PASSPHRASE_MISMATCH: '两次输入的口令不一致，请重新输入。',
    ARCHIVE_WEAK_PASSPHRASE:
      '口令太容易被猜到：至少 8 个字符，不要用常见密码、键盘顺序、重复字符、日期或姓名拼音。建议用几个不相关的词加数字。',
    ARCHIVE_CANCELLED: '操作已取消，工作台上的数据没有改变。',
    ARCHIVE_FOLDER_UNAVAILABLE:
      '无法写入所选文件夹（U 盘可能已拔出、只读或不存在）。没有留下案卷文件，工作台上的数据没有改变。请插好 U 盘后重试。',
    ARCHIVE_DISK_FULL:
      '所选位置空间不足（U 盘已满），案卷没有写完。没有留下不完整的文件，工作台上的数据没有改变。请腾出空间或换一个 U 盘后重试。',
    ARCHIVE_WRITE_FAILED:
      '写入案卷文件失败（写入后读回校验不一致，或 U 盘中途被拔出）。没有留下不完整的文件，工作台上的数据没有改变。请重试。',
    ARCHIVE_CASES_CHANGING:
      '导出期间这些案件一直在被同事修改，未能取得一致的副本。没有留下任何文件，工作台上的数据没有改变。请稍后再导出。',
    LEDGER_FOLDER_UNAVAILABLE:
      '无法写入所选文件夹（U 盘可能已拔出、只读或不存在）。没有留下工作台账文件，请换一个文件夹或插好 U 盘后重试。',
    LEDGER_DISK_FULL:
      '所选位置空间不足，工作台账没有写完。没有留下不完整的文件，请腾出空间或换一个位置后重试。',
    LEDGER_WRITE_FAILED: '写入工作台账文件失败，没有留下不完整的文件。请重试。',
    ARCHIVE_NOT_ARCHIVE: '所选文件不是本工作台导出的案卷文件。',
    ARCHIVE_NEWER_FORMAT: '这个案卷文件由更新版本的工作台导出，本程序无法读取。请升级工作台后再导入。',
    ARCHIVE_IS_BACKUP: '所选文件是工作台备份，不是案卷。恢复备份请到“设置 → 备份”。',
    ARCHIVE_FILE_UNAVAILABLE:
      '无法读取案卷文件（U 盘可能已拔出）。什么也没有导入，请插好 U 盘后重新选择文件。',
    ARCHIVE_NO_IMPORT_CHOSEN: '请先选择要导入的案卷文件。',
    STATISTICS_SNAPSHOT_NOT_FOUND: '找不到这份已报送的报表。',
    ARCHIVE_WRONG_PASSPHRASE: '口令不正确，无法打开这个案卷。请向导出人核对口令。什么也没有导入。',
    ARCHIVE_DAMAGED: '案卷文件已损坏或被改动过，无法通过校验。什么也没有导入。请让对方重新导出。',
    ARCHIVE_TRUNCATED: '案卷文件不完整（可能没有复制完）。什么也没有导入。请重新复制文件后再试。',
    ARCHIVE_CONTENT_INVALID: '案卷内容不符合格式（{table}），无法导入。什么也没有导入。请联系技术支持。',
    ARCHIVE_NOT_READ: '请先输入口令读取案卷，再确认导入。',
    ARCHIVE_REPLACE_NOT_NEWER: '只有案卷中的版本比本机新的案件才能替换本机的案件。',
    ARCHIVE_CHANGED_SINCE_READ:
      '读取案卷后，本机的案件又有了改动。请重新读取案卷，核对后再导入。什么也没有导入。',
    ARCHIVE_REVIEW_NOT_FOUND: '找不到该待核对事项。',
    BACKUP_BUSY: '另一项备份或恢复正在进行，请等它完成后再试。',
    BACKUP_CANCELLED: '已取消，没有留下备份文件，工作台上的数据没有改变。',
    BACKUP_FOLDER_UNAVAILABLE:
      '无法写入所选文件夹（U 盘可能已拔出、只读或不存在）。没有留下备份文件，请插好 U 盘后重试。',
    BACKUP_DISK_FULL:
      '空间不足，备份没有写完。没有留下不完整的文件，工作台上的数据没有改变。请腾出空间或换一个 U 盘后重试。',
    BACKUP_WRITE_FAILED: '写入备份失败（读回校验不一致，或 U 盘中途被拔出）。没有留下不完整的文件，请重试。',
    BACKUP_SNAPSHOT_FAILED:
      '无法读取工作台数据来制作备份，工作台上的数据没有改变。请稍后重试；如果反复出现，请联系技术支持。',
    BACKUP_BEFORE_MIGRATION_FAILED:
      '升级数据库之前必须先做一次备份，但备份没有成功（磁盘空间可能不足）。数据库没有升级，也没有改变。请腾出磁盘空间后重新登录。',
    BACKUP_NO_FILE_CHOSEN: '请先选择要恢复的备份文件。',
    BACKUP_NOT_FOUND: '找不到这个备份文件，它可能已被轮换删除。请刷新列表后重试。',
    BACKUP_FILE_UNAVAILABLE:
      '无法读取备份文件（U 盘可能已拔出）。什么也没有恢复，请插好 U 盘后重新选择文件。',
    BACKUP_NOT_BACKUP: '所选文件不是本工作台的备份文件。什么也没有恢复。',
    BACKUP_NEWER_FORMAT:
      '这个备份由更新版本的工作台制作，本程序无法读取。请升级工作台后再恢复。什么也没有恢复。',
    BACKUP_BAD_CREDENTIALS:
      '用户名和密码（或恢复码）打不开这个备份。请使用制作备份时有效的账户密码或恢复码——之后修改过的密码不能用。什么也没有恢复。',
    BACKUP_DAMAGED: '备份文件已损坏或被改动过，无法通过校验。什么也没有恢复，当前数据保持不变。',
    BACKUP_TRUNCATED: '备份文件不完整（可能没有复制完）。什么也没有恢复，当前数据保持不变。',
    BACKUP_INTEGRITY_FAILED: '备份中的数据库没有通过完整性检查，不能恢复。什么也没有恢复，当前数据保持不变。',
    BACKUP_NEWER_SCHEMA:
      '这个备份的数据库版本（{found}）比本程序支持的（{supported}）新，不能恢复。请升级工作台后再试。什么也没有恢复。',
    BACKUP_RESTORE_FAILED:
      '恢复没有完成，已退回到恢复前的数据，什么也没有改变。请重试；如果反复出现，请联系技术支持。',
    VOLUNTEER_NOT_FOUND: '找不到该志愿者。',
    VOLUNTEER_NOT_ELIGIBLE: '该志愿者不能被指派：需要在岗，并已签署保密承诺书。',
    VOLUNTEER_HAS_OPEN_VISITS: '该志愿者还有 {count} 次未完成的回访，请先改派给其他志愿者。',
    VOLUNTEER_ACCOUNT_TAKEN: '该账户已关联到另一位志愿者。',
    VOLUNTEER_ACCOUNT_INVALID: '只能关联角色为“志愿者”的可用账户。',
    FAMILY_NOT_FOUND: '找不到该家庭档案，或您没有查看它的权限。',
    FAMILY_NEEDS_RESULT: '案件还没有已签署的辅导结果，暂不能建立家庭档案。',
    FAMILY_CLOSED: '该家庭档案已结档，不能修改。',
    CASE_IN_OTHER_FAMILY: '该案件已归入另一个家庭档案。',
    PLAN_NOT_FOUND: '找不到该回访计划。',
    NO_FOLLOW_UP_RULE: '按当前的回访规则，这个家庭不需要回访计划（可在设置中修改规则）。',
    PLAN_ALREADY_OPEN: '该家庭已有进行中的回访计划。',
    PLAN_NOT_ACTIVE: '回访计划已暂停或已结束，请先恢复计划。',
    VISIT_NOT_FOUND: '找不到该回访，或它没有指派给您。',
    VISIT_NOT_OPEN: '这次回访已经完成或已取消。',
    EVENT_NOT_FOUND: '找不到该活动。',
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
    WEAK_PASSWORD:
      'This password is too easy to guess: use at least 8 characters and no common password, keyboard run, repeated characters, date, name or user name. A few unrelated words with a number work well.',
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
    DATA_DIR_IN_USE:
      'This data directory is in use by another CounselDesk program (the desktop app or the browser version). Close it first, then start this one.',
    CASE_NOT_FOUND: 'Case not found, or you may not see it.',
    RECORD_NOT_FOUND: 'Counselling record not found.',
    RECORD_SIGNED: 'This record is signed and locked; only a dated addendum can be added.',
    RECORD_AUTHOR_ONLY: 'Only the author of this draft or a director may edit or sign it.',
    RECORD_STALE:
      'This record was changed elsewhere (another window or a colleague); your change was not saved. Copy what you wrote, reload the record, then merge.',
    CONSENT_REQUIRED:
      'Separate consent for sensitive information has not been recorded, so the case may hold only minimal data ({field}).',
    ID_NUMBER_LENGTH: 'A resident ID number has 18 characters (this one has {length}).',
    ID_NUMBER_CHARACTERS: 'A resident ID number is digits only; the last may be X.',
    ID_NUMBER_BIRTH_DATE: 'The birth date in the ID number (characters 7–14) is not a real date.',
    ID_NUMBER_CHECKSUM:
      'The check character is wrong: the last character should be {expected}. Please check for a typo.',
    ID_BIRTHDATE_MISMATCH: 'The birth date does not match the one in the ID number ({expected}).',
    ID_SEX_MISMATCH: 'The sex does not match the ID number (17th digit).',
    INVALID_TRANSITION: 'This change is not allowed in the current status.',
    WITHDRAWAL_WINDOW_CLOSED:
      'The withdrawal period ended on {deadline}; the application can no longer be withdrawn.',
    DV_NOT_FOUND: 'Domestic-violence disclosure not found, or you may not see it.',
    REFERRAL_NOT_FOUND: 'Referral not found.',
    CONSENT_REASON_REQUIRED: 'A referral without consent needs a written reason.',
    SUPERVISION_NOT_FOUND: 'Supervision item not found.',
    HOLIDAY_TABLE_INVALID: 'The holiday table is not valid: {problem}',
    PRINT_FAILED: 'Could not produce the PDF; please try again.',
    SYNC_NOT_ENROLLED:
      'This desk is not enrolled with the county server yet. An administrator enters the code from the county under Settings → Sync.',
    SYNC_ALREADY_ENROLLED: 'This desk is already enrolled with the county server.',
    SYNC_ENROLMENT_CODE_INVALID:
      'This is not a valid enrolment code. Copy the whole code from the county (it starts with CDENROL1.) and try again.',
    SYNC_ENROLMENT_REFUSED:
      'The county server refused this enrolment code: it may have been used or have expired. Ask the county for a new one.',
    SYNC_UNREACHABLE:
      'Cannot reach the county server. Check the network; the data is safe on this desk and will be sent when it is back.',
    SYNC_CERTIFICATE_MISMATCH:
      "The county server's certificate differs from the one recorded at enrolment, so sync stopped. Call the county to check; do not keep retrying.",
    SYNC_CLOCK_SKEW:
      "This computer's clock differs from the county server by about {minutes} minutes. Correct the date and time, then sync again.",
    SYNC_DEVICE_UNKNOWN:
      'The county server does not know this desk (it may have been removed). Contact the county.',
    SYNC_DEVICE_REVOKED:
      'The county has revoked this desk, so its server no longer accepts data from it. The data on this computer is unaffected; contact the county to enrol again.',
    SYNC_COUNTY_KEY_CHANGED:
      "The county server's encryption key differs from the one recorded at enrolment, so sync stopped. Call the county to check.",
    SYNC_REJECTED:
      'The county server refused a batch ({reason}). The data is still on this desk; please contact support.',
    SYNC_RATE_LIMITED: 'The county server is busy; sync will retry by itself shortly.',
    SYNC_FOLDER_UNAVAILABLE:
      'Cannot read or write the chosen folder (the USB stick may have been removed or be read-only). Reinsert it and try again; what was already written is unaffected.',
    SYNC_KEY_CORRUPT:
      'A sync key stored on this desk is damaged, so sync stopped. The data on this desk is unaffected; please contact support.',
    ARCHIVE_BUSY: 'Another case-archive export or import is running; wait for it to finish, then try again.',
    ARCHIVE_EMPTY_SELECTION: 'There are no cases you may export in this selection.',
    ARCHIVE_PASSPHRASE_MISMATCH: 'The two passphrases differ; please type them again.',
    ARCHIVE_WEAK_PASSPHRASE:
      'This passphrase is too easy to guess: use at least 8 characters and no common password, keyboard run, repeated characters, date or name. A few unrelated words with a number work well.',
    ARCHIVE_CANCELLED: 'Cancelled; nothing on this desk changed.',
    ARCHIVE_FOLDER_UNAVAILABLE:
      'Cannot write to the chosen folder (the USB stick may have been removed, be read-only or missing). No archive file was left and nothing on this desk changed. Reinsert the stick and try again.',
    ARCHIVE_DISK_FULL:
      'The chosen place is full (the USB stick has no room), so the archive was not finished. No incomplete file was left and nothing on this desk changed. Free some space or use another stick.',
    ARCHIVE_WRITE_FAILED:
      'Writing the archive failed (the read-back check did not match, or the stick was removed). No incomplete file was left and nothing on this desk changed. Please try again.',
    ARCHIVE_CASES_CHANGING:
      'These cases kept being changed by colleagues during the export, so no consistent copy could be taken. No file was left and nothing on this desk changed. Please export again a little later.',
    LEDGER_FOLDER_UNAVAILABLE:
      'Cannot write to the chosen folder (the USB stick may have been removed, be read-only or missing). No ledger file was left; choose another folder or reinsert the stick and try again.',
    LEDGER_DISK_FULL:
      'The chosen place is full, so the ledger was not finished. No incomplete file was left; free some space or choose another place.',
    LEDGER_WRITE_FAILED: 'Writing the ledger file failed; no incomplete file was left. Please try again.',
    ARCHIVE_NOT_ARCHIVE: 'The chosen file is not a case archive exported by CounselDesk.',
    ARCHIVE_NEWER_FORMAT:
      'This case archive was exported by a newer version of CounselDesk and cannot be read here. Upgrade this desk, then import it.',
    ARCHIVE_IS_BACKUP:
      'The chosen file is a desk backup, not a case archive. Restore backups under Settings → Backup.',
    ARCHIVE_FILE_UNAVAILABLE:
      'The archive file cannot be read (the USB stick may have been removed). Nothing was imported; reinsert the stick and choose the file again.',
    ARCHIVE_NO_IMPORT_CHOSEN: 'Choose a case archive to import first.',
    STATISTICS_SNAPSHOT_NOT_FOUND: 'This submitted report cannot be found.',
    ARCHIVE_WRONG_PASSPHRASE:
      'Wrong passphrase: the archive cannot be opened. Check the passphrase with whoever exported it. Nothing was imported.',
    ARCHIVE_DAMAGED:
      'The archive file is damaged or was altered and fails its check. Nothing was imported; ask for a new export.',
    ARCHIVE_TRUNCATED:
      'The archive file is incomplete (perhaps not fully copied). Nothing was imported; copy the file again.',
    ARCHIVE_CONTENT_INVALID:
      'The archive content does not match the format ({table}) and cannot be imported. Nothing was imported; please contact support.',
    ARCHIVE_NOT_READ: 'Read the archive with its passphrase first, then confirm the import.',
    ARCHIVE_REPLACE_NOT_NEWER:
      "Only cases whose archived copy is newer than this desk's may replace this desk's copy.",
    ARCHIVE_CHANGED_SINCE_READ:
      'Cases on this desk changed after the archive was read. Read the archive again and check before importing. Nothing was imported.',
    ARCHIVE_REVIEW_NOT_FOUND: 'Review item not found.',
    BACKUP_BUSY: 'Another backup or restore is running; wait for it to finish, then try again.',
    BACKUP_CANCELLED: 'Cancelled: no backup file was left and nothing on this desk changed.',
    BACKUP_FOLDER_UNAVAILABLE:
      'Cannot write to the chosen folder (the USB stick may have been removed, be read-only or missing). No backup file was left; reinsert the stick and try again.',
    BACKUP_DISK_FULL:
      'Not enough space, so the backup was not finished. No incomplete file was left and nothing on this desk changed. Free some space or use another stick.',
    BACKUP_WRITE_FAILED:
      'Writing the backup failed (the read-back check did not match, or the stick was removed). No incomplete file was left; please try again.',
    BACKUP_SNAPSHOT_FAILED:
      "The desk's data could not be read for a backup; nothing on this desk changed. Try again later; if it keeps happening, contact support.",
    BACKUP_BEFORE_MIGRATION_FAILED:
      'The database must be backed up before it is upgraded, and the backup failed (the disk may be full). The database was neither upgraded nor changed. Free some disk space and sign in again.',
    BACKUP_NO_FILE_CHOSEN: 'Choose a backup file to restore first.',
    BACKUP_NOT_FOUND:
      'This backup file is gone (rotation may have removed it). Refresh the list and try again.',
    BACKUP_FILE_UNAVAILABLE:
      'The backup file cannot be read (the USB stick may have been removed). Nothing was restored; reinsert the stick and choose the file again.',
    BACKUP_NOT_BACKUP: 'The chosen file is not a CounselDesk backup. Nothing was restored.',
    BACKUP_NEWER_FORMAT:
      'This backup was made by a newer version of CounselDesk and cannot be read here. Upgrade this desk, then restore it. Nothing was restored.',
    BACKUP_BAD_CREDENTIALS:
      'This username and password (or recovery code) do not open this backup. Use an account password or the recovery code that was valid when the backup was made — a password changed later will not work. Nothing was restored.',
    BACKUP_DAMAGED:
      'The backup file is damaged or was altered and fails its check. Nothing was restored; the current data is unchanged.',
    BACKUP_TRUNCATED:
      'The backup file is incomplete (perhaps not fully copied). Nothing was restored; the current data is unchanged.',
    BACKUP_INTEGRITY_FAILED:
      'The database in this backup fails its integrity check and cannot be restored. Nothing was restored; the current data is unchanged.',
    BACKUP_NEWER_SCHEMA:
      "This backup's database version ({found}) is newer than this program supports ({supported}) and cannot be restored. Upgrade this desk, then try again. Nothing was restored.",
    BACKUP_RESTORE_FAILED:
      'The restore did not complete and the desk went back to its data from before; nothing changed. Try again; if it keeps happening, contact support.',
    VOLUNTEER_NOT_FOUND: 'Volunteer not found.',
    VOLUNTEER_NOT_ELIGIBLE:
      'This volunteer cannot be assigned: they must be active and have signed the confidentiality pledge.',
    VOLUNTEER_HAS_OPEN_VISITS:
      'This volunteer still has {count} open visits; assign them to someone else first.',
    VOLUNTEER_ACCOUNT_TAKEN: 'That account is already linked to another volunteer.',
    VOLUNTEER_ACCOUNT_INVALID: 'Only an enabled account with the volunteer role can be linked.',
    FAMILY_NOT_FOUND: 'Family archive not found, or you may not see it.',
    FAMILY_NEEDS_RESULT: 'The case has no signed counselling result yet, so no family archive can be opened.',
    FAMILY_CLOSED: 'This family archive is closed and cannot be changed.',
    CASE_IN_OTHER_FAMILY: 'This case already belongs to another family archive.',
    PLAN_NOT_FOUND: 'Follow-up plan not found.',
    NO_FOLLOW_UP_RULE:
      'Under the current follow-up rules this family needs no plan (the rules are in Settings).',
    PLAN_ALREADY_OPEN: 'This family already has a follow-up plan in progress.',
    PLAN_NOT_ACTIVE: 'The follow-up plan is paused or closed; resume it first.',
    VISIT_NOT_FOUND: 'Visit not found, or it is not assigned to you.',
    VISIT_NOT_OPEN: 'This visit is already done or cancelled.',
    EVENT_NOT_FOUND: 'Event not found.',
  },
};

/** What is wrong with an edited holiday table (HOLIDAY_TABLE_INVALID's meta.problem, with value and year). */
export const HOLIDAY_TABLE_PROBLEMS = ['not_a_date', 'outside_year', 'both', 'duplicate_year'] as const;
export type HolidayTableProblem = (typeof HOLIDAY_TABLE_PROBLEMS)[number];

const holidayTableProblems: Record<Locale, Record<HolidayTableProblem, string>> = {
  'zh-CN': {
    not_a_date: '{value} 不是有效日期',
    outside_year: '{value} 不在 {year} 年安排的范围内',
    both: '{value} 不能既是放假日又是调休上班日',
    duplicate_year: '{year} 年重复出现',
  },
  en: {
    not_a_date: '{value} is not a real date',
    outside_year: '{value} is outside the {year} schedule',
    both: '{value} cannot be both a day off and a make-up working day',
    duplicate_year: 'the year {year} appears twice',
  },
};

const fill = (template: string, meta: ErrorMeta): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in meta ? String(meta[name]) : whole));

/**
 * The meta as the user reads it: a problem code inside it (the holiday table's) becomes its sentence in the
 * desk's language. Anything else passes unchanged, so localizing twice changes nothing.
 */
export function localizeMeta(locale: Locale, code: ErrorCode, meta: ErrorMeta): ErrorMeta {
  const problem = meta['problem'];
  if (code !== 'HOLIDAY_TABLE_INVALID' || typeof problem !== 'string') return meta;
  if (!(HOLIDAY_TABLE_PROBLEMS as readonly string[]).includes(problem)) return meta;
  return { ...meta, problem: fill(holidayTableProblems[locale][problem as HolidayTableProblem], meta) };
}

export function localizeError(locale: Locale, code: ErrorCode, meta: ErrorMeta = {}): string {
  return fill(errorMessages[locale][code], localizeMeta(locale, code, meta));
}
