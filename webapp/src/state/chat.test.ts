import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../api/types';
import { initialChat, reduceEvent, sendFrame, timelineOf, typingUsers, withListed, type ChatState } from './chat';
import { addPending } from './timeline';

function message(seq: number, senderId = 'other'): Message {
  return {
    id: `m${seq}`, conversationId: 'c1', seq, senderId, body: `b${seq}`, attachments: [],
    clientMessageId: null, createdAt: `2026-11-24T10:00:0${seq}.000Z`, editedAt: null, deletedAt: null,
  };
}

const conversation: Conversation = {
  id: 'c1', type: 'direct', title: null, participantIds: ['me', 'other'], lastMessage: null, lastSeq: 0,
  unreadCount: 0, createdAt: '2026-11-24T09:00:00.000Z', updatedAt: '2026-11-24T09:00:00.000Z',
};
const older: Conversation = { ...conversation, id: 'c0', updatedAt: '2026-11-24T09:30:00.000Z' };
const state: ChatState = { ...initialChat, myId: 'me', conversations: [older, conversation] };

describe('reduceEvent', () => {
  it('should add a created message to its timeline, count it unread and move the conversation up', () => {
    const next = reduceEvent(state, { type: 'message.created', message: message(1) });
    expect(timelineOf(next, 'c1').confirmed.map((m) => m.seq)).toEqual([1]);
    expect(next.conversations[0]).toMatchObject({ id: 'c1', unreadCount: 1, lastSeq: 1 });
    expect(next.conversations[0].lastMessage?.id).toBe('m1');
  });

  it('should not count my own messages as unread', () => {
    const next = reduceEvent(state, { type: 'message.created', message: message(1, 'me') });
    expect(next.conversations.find((c) => c.id === 'c1')?.unreadCount).toBe(0);
  });

  it('should count a message delivered twice only once', () => {
    const once = reduceEvent(state, { type: 'message.created', message: message(1) });
    const twice = reduceEvent(once, { type: 'message.created', message: message(1) });
    expect(twice.conversations.find((c) => c.id === 'c1')?.unreadCount).toBe(1);
    expect(timelineOf(twice, 'c1').confirmed).toHaveLength(1);
  });

  it('should confirm an optimistic send on ack', () => {
    const pending = {
      ...state,
      timelines: { c1: addPending(timelineOf(state, 'c1'), { clientMessageId: 'k1', conversationId: 'c1', body: 'hi', createdAt: '', status: 'sending' as const }) },
    };
    const next = reduceEvent(pending, { type: 'ack', clientMessageId: 'k1', message: { ...message(1, 'me'), clientMessageId: 'k1' } });
    expect(timelineOf(next, 'c1').pending).toHaveLength(0);
    expect(timelineOf(next, 'c1').confirmed).toHaveLength(1);
  });

  it('should show typing for a few seconds and clear it when that user sends', () => {
    const typing = reduceEvent(state, { type: 'typing', conversationId: 'c1', userId: 'other' }, 1_000);
    expect(typingUsers(typing, 'c1', 2_000)).toEqual(['other']);
    expect(typingUsers(typing, 'c1', 7_000)).toEqual([]);
    const sent = reduceEvent(typing, { type: 'message.created', message: message(1) }, 2_000);
    expect(typingUsers(sent, 'c1', 2_000)).toEqual([]);
  });

  it('should track presence and the last shared location', () => {
    const online = reduceEvent(state, { type: 'presence', userId: 'other', online: true });
    expect(online.presence.other).toBe(true);
    const located = reduceEvent(online, { type: 'location', conversationId: 'c1', userId: 'other', lat: 1.5, lng: 2.5, accuracy: 10, at: 'now' });
    expect(located.locations.c1.other).toEqual({ lat: 1.5, lng: 2.5, accuracy: 10, at: 'now' });
  });

  it('should lower my unread count when another tab of mine reads', () => {
    const unread = reduceEvent(reduceEvent(state, { type: 'message.created', message: message(1) }), { type: 'message.created', message: message(2) });
    const read = reduceEvent(unread, { type: 'read', conversationId: 'c1', userId: 'me', seq: 1 });
    expect(read.conversations.find((c) => c.id === 'c1')?.unreadCount).toBe(1);
  });

  it('should apply a reaction event to the message without touching seq, order or unread', () => {
    const created = reduceEvent(reduceEvent(state, { type: 'message.created', message: message(1) }), { type: 'message.created', message: message(2) });
    const reacted = reduceEvent(created, { type: 'reaction', conversationId: 'c1', messageId: 'm1', seq: 1, emoji: '👍', userId: 'other', added: true });
    expect(timelineOf(reacted, 'c1').confirmed[0].reactions).toEqual([{ emoji: '👍', count: 1, me: false }]);
    expect(timelineOf(reacted, 'c1').confirmed.map((m) => m.seq)).toEqual([1, 2]);
    expect(reacted.conversations).toEqual(created.conversations);
  });

  it('should count my reaction from another tab as mine, and its echo once', () => {
    const created = reduceEvent(state, { type: 'message.created', message: message(1) });
    const event = { type: 'reaction' as const, conversationId: 'c1', messageId: 'm1', seq: 1, emoji: '🎉', userId: 'me', added: true };
    const twice = reduceEvent(reduceEvent(created, event), event);
    expect(timelineOf(twice, 'c1').confirmed[0].reactions).toEqual([{ emoji: '🎉', count: 1, me: true }]);
    const removed = reduceEvent(twice, { ...event, added: false });
    expect(timelineOf(removed, 'c1').confirmed[0].reactions).toEqual([]);
  });

  it('should empty the excerpt of replies when their original is deleted', () => {
    const reply = { ...message(2), replyTo: { id: 'm1', seq: 1, senderId: 'other', excerpt: 'b1' } };
    const held = reduceEvent(reduceEvent(state, { type: 'message.created', message: message(1) }), { type: 'message.created', message: reply });
    const deleted = reduceEvent(held, { type: 'message.deleted', conversationId: 'c1', messageId: 'm1', seq: 1 });
    expect(timelineOf(deleted, 'c1').confirmed[1].replyTo?.excerpt).toBe('');
  });

  it('should mark a send the server refused over the socket as failed, by its ref', () => {
    const pending = {
      ...state,
      timelines: { c1: addPending(timelineOf(state, 'c1'), { clientMessageId: 'k9', conversationId: 'c1', body: 'hi', createdAt: '', status: 'sending' as const }) },
    };
    const refused = reduceEvent(pending, { type: 'error', code: 'bad-request', detail: 'The reply must be to a message of this conversation.', ref: 'k9' });
    expect(timelineOf(refused, 'c1').pending[0].status).toBe('failed');
    expect(reduceEvent(pending, { type: 'error', code: 'bad-frame', detail: 'x' })).toBe(pending);
    expect(reduceEvent(pending, { type: 'error', code: 'bad-frame', detail: 'x', ref: 'other' })).toBe(pending);
  });
});

describe('withListed', () => {
  it('keeps the open conversation when a reloaded first page does not hold it', () => {
    const page = [conversation];
    expect(withListed(state, page, 'c0').conversations.map((c) => c.id)).toEqual(['c1', 'c0']);
    expect(withListed(state, page, 'c1').conversations.map((c) => c.id)).toEqual(['c1']);
    expect(withListed(state, page, null).conversations.map((c) => c.id)).toEqual(['c1']);
  });
});

describe('sendFrame', () => {
  const pending = { clientMessageId: 'k1', conversationId: 'c1', body: 'yes', createdAt: '', status: 'sending' as const };

  it('carries replyToId only for a reply', () => {
    expect(sendFrame(pending)).toEqual({ type: 'send', conversationId: 'c1', body: 'yes', clientMessageId: 'k1' });
    expect(sendFrame({ ...pending, replyTo: { id: 'm1', seq: 1, senderId: 'u', excerpt: 'q' } }))
      .toEqual({ type: 'send', conversationId: 'c1', body: 'yes', clientMessageId: 'k1', replyToId: 'm1' });
  });
});
