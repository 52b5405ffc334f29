import type { EventType } from '../../events';
import { label, type Labels } from './label';

/* Outreach events (活动), counted in 场次 / 人次. */

export const eventsLabels = {
  eventTypes: {
    premarital_training: label('婚前辅导培训', 'Pre-marital training'),
    happiness_class: label('幸福课堂', 'Happiness class'),
    civil_code_promotion: label('民法典宣传', 'Civil Code outreach'),
    online_course: label('云辅导课程', 'Online course'),
    other: label('其他活动', 'Other'),
  } satisfies Labels<EventType>,
};
