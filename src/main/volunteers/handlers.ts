import { localDateAt } from '../../shared/calendar';
import type { DomainHandlers } from '../dispatcher';
import { addCertificate, addEvaluation, addTraining, removeEntry } from './entries';
import {
  createVolunteer,
  getVolunteer,
  linkableAccounts,
  listVolunteers,
  removeVolunteer,
  setVolunteerActive,
  updateVolunteerProfile,
} from './volunteers.service';

export const volunteersHandlers = {
  'volunteers.list': (input, call) => listVolunteers(call.db, input, localDateAt(call.now)),
  'volunteers.get': (input, call) => getVolunteer(call.db, input.volunteerId, call.now),
  'volunteers.accounts': (input, call) => linkableAccounts(call.db, input.volunteerId),
  'volunteers.create': (input, call) => createVolunteer(call, input),
  'volunteers.update': (input, call) => updateVolunteerProfile(call, input),
  'volunteers.setActive': (input, call) => setVolunteerActive(call, input),
  'volunteers.remove': (input, call) => removeVolunteer(call, input),
  'volunteers.addCertificate': (input, call) => addCertificate(call, input),
  'volunteers.removeCertificate': (input, call) => removeEntry(call, 'volunteer_certificates', input),
  'volunteers.addTraining': (input, call) => addTraining(call, input),
  'volunteers.removeTraining': (input, call) => removeEntry(call, 'volunteer_trainings', input),
  'volunteers.addEvaluation': (input, call) => addEvaluation(call, input),
  'volunteers.removeEvaluation': (input, call) => removeEntry(call, 'volunteer_evaluations', input),
} satisfies DomainHandlers<'volunteers'>;
