import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types';
import { gapsOf, messageAt, olderBefore, windowAround } from './jump';
import { emptyTimeline, mergeMessages } from './timeline';

function message(seq: number): Message {
  return {
    id: `m${seq}`, conversationId: 'c1', seq, senderId: 'u1', body: `b${seq}`, attachments: [],
    clientMessageId: null, createdAt: '2026-11-24T10:00:00.000Z', editedAt: null, deletedAt: null,
  };
}

const seqs = (...list: number[]) => mergeMessages(emptyTimeline, list.map(message));

describe('windowAround', () => {
  it('asks a page that holds the target with messages on both sides', () => {
    const { after, limit } = windowAround(120, 50);
    expect(after).toBe(94);
    expect(after + 1 <= 120 && 120 <= after + limit).toBe(true);
  });

  it('starts at the beginning for an early message', () => {
    expect(windowAround(3)).toEqual({ after: 0, limit: 50 });
    expect(windowAround(1, 10)).toEqual({ after: 0, limit: 10 });
  });
});

describe('gapsOf and olderBefore', () => {
  it('finds the hole between a jump window and the newest page', () => {
    const timeline = seqs(95, 96, 97, 480, 481);
    expect(gapsOf(timeline)).toEqual([{ after: 97, before: 480 }]);
    expect(olderBefore(timeline)).toBe(95);
    expect(messageAt(timeline, 96)?.id).toBe('m96');
    expect(messageAt(timeline, 98)).toBeUndefined();
  });

  it('finds no hole in contiguous history and nothing older from seq 1', () => {
    expect(gapsOf(seqs(1, 2, 3))).toEqual([]);
    expect(olderBefore(seqs(1, 2, 3))).toBeNull();
    expect(olderBefore(emptyTimeline)).toBeNull();
  });
});
