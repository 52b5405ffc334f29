import type {
  FollowUpFocus,
  MarriageStatus,
  PlanCloseCause,
  PlanStatus,
  QueueBucket,
  VisitQuestion,
  VisitStatus,
} from '../../followups';
import { label, type Labels } from './label';

/* Follow-up plans and visits (回访). The questions are printed in the visit packet. */

export const followupsLabels = {
  followUpFocuses: {
    marriage: label('关注婚姻关系', 'The marriage'),
    children_elderly: label('优先关注子女和老人', "Children's and elders' interests first"),
  } satisfies Labels<FollowUpFocus>,
  planStatuses: {
    active: label('进行中', 'Active'),
    paused: label('已暂停', 'Paused'),
    closed: label('已结束', 'Closed'),
  } satisfies Labels<PlanStatus>,
  planCloseCauses: {
    completed: label('回访全部完成', 'All visits done'),
    by_user: label('手动结束', 'Closed by a user'),
    family_closed: label('家庭档案已结档', 'Family archive closed'),
  } satisfies Labels<PlanCloseCause>,
  visitStatuses: {
    scheduled: label('待回访', 'Scheduled'),
    on_hold: label('暂停中', 'On hold'),
    done: label('已回访', 'Done'),
    cancelled: label('已取消', 'Cancelled'),
  } satisfies Labels<VisitStatus>,
  marriageStatuses: {
    stable: label('稳定', 'Stable'),
    improving: label('好转', 'Improving'),
    strained: label('紧张', 'Strained'),
    separated: label('分居', 'Separated'),
    divorced: label('已离婚', 'Divorced'),
  } satisfies Labels<MarriageStatus>,
  queueBuckets: {
    due_week: label('本周到期', 'Due this week'),
    overdue: label('已逾期', 'Overdue'),
    upcoming: label('以后', 'Later'),
    done: label('已完成', 'Done'),
  } satisfies Labels<QueueBucket>,
  visitQuestions: {
    marriage_relationship: label(
      '夫妻关系近况如何？和好或暂缓离婚后有哪些变化？',
      'How is the marriage now? What changed?',
    ),
    marriage_communication: label(
      '夫妻之间的沟通是否改善？',
      'Has communication between the spouses improved?',
    ),
    marriage_conflict: label(
      '近期是否有新的矛盾或冲突？如何处理的？',
      'Any new disputes lately? How were they handled?',
    ),
    children_general: label(
      '子女的生活、学习和情绪状况如何？',
      "How are the children's daily life, school and mood?",
    ),
    children_living: label(
      '子女现在和谁生活？生活、学习和情绪是否稳定？',
      'Who do the children live with? Are their life, school and mood stable?',
    ),
    children_contact: label(
      '不直接抚养的一方探望子女是否顺利？',
      'Do visits by the parent not living with them go smoothly?',
    ),
    children_support: label('抚养费是否按约定支付？', 'Is child support paid as agreed?'),
    elderly_care: label(
      '家中老人的赡养和照料是否有人负责？',
      'Who looks after the elderly, and is their care secure?',
    ),
    ex_partners_conflict: label(
      '双方之间是否仍有纠纷，是否影响子女和老人？',
      'Are there still disputes between the former spouses that affect the children or elderly?',
    ),
    help_needed: label('家庭目前最需要哪些帮助？', 'What help does the family need most now?'),
  } satisfies Labels<VisitQuestion>,
};
