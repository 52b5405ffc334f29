import type { ArchiveDifference, ArchiveOmission, ArchivePhase, ImportCaseState } from '../../archive';
import { label, type Labels } from './label';

/* Case archives (导出 / 导入): how an imported case stands, where it differs, what an export leaves out. */

export const archiveLabels = {
  importCaseStates: {
    new: label('新增', 'New'),
    same: label('相同', 'Same'),
    archive_newer: label('导入的较新', 'Archive is newer'),
    local_newer: label('本机较新', 'This desk is newer'),
    diverged: label('双方都有改动', 'Changed on both'),
  } satisfies Labels<ImportCaseState>,
  archiveDifferences: {
    case: label('案件信息', 'Case details'),
    parties: label('当事人', 'Parties'),
    records: label('辅导记录', 'Counselling records'),
    addenda: label('补充说明', 'Addenda'),
    referrals: label('转介', 'Referrals'),
    supervision: label('交办/转办/督办', 'Assign / transfer / supervise'),
    dvDisclosures: label('家暴情况', 'Domestic violence'),
    family: label('家庭档案', 'Family archive'),
    familyMembers: label('家庭成员', 'Family members'),
    helpLinks: label('一果一联', 'Help links'),
    followupPlans: label('回访计划', 'Follow-up plans'),
    followupVisits: label('回访', 'Follow-up visits'),
  } satisfies Labels<ArchiveDifference>,
  archiveOmissions: {
    dvDisclosures: label('家暴披露', 'DV disclosures'),
    dvReferrals: label('与家暴披露关联的转介', 'Referrals linked to a DV disclosure'),
  } satisfies Labels<ArchiveOmission['what']>,
  archiveOmissionReasons: {
    role: label('您的角色无权查看', 'your role may not see them'),
  } satisfies Labels<ArchiveOmission['reason']>,
  archivePhases: {
    collecting: label('正在收集案件', 'Collecting cases'),
    writing: label('正在加密写入', 'Encrypting and writing'),
    verifying: label('正在读回校验', 'Reading back to verify'),
    reading: label('正在读取案卷', 'Reading the archive'),
    applying: label('正在导入', 'Importing'),
  } satisfies Labels<ArchivePhase>,
};
