import type { Message, ReplyTo } from '../api/types';
import { blankRepliesTo } from './replies';

/** A message the user sent that the server has not confirmed yet. */
export interface PendingMessage {
  clientMessageId: string;
  conversationId: string;
  body: string;
  createdAt: string;
  status: 'sending' | 'failed';
  /** The message this send answers (v1.1), sent as `replyToId` and shown while pending. */
  replyTo?: ReplyTo | null;
}

/**
 * One conversation as the client sees it: confirmed messages in seq order without duplicates,
 * and the user's own optimistic sends waiting for their `ack` (or the REST answer).
 */
export interface Timeline {
  readonly confirmed: readonly Message[];
  readonly pending: readonly PendingMessage[];
}

export const emptyTimeline: Timeline = { confirmed: [], pending: [] };

/** The highest seq the client holds; catch-up asks for `?after=` this. */
export function lastSeq(timeline: Timeline): number {
  const last = timeline.confirmed[timeline.confirmed.length - 1];
  return last ? last.seq : 0;
}

/** Newer knowledge of one message wins: a tombstone over an edit, an edit over the original. */
function newer(current: Message, incoming: Message): Message {
  if (current.deletedAt && !incoming.deletedAt) return current;
  if (incoming.deletedAt && !current.deletedAt) return incoming;
  const currentEdit = current.editedAt ? Date.parse(current.editedAt) : 0;
  const incomingEdit = incoming.editedAt ? Date.parse(incoming.editedAt) : 0;
  return incomingEdit >= currentEdit ? incoming : current;
}

/**
 * Merges messages from any source (history pages, catch-up, socket events, acks) by seq:
 * the result stays ascending and duplicate-free, and a confirmed message retires the pending
 * send that carried its clientMessageId.
 */
export function mergeMessages(timeline: Timeline, incoming: readonly Message[]): Timeline {
  if (incoming.length === 0) return timeline;
  const bySeq = new Map<number, Message>();
  for (const message of timeline.confirmed) bySeq.set(message.seq, message);
  for (const message of incoming) {
    const current = bySeq.get(message.seq);
    bySeq.set(message.seq, current ? newer(current, message) : message);
  }
  const confirmed = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const confirmedIds = new Set(incoming.map((m) => m.clientMessageId).filter((id): id is string => !!id));
  const pending = timeline.pending.filter((p) => !confirmedIds.has(p.clientMessageId));
  return { confirmed, pending };
}

/** Shows a send at once, before the server has stored it. */
export function addPending(timeline: Timeline, pending: PendingMessage): Timeline {
  if (timeline.pending.some((p) => p.clientMessageId === pending.clientMessageId)) return timeline;
  return { ...timeline, pending: [...timeline.pending, pending] };
}

/** The server's `ack` (or the REST 200/201) for an optimistic send. */
export function acknowledge(timeline: Timeline, message: Message): Timeline {
  return mergeMessages(timeline, [message]);
}

export function markFailed(timeline: Timeline, clientMessageId: string): Timeline {
  return {
    ...timeline,
    pending: timeline.pending.map((p) => (p.clientMessageId === clientMessageId ? { ...p, status: 'failed' } : p)),
  };
}

/** A retry keeps the clientMessageId, so the server answers with the first message if it did store it. */
export function markSending(timeline: Timeline, clientMessageId: string): Timeline {
  return {
    ...timeline,
    pending: timeline.pending.map((p) => (p.clientMessageId === clientMessageId ? { ...p, status: 'sending' } : p)),
  };
}

/**
 * A `message.deleted` event: the tombstone keeps its seq, loses body and attachments, and the
 * replies to it lose their excerpt (as the server's copies of them do).
 */
export function applyDeleted(timeline: Timeline, messageId: string, deletedAt: string): Timeline {
  return blankRepliesTo({
    ...timeline,
    confirmed: timeline.confirmed.map((m) =>
      m.id === messageId ? { ...m, body: '', attachments: [], deletedAt: m.deletedAt ?? deletedAt } : m,
    ),
  }, messageId);
}

/**
 * For a `message.created` with this seq: the seq to catch up after when the event shows a
 * gap (the socket dropped events), or null when it follows on.
 */
export function gapBefore(timeline: Timeline, seq: number): number | null {
  const last = lastSeq(timeline);
  return seq > last + 1 ? last : null;
}
