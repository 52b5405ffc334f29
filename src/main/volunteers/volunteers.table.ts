import type { Insertable, Selectable } from 'kysely';
import type { VolunteerProfession } from '../../shared/volunteers';
import type { Bool01, RemovableColumns } from '../db';

/* The volunteer roster (migration 0008). Dates of the office's calendar are 'YYYY-MM-DD' text. */

export interface VolunteersTable extends RemovableColumns {
  id: string;
  name: string;
  sex: 'male' | 'female' | null;
  phone: string | null;
  profession: VolunteerProfession;
  profession_other: string | null;
  qualified: Bool01;
  /** The confidentiality pledge's signing date; null: not signed (cannot be assigned). */
  pledge_signed_date: string | null;
  active: Bool01;
  /** Set while inactive. */
  inactive_reason: string | null;
  /** The desk account (role volunteer) of this profile; unique among living profiles. */
  user_id: string | null;
  notes: string | null;
  created_by: string;
}

export interface VolunteerCertificatesTable extends RemovableColumns {
  id: string;
  volunteer_id: string;
  name: string;
  number: string;
  expires_on: string | null;
}

export interface VolunteerTrainingsTable extends RemovableColumns {
  id: string;
  volunteer_id: string;
  date: string;
  topic: string;
  hours: number;
}

export interface VolunteerEvaluationsTable extends RemovableColumns {
  id: string;
  volunteer_id: string;
  date: string;
  score: number;
  evaluator: string;
  notes: string | null;
}

export interface VolunteersTables {
  volunteers: VolunteersTable;
  volunteer_certificates: VolunteerCertificatesTable;
  volunteer_trainings: VolunteerTrainingsTable;
  volunteer_evaluations: VolunteerEvaluationsTable;
}

export type VolunteerRow = Selectable<VolunteersTable>;
export type NewVolunteerRow = Insertable<VolunteersTable>;
export type CertificateRow = Selectable<VolunteerCertificatesTable>;
export type NewCertificateRow = Insertable<VolunteerCertificatesTable>;
export type TrainingRow = Selectable<VolunteerTrainingsTable>;
export type NewTrainingRow = Insertable<VolunteerTrainingsTable>;
export type EvaluationRow = Selectable<VolunteerEvaluationsTable>;
export type NewEvaluationRow = Insertable<VolunteerEvaluationsTable>;
