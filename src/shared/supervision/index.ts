export { supervisionContract } from './contract';
export { SupervisionKindSchema } from './schemas';
export type { SupervisionItem, SupervisionKind, SupervisionStatus } from './schemas';
