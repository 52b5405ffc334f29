import { enLabels } from '../labels';
import type { Messages } from '../zh-CN';

/** English: 交办 / 转办 / 督办; keys mirror zh-CN/supervision.ts. */
export const supervisionEn: Pick<Messages, 'supervision'> = {
  supervision: {
    new_assign: enLabels.supervisionKinds.assign,
    new_transfer: enLabels.supervisionKinds.transfer,
    new_supervise: enLabels.supervisionKinds.supervise,
    intro_assign:
      'Give this case to a counsellor (now with {{name}}). The counsellor in charge changes at once.',
    intro_transfer:
      'Pass this case to another counsellor or another station (now with {{name}}). To a counsellor, the counsellor in charge changes at once.',
    intro_supervise: 'Set requirements and a deadline for this case (now with {{name}}).',
    transferTo: 'Transfer to',
    toCounsellor: 'A counsellor',
    toStation: 'Another station',
    station: 'Station name',
    toUser: 'New counsellor',
    supervised: 'Supervised person',
    dueDate: 'Due date',
    instructions: 'Instructions',
    submit_assign: 'Confirm assignment',
    submit_transfer: 'Confirm transfer',
    submit_supervise: 'Confirm supervision',
    created_assign: 'Assigned',
    created_transfer: 'Transferred',
    created_supervise: 'Supervision set',
    whoMay: 'Directors assign and supervise; the counsellor in charge may transfer this case.',
    empty: 'No assign, transfer or supervise items for this case.',
    fromUser: 'Previously with',
    createdBy: 'Started by',
    closedBy: 'Closed',
    overdue: 'Overdue',
    complete: 'Complete',
    cancel: 'Withdraw',
    closeIntro_complete: 'Confirm the item is done. You may note the outcome.',
    closeIntro_cancel: 'Withdraw the item. A counsellor change already made stays.',
    closed_complete: 'Completed',
    closed_cancel: 'Withdrawn',
    note: 'Note',
  },
};
