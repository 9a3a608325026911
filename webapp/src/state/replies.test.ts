import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types';
import { excerptOf, quoteText, replyPreview } from './replies';
import { applyDeleted, emptyTimeline, mergeMessages } from './timeline';

function message(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`, conversationId: 'c1', seq, senderId: 'u1', body: `b${seq}`, attachments: [],
    clientMessageId: null, createdAt: '2026-11-24T10:00:00.000Z', editedAt: null, deletedAt: null, ...overrides,
  };
}

describe('excerptOf', () => {
  it('keeps the first 100 characters, counting an emoji as one', () => {
    expect(excerptOf('short')).toBe('short');
    expect(excerptOf('x'.repeat(150))).toBe('x'.repeat(100));
    expect(excerptOf('😀'.repeat(101))).toBe('😀'.repeat(100));
  });
});

describe('replyPreview', () => {
  it('takes id, seq, sender and excerpt of the original', () => {
    expect(replyPreview(message(3, { body: 'hello', senderId: 'u2' }))).toEqual({ id: 'm3', seq: 3, senderId: 'u2', excerpt: 'hello' });
  });
});

describe('deleting an original', () => {
  it('empties the excerpt of the replies to it and of nothing else', () => {
    const reply = message(2, { replyTo: { id: 'm1', seq: 1, senderId: 'u1', excerpt: 'b1' } });
    const other = message(3, { replyTo: { id: 'm9', seq: 9, senderId: 'u1', excerpt: 'keep' } });
    const timeline = applyDeleted(mergeMessages(emptyTimeline, [message(1), reply, other]), 'm1', '2026-11-24T10:05:00.000Z');
    expect(timeline.confirmed[1].replyTo).toEqual({ id: 'm1', seq: 1, senderId: 'u1', excerpt: '' });
    expect(timeline.confirmed[2].replyTo?.excerpt).toBe('keep');
  });

  it('empties the excerpt even when the original itself is not held', () => {
    const reply = message(40, { replyTo: { id: 'm1', seq: 1, senderId: 'u1', excerpt: 'b1' } });
    const timeline = applyDeleted(mergeMessages(emptyTimeline, [reply]), 'm1', '2026-11-24T10:05:00.000Z');
    expect(timeline.confirmed[0].replyTo?.excerpt).toBe('');
  });
});

describe('quoteText', () => {
  const replyTo = { id: 'm1', seq: 1, senderId: 'u1', excerpt: '' };

  it('shows the excerpt when there is one', () => {
    expect(quoteText({ ...replyTo, excerpt: 'hi' }, undefined)).toEqual({ text: 'hi', missing: false });
  });

  it('says the original is deleted for an empty excerpt', () => {
    expect(quoteText(replyTo, undefined)).toEqual({ text: 'Message deleted', missing: true });
    expect(quoteText(replyTo, message(1, { body: '', deletedAt: 'x' }))).toEqual({ text: 'Message deleted', missing: true });
  });

  it('says "Attachment" for a held original without text', () => {
    const attachment = { id: 'a', filename: 'x.pdf', contentType: 'application/pdf', size: 1, width: null, height: null, url: 'u', thumbnailUrl: null };
    expect(quoteText(replyTo, message(1, { body: '', attachments: [attachment] }))).toEqual({ text: 'Attachment', missing: true });
  });
});
