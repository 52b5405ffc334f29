export { recordsContract } from './contract';
export { ChannelKindSchema, HalfDaySchema, SatisfactionSchema } from './schemas';
export type { ChannelKind, CounsellingRecord, HalfDay, RecordFields, Satisfaction } from './schemas';
