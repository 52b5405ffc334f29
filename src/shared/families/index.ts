export { familiesContract } from './contract';
export {
  FAMILY_STATUSES,
  FamilyCreateSchema,
  HELP_LINK_KINDS,
  HELP_LINK_STATUSES,
  HelpLinkSaveSchema,
  MEMBER_KINDS,
  MemberInputSchema,
  MemberSaveSchema,
} from './schemas';
export type {
  FamilyCreate,
  FamilyDetail,
  FamilyListFilter,
  FamilyStatus,
  FamilySummary,
  FamilyUpdate,
  HelpLink,
  HelpLinkKind,
  HelpLinkSave,
  HelpLinkStatus,
  Member,
  MemberInput,
  MemberKind,
  MemberSave,
} from './schemas';
