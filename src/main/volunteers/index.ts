export { volunteersHandlers } from './handlers';
export type { VolunteersTables } from './volunteers.table';
