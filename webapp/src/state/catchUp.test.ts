import { describe, expect, it } from 'vitest';
import type { Message, Page } from '../api/types';
import { catchUp } from './catchUp';
import { emptyTimeline, mergeMessages } from './timeline';

function message(seq: number): Message {
  return {
    id: `m${seq}`, conversationId: 'c1', seq, senderId: 'u1', body: `b${seq}`, attachments: [],
    clientMessageId: null, createdAt: '2026-11-24T10:00:00.000Z', editedAt: null, deletedAt: null,
  };
}

/** A server holding seq 1..total, answering `after` pages of `size` like the contract. */
function server(total: number, size: number) {
  const calls: Array<{ after: number; cursor: string | null }> = [];
  const fetchAfter = async (after: number, cursor: string | null): Promise<Page<Message>> => {
    calls.push({ after, cursor });
    const from = cursor ? Number(cursor) : after;
    const items = [];
    for (let seq = from + 1; seq <= Math.min(total, from + size); seq++) items.push(message(seq));
    const last = items.length ? items[items.length - 1].seq : from;
    return { items, nextCursor: last < total ? String(last) : null };
  };
  return { fetchAfter, calls };
}

describe('catchUp', () => {
  it('should fetch everything after the last seq held, with no gap and no duplicate', async () => {
    const { fetchAfter } = server(12, 5);
    const before = mergeMessages(emptyTimeline, [message(1), message(2), message(3)]);
    const after = await catchUp(before, fetchAfter);
    expect(after.confirmed.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('should ask for the seq it holds and then follow nextCursor', async () => {
    const { fetchAfter, calls } = server(12, 5);
    await catchUp(mergeMessages(emptyTimeline, [message(1), message(2), message(3)]), fetchAfter);
    expect(calls).toEqual([
      { after: 3, cursor: null },
      { after: 3, cursor: '8' },
    ]);
  });

  it('should make one call when nothing was missed', async () => {
    const { fetchAfter, calls } = server(3, 5);
    const after = await catchUp(mergeMessages(emptyTimeline, [message(1), message(2), message(3)]), fetchAfter);
    expect(calls).toHaveLength(1);
    expect(after.confirmed).toHaveLength(3);
  });
});
