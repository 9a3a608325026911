import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types';
import {
  acknowledge,
  addPending,
  applyDeleted,
  emptyTimeline,
  gapBefore,
  lastSeq,
  markFailed,
  mergeMessages,
} from './timeline';

function message(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    senderId: 'u1',
    body: `body ${seq}`,
    attachments: [],
    clientMessageId: null,
    createdAt: '2026-11-24T10:00:00.000Z',
    editedAt: null,
    deletedAt: null,
    ...overrides,
  };
}

describe('mergeMessages', () => {
  it('should keep messages in ascending seq order whatever order they arrive in', () => {
    const timeline = mergeMessages(emptyTimeline, [message(3), message(1), message(2)]);
    expect(timeline.confirmed.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('should not duplicate a message seen in a page and again on the socket', () => {
    const page = mergeMessages(emptyTimeline, [message(1), message(2)]);
    const timeline = mergeMessages(page, [message(2), message(3)]);
    expect(timeline.confirmed.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('should let an edit replace the original', () => {
    const original = mergeMessages(emptyTimeline, [message(1)]);
    const edited = mergeMessages(original, [message(1, { body: 'fixed', editedAt: '2026-11-24T10:01:00.000Z' })]);
    expect(edited.confirmed[0].body).toBe('fixed');
  });

  it('should not let a stale copy undo an edit', () => {
    const edited = mergeMessages(emptyTimeline, [message(1, { body: 'fixed', editedAt: '2026-11-24T10:01:00.000Z' })]);
    const stale = mergeMessages(edited, [message(1)]);
    expect(stale.confirmed[0].body).toBe('fixed');
  });

  it('should not let a stale copy resurrect a deleted message', () => {
    const deleted = mergeMessages(emptyTimeline, [message(1, { body: '', deletedAt: '2026-11-24T10:02:00.000Z' })]);
    const stale = mergeMessages(deleted, [message(1)]);
    expect(stale.confirmed[0].deletedAt).not.toBeNull();
    expect(stale.confirmed[0].body).toBe('');
  });
});

describe('optimistic sends', () => {
  const pending = {
    clientMessageId: 'client-1',
    conversationId: 'c1',
    body: 'hello',
    createdAt: '2026-11-24T10:00:00.000Z',
    status: 'sending' as const,
  };

  it('should show a send at once as pending', () => {
    const timeline = addPending(emptyTimeline, pending);
    expect(timeline.pending).toHaveLength(1);
    expect(timeline.confirmed).toHaveLength(0);
  });

  it('should retire the pending send when its ack arrives', () => {
    const timeline = acknowledge(addPending(emptyTimeline, pending), message(1, { clientMessageId: 'client-1', body: 'hello' }));
    expect(timeline.pending).toHaveLength(0);
    expect(timeline.confirmed.map((m) => m.body)).toEqual(['hello']);
  });

  it('should retire the pending send when the message arrives as an event before the ack', () => {
    const timeline = mergeMessages(addPending(emptyTimeline, pending), [message(4, { clientMessageId: 'client-1' })]);
    expect(timeline.pending).toHaveLength(0);
    expect(lastSeq(timeline)).toBe(4);
  });

  it('should keep a failed send visible for a retry', () => {
    const timeline = markFailed(addPending(emptyTimeline, pending), 'client-1');
    expect(timeline.pending[0].status).toBe('failed');
  });

  it('should not add the same clientMessageId twice', () => {
    const timeline = addPending(addPending(emptyTimeline, pending), pending);
    expect(timeline.pending).toHaveLength(1);
  });
});

describe('deletes and gaps', () => {
  it('should turn a deleted message into a tombstone that keeps its seq', () => {
    const withAttachment = message(2, {
      attachments: [{ id: 'a', filename: 'x.png', contentType: 'image/png', size: 1, width: 1, height: 1, url: 'u', thumbnailUrl: 't' }],
    });
    const timeline = applyDeleted(mergeMessages(emptyTimeline, [message(1), withAttachment]), 'm2', '2026-11-24T10:05:00.000Z');
    expect(timeline.confirmed[1]).toMatchObject({ seq: 2, body: '', attachments: [], deletedAt: '2026-11-24T10:05:00.000Z' });
  });

  it('should report a gap when an event skips seqs, naming the seq to catch up after', () => {
    const timeline = mergeMessages(emptyTimeline, [message(1), message(2)]);
    expect(gapBefore(timeline, 5)).toBe(2);
  });

  it('should report no gap for the next seq or an old one', () => {
    const timeline = mergeMessages(emptyTimeline, [message(1), message(2)]);
    expect(gapBefore(timeline, 3)).toBeNull();
    expect(gapBefore(timeline, 2)).toBeNull();
  });
});
