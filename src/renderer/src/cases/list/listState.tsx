import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ChannelInput } from '@shared/contract';

export type CaseListInput = ChannelInput<'cases.list'>;

export const FIRST_PAGE = { page: 1, pageSize: 50 } as const;

interface CaseListState {
  filter: CaseListInput;
  setFilter: (next: CaseListInput | ((previous: CaseListInput) => CaseListInput)) => void;
  /** What is typed in the search box (names: kept in memory only, never in the URL or on disk). */
  query: string;
  setQuery: (query: string) => void;
}

const Context = createContext<CaseListState | null>(null);

/**
 * Remembers the case list's filters and search while the user opens a case and comes back. It lives in
 * the signed-in shell, so locking or signing out (which unmounts the shell) forgets it.
 */
export function CaseListStateProvider({ children }: { children: ReactNode }) {
  const [filter, setFilter] = useState<CaseListInput>({ ...FIRST_PAGE, sort: 'received_desc' });
  const [query, setQuery] = useState('');
  // A new value only when the list's state changes: the shell redraws on every sync poll, and a fresh
  // object each time would redraw the case list (every visible row) with it.
  const value = useMemo(() => ({ filter, setFilter, query, setQuery }), [filter, query]);
  return <Context value={value}>{children}</Context>;
}

export function useCaseListState(): CaseListState {
  const state = useContext(Context);
  if (!state) throw new Error('useCaseListState outside CaseListStateProvider');
  return state;
}
