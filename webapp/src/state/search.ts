import type { Page, SearchHit } from '../api/types';

/** The contract refuses an empty `q` and one over 200 characters. */
export const MAX_SEARCH_QUERY = 200;

/** The message search of the conversations screen: the shown query, its hits so far and the next page. */
export interface SearchState {
  query: string;
  conversationId: string | null;
  hits: readonly SearchHit[];
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'loadingMore' | 'done' | 'error';
  error: string | null;
  /** The request whose answer counts; answers of superseded requests are dropped. */
  request: number;
}

export const idleSearch: SearchState = { query: '', conversationId: null, hits: [], nextCursor: null, status: 'idle', error: null, request: 0 };

/** Why a query is not sent (the message to show), or null when it may be. */
export function queryProblem(query: string): string | null {
  const q = query.trim();
  if (q.length === 0) return 'Type something to search for.';
  if (Array.from(q).length > MAX_SEARCH_QUERY) return `A search is at most ${MAX_SEARCH_QUERY} characters.`;
  return null;
}

/** A new search replaces the shown results; the answer of any earlier request is dropped. */
export function searchStarted(state: SearchState, query: string, conversationId: string | null): SearchState {
  return { query: query.trim(), conversationId, hits: [], nextCursor: null, status: 'loading', error: null, request: state.request + 1 };
}

/** "More" (also after a failed page): the next page of the shown search; null when there is none or a request is under way. */
export function moreStarted(state: SearchState): SearchState | null {
  if (!state.nextCursor || (state.status !== 'done' && state.status !== 'error')) return null;
  return { ...state, status: 'loadingMore', error: null, request: state.request + 1 };
}

/** A page of the current request: the first replaces, a later one appends (a hit seen already is not repeated). */
export function pageArrived(state: SearchState, request: number, page: Page<SearchHit>): SearchState {
  if (request !== state.request) return state;
  const seen = new Set(state.hits.map((h) => h.message.id));
  const hits = state.status === 'loadingMore' ? [...state.hits, ...page.items.filter((h) => !seen.has(h.message.id))] : page.items;
  return { ...state, hits, nextCursor: page.nextCursor, status: 'done', error: null };
}

/** A failed request keeps what was shown and says why (the problem's detail). */
export function searchFailed(state: SearchState, request: number, message: string): SearchState {
  if (request !== state.request) return state;
  return { ...state, status: 'error', error: message, nextCursor: state.status === 'loadingMore' ? state.nextCursor : null };
}
