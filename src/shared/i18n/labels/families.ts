import type { FamilyStatus, HelpLinkKind, HelpLinkStatus, MemberKind } from '../../families';
import { label, type Labels } from './label';

/* Family archives (家庭档案) and their help links (一果一联). */

export const familiesLabels = {
  memberKinds: {
    spouse: label('夫妻一方', 'Spouse'),
    child: label('子女', 'Child'),
    elder: label('老人', 'Elder'),
    other: label('其他成员', 'Other'),
  } satisfies Labels<MemberKind>,
  familyStatuses: {
    open: label('跟踪中', 'Open'),
    closed: label('已结档', 'Closed'),
  } satisfies Labels<FamilyStatus>,
  helpLinkKinds: {
    contact: label('帮扶联系人', 'Help contact'),
    programme: label('帮扶项目', 'Help programme'),
  } satisfies Labels<HelpLinkKind>,
  helpLinkStatuses: {
    linked: label('已对接', 'Linked'),
    in_progress: label('帮扶中', 'In progress'),
    completed: label('已完成', 'Completed'),
    ended: label('已终止', 'Ended'),
  } satisfies Labels<HelpLinkStatus>,
};
