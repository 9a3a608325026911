import type { Conversation, Message, ServerEvent } from '../api/types';
import { acknowledge, applyDeleted, emptyTimeline, markFailed, mergeMessages, type PendingMessage, type Timeline } from './timeline';
import { applyReaction } from './reactions';
import type { ConnectionStatus } from './socket';

export interface SharedLocation {
  lat: number;
  lng: number;
  accuracy: number | null;
  at: string;
}

/** Everything the chat screens show, updated by REST answers and socket events alike. */
export interface ChatState {
  myId: string | null;
  conversations: Conversation[];
  timelines: Record<string, Timeline>;
  /** conversationId -> userId -> epoch ms until which "typing…" shows. */
  typing: Record<string, Record<string, number>>;
  presence: Record<string, boolean>;
  locations: Record<string, Record<string, SharedLocation>>;
  status: ConnectionStatus;
}

export const initialChat: ChatState = {
  myId: null,
  conversations: [],
  timelines: {},
  typing: {},
  presence: {},
  locations: {},
  status: 'connecting',
};

const TYPING_SHOWN_MS = 5_000;

export function timelineOf(state: ChatState, conversationId: string): Timeline {
  return state.timelines[conversationId] ?? emptyTimeline;
}

export function withTimeline(state: ChatState, conversationId: string, timeline: Timeline): ChatState {
  return { ...state, timelines: { ...state.timelines, [conversationId]: timeline } };
}

/** Most recent activity first, as the contract orders the list. */
function sortConversations(list: Conversation[]): Conversation[] {
  return [...list].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
}

/** A new message moves its conversation up, updates lastMessage, and counts as unread unless it is mine. */
function touchConversation(state: ChatState, message: Message): Conversation[] {
  return sortConversations(
    state.conversations.map((c) => {
      if (c.id !== message.conversationId || message.seq <= c.lastSeq) return c;
      const mine = message.senderId === state.myId;
      return {
        ...c,
        lastMessage: message,
        lastSeq: message.seq,
        updatedAt: message.createdAt,
        unreadCount: mine ? c.unreadCount : c.unreadCount + 1,
      };
    }),
  );
}

/**
 * A fresh first page of the conversation list. The open conversation stays even when it is not
 * on that page (one reached from an old search hit), so the view does not vanish on a reload of the list.
 */
export function withListed(state: ChatState, page: Conversation[], openId: string | null): ChatState {
  const open = openId && !page.some((c) => c.id === openId) ? state.conversations.find((c) => c.id === openId) : undefined;
  return { ...state, conversations: open ? [...page, open] : page };
}

/** The socket's `send` frame of a pending message; `replyToId` (v1.1) only when it answers one. */
export function sendFrame(pending: PendingMessage): Record<string, unknown> {
  const frame: Record<string, unknown> = { type: 'send', conversationId: pending.conversationId, body: pending.body, clientMessageId: pending.clientMessageId };
  if (pending.replyTo) frame.replyToId = pending.replyTo.id;
  return frame;
}

export function reduceEvent(state: ChatState, event: ServerEvent, now: number = Date.now()): ChatState {
  switch (event.type) {
    case 'ready':
      return { ...state, myId: event.userId };
    case 'message.created': {
      const id = event.message.conversationId;
      const next = withTimeline(state, id, mergeMessages(timelineOf(state, id), [event.message]));
      const typing = { ...next.typing, [id]: { ...(next.typing[id] ?? {}) } };
      delete typing[id][event.message.senderId];
      return { ...next, typing, conversations: touchConversation(state, event.message) };
    }
    case 'message.updated': {
      const id = event.message.conversationId;
      return withTimeline(state, id, mergeMessages(timelineOf(state, id), [event.message]));
    }
    case 'message.deleted':
      return withTimeline(state, event.conversationId,
        applyDeleted(timelineOf(state, event.conversationId), event.messageId, new Date(now).toISOString()));
    case 'reaction':
      // Reactions change no seq: the timeline's last seq, gaps and unread counts stay as they were.
      return withTimeline(state, event.conversationId, applyReaction(timelineOf(state, event.conversationId), {
        messageId: event.messageId, emoji: event.emoji, added: event.added, mine: event.userId === state.myId,
      }));
    case 'ack': {
      const id = event.message.conversationId;
      const next = withTimeline(state, id, acknowledge(timelineOf(state, id), event.message));
      return { ...next, conversations: touchConversation(state, event.message) };
    }
    case 'error': {
      // A refused send (e.g. a reply to a message of another conversation) names its clientMessageId.
      const ref = event.ref;
      if (!ref) return state;
      const id = Object.keys(state.timelines).find((c) => state.timelines[c].pending.some((p) => p.clientMessageId === ref));
      return id ? withTimeline(state, id, markFailed(timelineOf(state, id), ref)) : state;
    }
    case 'typing':
      if (event.userId === state.myId) return state;
      return {
        ...state,
        typing: { ...state.typing, [event.conversationId]: { ...(state.typing[event.conversationId] ?? {}), [event.userId]: now + TYPING_SHOWN_MS } },
      };
    case 'presence':
      return { ...state, presence: { ...state.presence, [event.userId]: event.online } };
    case 'location':
      return {
        ...state,
        locations: {
          ...state.locations,
          [event.conversationId]: {
            ...(state.locations[event.conversationId] ?? {}),
            [event.userId]: { lat: event.lat, lng: event.lng, accuracy: event.accuracy, at: event.at },
          },
        },
      };
    case 'read':
      if (event.userId !== state.myId) return state;
      return {
        ...state,
        conversations: state.conversations.map((c) =>
          c.id === event.conversationId ? { ...c, unreadCount: Math.max(0, c.lastSeq - event.seq) } : c),
      };
    default:
      return state;
  }
}

/** Users shown as typing in a conversation right now. */
export function typingUsers(state: ChatState, conversationId: string, now: number = Date.now()): string[] {
  return Object.entries(state.typing[conversationId] ?? {})
    .filter(([, until]) => until > now)
    .map(([userId]) => userId);
}

/** A minimal observable store for the Preact views. */
export class Store<S> {
  private listeners = new Set<(state: S) => void>();

  constructor(private state: S) {}

  get(): S {
    return this.state;
  }

  update(change: (state: S) => S): void {
    this.state = change(this.state);
    for (const listener of this.listeners) listener(this.state);
  }

  subscribe(listener: (state: S) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
