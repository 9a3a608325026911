import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Api, ApiError } from '../api/client';
import type { Conversation, Me, Message, PublicProfile, ReplyTo, SearchHit, Session } from '../api/types';
import { catchUp } from '../state/catchUp';
import { initialChat, reduceEvent, sendFrame, Store, timelineOf, withListed, withTimeline, type ChatState } from '../state/chat';
import { newClientMessageId } from '../state/ids';
import { messageAt, windowAround } from '../state/jump';
import { applyReaction, isMine } from '../state/reactions';
import { paths, routeOf, type Route } from '../state/routes';
import { ChatSocket, socketUrl } from '../state/socket';
import { addPending, lastSeq, markFailed, markSending, mergeMessages, type PendingMessage } from '../state/timeline';
import { Register, SignIn } from './AuthForms';
import { Avatar } from './Avatar';
import { ConversationView } from './ConversationView';
import { Conversations } from './Conversations';
import { useStore, usePath } from './hooks';
import { ForgotPassword, ResetPassword } from './PasswordForms';
import { Profile } from './Profile';
import { UserProfile } from './UserProfile';

const TYPING_THROTTLE_MS = 3_000;

export function App() {
  const api = useMemo(() => new Api(), []);
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [path, navigate] = usePath();
  const [notice, setNotice] = useState<string | null>(null);
  const route = routeOf(path, !!session);

  useEffect(() => {
    api.session().then(setSession).catch(() => setSession(null));
  }, []);

  // The password pages need no session, so a reset link opens at once.
  if (route.name === 'forgotPassword') return <ForgotPassword api={api} navigate={navigate} />;
  if (route.name === 'resetPassword') {
    const onReset = async () => {
      // A reset ends every session of that account; sign out here too, so the sign-in form shows.
      if (session) await api.logout().catch(() => undefined);
      setSession(null);
      setNotice('Your password was changed. Sign in with the new one.');
      navigate(paths.signIn, { replace: true });
    };
    return <ResetPassword api={api} navigate={navigate} token={route.token} onReset={onReset} />;
  }
  if (session === undefined) return <p class="loading">Loading…</p>;
  if (!session) {
    const onSignedIn = (s: Session) => { setSession(s); setNotice(null); navigate('/'); };
    return route.name === 'register'
      ? <Register api={api} onSignedIn={onSignedIn} navigate={navigate} />
      : <SignIn api={api} onSignedIn={onSignedIn} navigate={navigate} notice={notice} />;
  }
  return <Chat api={api} me={session.user} setMe={(user) => setSession({ ...session, user })}
    signOut={async () => { await api.logout().catch(() => undefined); setSession(null); navigate(paths.signIn); }}
    route={route} navigate={navigate} />;
}

interface ChatProps {
  api: Api;
  me: Me;
  setMe: (me: Me) => void;
  signOut: () => void;
  route: Route;
  navigate: (path: string, options?: { replace?: boolean }) => void;
}

