import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FamilyStatus } from '@shared/families';
import type { FollowUpFocus, PlanStatus } from '@shared/followups';

const FAMILY_COLOR: Record<FamilyStatus, string> = { open: 'processing', closed: 'default' };
const PLAN_COLOR: Record<PlanStatus, string> = { active: 'green', paused: 'gold', closed: 'default' };

/** 跟踪中 / 已结档. */
export function FamilyStatusTag({ status }: { status: FamilyStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={FAMILY_COLOR[status]} variant="filled">
      {t(`familyStatuses.${status}`)}
    </Tag>
  );
}

/** What the follow-up watches: the marriage, or the children's and elders' interests first. */
export function FocusTag({ focus }: { focus: FollowUpFocus }) {
  const { t } = useTranslation();
  return (
    <Tag color={focus === 'children_elderly' ? 'purple' : 'blue'} variant="outlined">
      {t(`followUpFocuses.${focus}`)}
    </Tag>
  );
}

/** 进行中 / 已暂停 / 已结束. */
export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={PLAN_COLOR[status]} variant="filled">
      {t(`planStatuses.${status}`)}
    </Tag>
  );
}
