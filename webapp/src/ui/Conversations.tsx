import { useEffect, useState } from 'preact/hooks';
import { Api, ApiError } from '../api/client';
import type { Conversation, PublicProfile, SearchHit } from '../api/types';
import type { ChatState } from '../state/chat';
import { Avatar } from './Avatar';
import { ErrorBanner } from './Field';
import { MessageSearch } from './MessageSearch';

interface Props {
  api: Api;
  chat: ChatState;
  profiles: Record<string, PublicProfile>;
  activeId: string | null;
  open: (conversation: Conversation) => void;
  showUser: (userId: string) => void;
  openHit: (hit: SearchHit) => void;
}

export function conversationName(c: Conversation, myId: string | null, profiles: Record<string, PublicProfile>): string {
  if (c.type === 'group') return c.title ?? 'Group';
  const other = c.participantIds.find((id) => id !== myId);
  const profile = other ? profiles[other] : undefined;
  return profile?.displayName || profile?.username || 'Conversation';
}

export function Conversations({ api, chat, profiles, activeId, open, showUser, openHit }: Props) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PublicProfile[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (query.trim().length < 1) return setResults([]);
    const timer = setTimeout(() => {
      api.searchUsers(query.trim()).then((page) => setResults(page.items.filter((p) => p.id !== chat.myId)))
        .catch((e) => setError(e instanceof ApiError ? e.message : 'Search failed.'));
    }, 250);
    return () => clearTimeout(timer);
  }, [query]);

  const start = async (profile: PublicProfile) => {
    try {
      open(await api.startDirect(profile.id));
      setQuery('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not start the conversation.');
    }
  };

  return (
    <nav class="conversations" aria-label="Conversations">
      <label for="user-search">Find people</label>
      <input id="user-search" type="search" value={query} placeholder="Username or name"
        onInput={(e) => setQuery(e.currentTarget.value)} />
      <ErrorBanner message={error} />
      {results.length > 0 && (
        <ul class="search-results" aria-label="People">
          {results.map((p) => (
            <li key={p.id}>
              <button type="button" id={`user-result-${p.id}`} onClick={() => start(p)}>
                <Avatar avatar={p.avatar} name={p.username} size={28} /> {p.displayName || p.username} <small>@{p.username}</small>
              </button>
              <button type="button" class="profile-button" id={`user-result-profile-${p.id}`}
                aria-label={`Profile of ${p.displayName || p.username}`} onClick={() => { showUser(p.id); setQuery(''); }}>Profile</button>
            </li>
          ))}
        </ul>
      )}
      <MessageSearch api={api} myId={chat.myId} conversations={chat.conversations} profiles={profiles} activeId={activeId}
        conversationName={(c) => conversationName(c, chat.myId, profiles)} openHit={openHit} />
      <ul class="conversation-list">
        {chat.conversations.map((c) => {
          const other = c.participantIds.find((id) => id !== chat.myId);
          const name = conversationName(c, chat.myId, profiles);
          return (
            <li key={c.id}>
              <button type="button" class={c.id === activeId ? 'active' : ''} aria-current={c.id === activeId ? 'page' : undefined} onClick={() => open(c)}>
                <Avatar avatar={other ? profiles[other]?.avatar : null} name={name} size={36}
                  online={c.type === 'direct' && other ? !!chat.presence[other] : undefined} />
                <span class="conversation-text">
                  <strong>{name}</strong>
                  <span class="last-message">{c.lastMessage ? (c.lastMessage.deletedAt ? 'Message deleted' : c.lastMessage.body || 'Attachment') : 'No messages yet'}</span>
                </span>
                {c.unreadCount > 0 && <span class="badge" aria-label={`${c.unreadCount} unread`}>{c.unreadCount}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