function Chat({ api, me, setMe, signOut, route, navigate }: ChatProps) {
  const store = useMemo(() => new Store<ChatState>({ ...initialChat, myId: me.id }), [me.id]);
  const chat = useStore(store);
  const [profiles, setProfiles] = useState<Record<string, PublicProfile>>({});
  const [error, setError] = useState<string | null>(null);
  const socket = useRef<ChatSocket | null>(null);
  const lastTyping = useRef(0);
  const activeId = route.name === 'conversation' ? route.conversationId : null;
  const at = route.name === 'conversation' ? route.at : undefined;
  const activeRef = useRef<string | null>(activeId);
  activeRef.current = activeId;
  const active = chat.conversations.find((c) => c.id === activeId) ?? null;

  const loadConversations = () =>
    api.conversations().then((page) => store.update((s) => withListed(s, page.items, activeRef.current)))
      .catch((e) => setError(e instanceof ApiError ? e.message : 'Could not load conversations.'));

  const mergePage = (conversationId: string, items: Message[]) =>
    store.update((s) => withTimeline(s, conversationId, mergeMessages(timelineOf(s, conversationId), items)));

  const catchUpAll = async () => {
    await loadConversations();
    for (const id of Object.keys(store.get().timelines)) {
      const updated = await catchUp(timelineOf(store.get(), id), (after, cursor) => api.messages(id, { after, cursor, limit: 100 }));
      store.update((s) => withTimeline(s, id, updated));
    }
    // Reactions and edits missed while offline changed no seq: the newest page of the open
    // conversation brings their current state (other conversations get theirs when opened).
    const open = activeRef.current;
    if (open) mergePage(open, (await api.messages(open, { limit: 50 })).items);
  };

  useEffect(() => {
    loadConversations();
    const chatSocket = new ChatSocket({
      url: socketUrl(location),
      onEvent: (event) => {
        if (event.type === 'message.created') {
          // A conversation someone else just started: fetch the list so it shows up with its badge.
          if (!store.get().conversations.some((c) => c.id === event.message.conversationId)) loadConversations();
          const held = lastSeq(timelineOf(store.get(), event.message.conversationId));
          if (held > 0 && event.message.seq > held + 1) {
            const id = event.message.conversationId;
            catchUp(timelineOf(store.get(), id), (after, cursor) => api.messages(id, { after, cursor, limit: 100 }))
              .then((t) => store.update((s) => withTimeline(s, id, t)));
          }
        }
        if (event.type === 'error') setError(event.detail);
        store.update((s) => reduceEvent(s, event));
      },
      onStatus: (status) => store.update((s) => ({ ...s, status })),
      onReconnected: () => { catchUpAll(); },
    });
    socket.current = chatSocket;
    chatSocket.connect();
    return () => chatSocket.close();
  }, [store]);

  useEffect(() => {
    const missing = new Set<string>();
    for (const c of chat.conversations) for (const id of c.participantIds) if (id !== me.id && !profiles[id]) missing.add(id);
    for (const id of missing) api.user(id).then((p) => setProfiles((all) => ({ ...all, [id]: p }))).catch(() => undefined);
  }, [chat.conversations]);

  // The newest page first (catch-up and gap checks count from the last seq held), then, for
  // `?at=`, the history around that seq when it is not held yet.
  useEffect(() => {
    if (!activeId) return;
    (async () => {
      mergePage(activeId, (await api.messages(activeId, { limit: 50 })).items);
      if (at !== undefined && !messageAt(timelineOf(store.get(), activeId), at)) {
        mergePage(activeId, (await api.messages(activeId, windowAround(at))).items);
      }
    })().catch((e) => setError(e instanceof ApiError ? e.message : 'Could not load messages.'));
  }, [activeId, at]);

  const activeLastSeq = activeId ? lastSeq(timelineOf(chat, activeId)) : 0;
  useEffect(() => {
    if (!activeId || activeLastSeq === 0 || document.hidden) return;
    api.markRead(activeId, activeLastSeq).then(() => store.update((s) => ({
      ...s, conversations: s.conversations.map((c) => (c.id === activeId ? { ...c, unreadCount: 0 } : c)),
    }))).catch(() => undefined);
  }, [activeId, activeLastSeq]);

  const deliver = (pending: PendingMessage, files: File[]) => {
    const replyToId = pending.replyTo?.id ?? null;
    const sentOverSocket = files.length === 0 && socket.current?.send(sendFrame(pending));
    if (sentOverSocket) return;
    api.postMessage(pending.conversationId, pending.body, pending.clientMessageId, files, replyToId)
      .then((message) => store.update((s) => reduceEvent(s, { type: 'ack', clientMessageId: pending.clientMessageId, message })))
      .catch((e) => {
        store.update((s) => withTimeline(s, pending.conversationId, markFailed(timelineOf(s, pending.conversationId), pending.clientMessageId)));
        setError(e instanceof ApiError ? e.message : 'Sending failed.');
      });
  };

  const send = (body: string, files: File[], replyTo: ReplyTo | null) => {
    if (!active) return;
    const pending: PendingMessage = {
      clientMessageId: newClientMessageId(), conversationId: active.id, body, createdAt: new Date().toISOString(), status: 'sending', replyTo,
    };
    store.update((s) => withTimeline(s, active.id, addPending(timelineOf(s, active.id), pending)));
    deliver(pending, files);
  };

  const retry = (pending: PendingMessage) => {
    store.update((s) => withTimeline(s, pending.conversationId, markSending(timelineOf(s, pending.conversationId), pending.clientMessageId)));
    deliver(pending, []);
  };

  const typing = () => {
    const now = Date.now();
    if (!active || now - lastTyping.current < TYPING_THROTTLE_MS) return;
    lastTyping.current = now;
    socket.current?.send({ type: 'typing', conversationId: active.id });
  };

  const open = (c: Conversation) => {
    if (!store.get().conversations.some((x) => x.id === c.id)) store.update((s) => ({ ...s, conversations: [c, ...s.conversations] }));
    navigate(paths.conversation(c.id));
  };

  const showUser = (userId: string) => navigate(paths.user(userId));

  const message = async (profile: PublicProfile) => {
    try {
      open(await api.startDirect(profile.id));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not start the conversation.');
    }
  };

  /** A search hit: its conversation (fetched when the list does not hold it), at the hit's seq. */
  const openHit = async (hit: SearchHit) => {
    const id = hit.message.conversationId;
    if (!store.get().conversations.some((c) => c.id === id)) {
      try {
        const conversation = await api.conversation(id);
        store.update((s) => (s.conversations.some((c) => c.id === id) ? s : { ...s, conversations: [...s.conversations, conversation] }));
      } catch (e) {
        return setError(e instanceof ApiError ? e.message : 'Could not open the conversation.');
      }
    }
    navigate(paths.conversation(id, hit.message.seq));
  };

  /**
   * Toggles the caller's reaction at once and undoes it when the server refuses (the caller
   * shows the problem). A refused DELETE with 404 is not undone: the reaction is not there either way.
   */
  const react = async (message: Message, emoji: string) => {
    const id = message.conversationId;
    const added = !isMine(message, emoji);
    const apply = (add: boolean) =>
      store.update((s) => withTimeline(s, id, applyReaction(timelineOf(s, id), { messageId: message.id, emoji, added: add, mine: true })));
    apply(added);
    try {
      await (added ? api.addReaction(message.id, emoji) : api.removeReaction(message.id, emoji));
    } catch (e) {
      if (added || !(e instanceof ApiError && e.problem.status === 404)) apply(!added);
      throw e;
    }
  };

  const loadHistory = async (query: { after?: number; before?: number }) => {
    if (!active) return;
    mergePage(active.id, (await api.messages(active.id, { ...query, limit: 50 })).items);
  };

  const edited = (message: Message) => store.update((s) => reduceEvent(s, { type: 'message.updated', message }));

  return (
    <div class={`shell ${route.name !== 'home' ? 'has-active' : ''}`}>
      <header class="topbar">
        <a href="/" class="brand" onClick={(e) => { e.preventDefault(); navigate('/'); }}>Chat</a>
        <a href={paths.profile} onClick={(e) => { e.preventDefault(); navigate(paths.profile); }} class="me-link">
          <Avatar avatar={me.avatar} name={me.username} size={28} /> <span>{me.displayName || me.username}</span>
        </a>
        <button type="button" onClick={signOut}>Sign out</button>
      </header>
      {chat.status === 'offline' && <p class="offline-banner" role="status">Offline — reconnecting…</p>}
      {error && <p class="error-banner" role="alert">{error} <button type="button" onClick={() => setError(null)}>Dismiss</button></p>}
      <div class="panes">
        <Conversations api={api} chat={chat} profiles={profiles} activeId={activeId} open={open} showUser={showUser} openHit={openHit} />
        <main class="main-pane">
          {route.name === 'profile' ? <Profile api={api} me={me} onSaved={setMe} />
            : route.name === 'user' ? <UserProfile api={api} userId={route.userId} myId={me.id} cached={profiles[route.userId]}
                loaded={(p) => setProfiles((all) => ({ ...all, [p.id]: p }))} message={message} editOwn={() => navigate(paths.profile)} />
            : active ? <ConversationView key={active.id} api={api} chat={chat} conversation={active} profiles={profiles} send={send} retry={retry}
                typing={typing} edited={edited} showUser={showUser} at={at} react={react} loadHistory={loadHistory}
                jumpTo={(seq) => navigate(paths.conversation(active.id, seq))}
                toLatest={() => navigate(paths.conversation(active.id), { replace: true })}
                shareLocation={(lat, lng, accuracy) => socket.current?.send({ type: 'location', conversationId: active.id, lat, lng, accuracy })} />
              : <p class="placeholder">Pick a conversation, or find someone to talk to.</p>}
        </main>
      </div>
    </div>
  );
}
