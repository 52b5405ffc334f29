import type { SupervisionKind, SupervisionStatus } from '../../supervision';
import { label, type Labels } from './label';

/* 交办 / 转办 / 督办. */

export const supervisionLabels = {
  supervisionKinds: {
    assign: label('交办', 'Assign'),
    transfer: label('转办', 'Transfer'),
    supervise: label('督办', 'Supervise'),
  } satisfies Labels<SupervisionKind>,
  supervisionStatuses: {
    open: label('办理中', 'Open'),
    done: label('已办结', 'Done'),
    cancelled: label('已撤销', 'Cancelled'),
  } satisfies Labels<SupervisionStatus>,
};
