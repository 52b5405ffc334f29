export { volunteersHandlers } from './handlers';
export { findVolunteer, volunteerIdOfUser, volunteerNames } from './volunteers.repository';
export type { VolunteerRow, VolunteersTables } from './volunteers.table';
