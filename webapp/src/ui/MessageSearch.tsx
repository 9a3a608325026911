import { useRef, useState } from 'preact/hooks';
import { Api, ApiError } from '../api/client';
import type { Conversation, PublicProfile, SearchHit } from '../api/types';
import { idleSearch, moreStarted, pageArrived, queryProblem, searchFailed, searchStarted, type SearchState } from '../state/search';
import { Highlight } from './Highlight';

interface Props {
  api: Api;
  myId: string | null;
  conversations: Conversation[];
  profiles: Record<string, PublicProfile>;
  /** The open conversation, which "only this conversation" narrows the search to. */
  activeId: string | null;
  conversationName: (c: Conversation) => string;
  openHit: (hit: SearchHit) => void;
}

const PAGE = 20;

/** Full-text search over the user's conversations, newest first, a page at a time. */
export function MessageSearch({ api, myId, conversations, profiles, activeId, conversationName, openHit }: Props) {
  const [query, setQuery] = useState('');
  const [here, setHere] = useState(false);
  const [search, setSearchState] = useState<SearchState>(idleSearch);
  const latest = useRef<SearchState>(idleSearch);

  const set = (next: SearchState) => {
    latest.current = next;
    setSearchState(next);
  };

  const fetchPage = (state: SearchState) => {
    set(state);
    const request = state.request;
    api.searchMessages(state.query, { conversationId: state.conversationId, cursor: state.status === 'loadingMore' ? state.nextCursor : null, limit: PAGE })
      .then((page) => set(pageArrived(latest.current, request, page)))
      .catch((e) => set(searchFailed(latest.current, request, e instanceof ApiError ? e.message : 'Search failed.')));
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const problem = queryProblem(query);
    if (problem) return set({ ...searchStarted(latest.current, query, null), status: 'error', error: problem });
    fetchPage(searchStarted(latest.current, query, here && activeId ? activeId : null));
  };

  const more = () => {
    const next = moreStarted(latest.current);
    if (next) fetchPage(next);
  };

  const clear = () => {
    setQuery('');
    set({ ...idleSearch, request: latest.current.request + 1 });
  };

  const sender = (userId: string) => (userId === myId ? 'You' : profiles[userId]?.displayName || profiles[userId]?.username || 'Someone');
  const title = (hit: SearchHit) => {
    const known = conversations.find((c) => c.id === hit.message.conversationId);
    return hit.conversationTitle || (known ? conversationName(known) : 'Conversation');
  };

  return (
    <div class="message-search">
      <form id="message-search-form" role="search" onSubmit={submit}>
        <label for="message-search">Search messages</label>
        <div class="message-search-row">
          <input id="message-search" type="search" value={query} placeholder='Words, or "a phrase"' autoComplete="off"
            onInput={(e) => setQuery(e.currentTarget.value)} />
          <button type="submit" id="message-search-submit">Search</button>
        </div>
        {activeId && (
          <label class="checkbox">
            <input type="checkbox" id="message-search-here" checked={here} onChange={(e) => setHere(e.currentTarget.checked)} />
            Only this conversation
          </label>
        )}
      </form>
      {search.status !== 'idle' && (
        <section id="message-search-results" class="message-search-results" aria-label="Message search results" aria-busy={search.status === 'loading' || search.status === 'loadingMore'}>
          <p class="message-search-head">
            {search.query ? <>Messages matching “{search.query}”</> : 'Search'}
            <button type="button" id="message-search-clear" onClick={clear}>Clear</button>
          </p>
          {search.error && <p class="error-banner" role="alert" id="message-search-error">{search.error}</p>}
          {search.status === 'loading' && <p role="status">Searching…</p>}
          {search.status === 'done' && search.hits.length === 0 && <p id="message-search-empty" role="status">No messages match.</p>}
          <ul>
            {search.hits.map((hit) => (
              <li key={hit.message.id}>
                <button type="button" id={`message-search-result-${hit.message.id}`} data-conversation-id={hit.message.conversationId}
                  data-seq={hit.message.seq} onClick={() => openHit(hit)}>
                  <span class="hit-head"><strong>{title(hit)}</strong>
                    <small>{sender(hit.message.senderId)} · <time dateTime={hit.message.createdAt}>{new Date(hit.message.createdAt).toLocaleString()}</time></small></span>
                  <Highlight highlight={hit.highlight} />
                </button>
              </li>
            ))}
          </ul>
          {search.nextCursor && (
            <button type="button" id="message-search-more" disabled={search.status === 'loadingMore'} onClick={more}>
              {search.status === 'loadingMore' ? 'Loading…' : 'More'}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
