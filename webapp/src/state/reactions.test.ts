import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types';
import { applyReaction, COMMON_EMOJI, emojiKey, isMine, withReaction } from './reactions';
import { emptyTimeline, lastSeq, mergeMessages } from './timeline';

function message(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`, conversationId: 'c1', seq, senderId: 'u1', body: `b${seq}`, attachments: [],
    clientMessageId: null, createdAt: '2026-11-24T10:00:00.000Z', editedAt: null, deletedAt: null, ...overrides,
  };
}

describe('withReaction', () => {
  it('adds a new emoji last, counted once, mine or not', () => {
    expect(withReaction([{ emoji: '👍', count: 2, me: false }], '🎉', true, true))
      .toEqual([{ emoji: '👍', count: 2, me: false }, { emoji: '🎉', count: 1, me: true }]);
    expect(withReaction([], '🎉', true, false)).toEqual([{ emoji: '🎉', count: 1, me: false }]);
  });

  it('counts two users with the same emoji as 2 and keeps its place', () => {
    const one = withReaction([{ emoji: '😂', count: 1, me: false }], '👍', true, false);
    const two = withReaction(one, '👍', true, true);
    expect(two).toEqual([{ emoji: '😂', count: 1, me: false }, { emoji: '👍', count: 2, me: true }]);
  });

  it('counts my own reaction once however often it arrives', () => {
    const optimistic = withReaction([], '👍', true, true);
    const echo = withReaction(optimistic, '👍', true, true);
    expect(echo).toEqual([{ emoji: '👍', count: 1, me: true }]);
  });

  it('removes my reaction once, and drops the emoji at zero', () => {
    const removed = withReaction([{ emoji: '👍', count: 2, me: true }], '👍', false, true);
    expect(removed).toEqual([{ emoji: '👍', count: 1, me: false }]);
    expect(withReaction(removed, '👍', false, true)).toEqual(removed);
    expect(withReaction([{ emoji: '👍', count: 1, me: true }], '👍', false, true)).toEqual([]);
  });

  it('keeps my flag when someone else removes theirs', () => {
    expect(withReaction([{ emoji: '👍', count: 2, me: true }], '👍', false, false)).toEqual([{ emoji: '👍', count: 1, me: true }]);
  });

  it('ignores the removal of an emoji it does not show', () => {
    expect(withReaction([{ emoji: '👍', count: 1, me: false }], '🎉', false, false)).toEqual([{ emoji: '👍', count: 1, me: false }]);
  });
});

describe('applyReaction', () => {
  it('changes the reactions of the named message and no seq', () => {
    const timeline = mergeMessages(emptyTimeline, [message(1), message(2)]);
    const next = applyReaction(timeline, { messageId: 'm1', emoji: '❤️', added: true, mine: false });
    expect(next.confirmed[0].reactions).toEqual([{ emoji: '❤️', count: 1, me: false }]);
    expect(next.confirmed[1]).toBe(timeline.confirmed[1]);
    expect(next.confirmed.map((m) => m.seq)).toEqual([1, 2]);
    expect(lastSeq(next)).toBe(2);
  });

  it('reads a message of a v1 server without reactions as having none', () => {
    const timeline = mergeMessages(emptyTimeline, [message(1)]);
    expect(isMine(timeline.confirmed[0], '👍')).toBe(false);
    const next = applyReaction(timeline, { messageId: 'm1', emoji: '👍', added: true, mine: true });
    expect(isMine(next.confirmed[0], '👍')).toBe(true);
  });

  it('leaves the timeline as it is for a message it does not hold', () => {
    const timeline = mergeMessages(emptyTimeline, [message(1)]);
    expect(applyReaction(timeline, { messageId: 'elsewhere', emoji: '👍', added: true, mine: false })).toBe(timeline);
  });

  it('lets a later page with current counts replace the held ones', () => {
    const timeline = applyReaction(mergeMessages(emptyTimeline, [message(1)]), { messageId: 'm1', emoji: '👍', added: true, mine: false });
    const page = mergeMessages(timeline, [message(1, { reactions: [{ emoji: '👍', count: 3, me: true }] })]);
    expect(page.confirmed[0].reactions).toEqual([{ emoji: '👍', count: 3, me: true }]);
  });
});

describe('emojiKey', () => {
  it('names an emoji by its code points, for element ids', () => {
    expect(emojiKey('👍')).toBe('1f44d');
    expect(emojiKey('❤️')).toBe('2764-fe0f');
    expect(new Set(COMMON_EMOJI.map(emojiKey)).size).toBe(COMMON_EMOJI.length);
  });
});
