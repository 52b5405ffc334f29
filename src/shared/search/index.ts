export { searchContract, SearchIndexBuildSchema } from './contract';
export type { SearchHit, SearchIndexBuild, SearchMatchField } from './contract';
export { phraseMatches, planSearch } from './query';
export type { Phrase, SearchPlan } from './query';
export { edgeNgrams, normalizeSearchText, searchTokens, toIndexText } from './tokenize';
