export { eventsHandlers } from './handlers';
export { renderSignInSheet, signInRowCount } from './print/sign-in-sheet';
export { signInSheetView } from './events.service';
export type { SignInSheetView } from './events.service';
export type { EventsTables } from './events.table';
