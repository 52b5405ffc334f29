export { searchContract } from './contract';
export type { SearchHit, SearchMatchField } from './contract';
export { phraseMatches, planSearch } from './query';
export type { Phrase, SearchPlan } from './query';
export { edgeNgrams, normalizeSearchText, searchTokens, toIndexText } from './tokenize';
