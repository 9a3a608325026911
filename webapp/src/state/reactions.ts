import type { Message, Reaction } from '../api/types';
import type { Timeline } from './timeline';

/** The picker's choices: single emoji graphemes, as the contract wants one per reaction. */
export const COMMON_EMOJI: readonly string[] = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'];

/** Longer than any single emoji grapheme (the longest ZWJ sequences are 11 code points). */
export const MAX_EMOJI_INPUT = 32;

export function reactionsOf(message: Message): readonly Reaction[] {
  return message.reactions ?? [];
}

/** An id-safe name of an emoji: its code points in hex, joined by `-` (`❤️` is `2764-fe0f`). */
export function emojiKey(emoji: string): string {
  return Array.from(emoji, (c) => c.codePointAt(0)!.toString(16)).join('-');
}

/** Whether a click on this emoji removes the caller's reaction (they have it) or adds it. */
export function isMine(message: Message, emoji: string): boolean {
  return reactionsOf(message).some((r) => r.emoji === emoji && r.me);
}

/**
 * One user's reaction added or removed. The caller's own change is counted once however often
 * it arrives (the optimistic toggle, then the echo of the event, or a repeated put): `me` says
 * whether it is already counted. A new emoji goes last, as the contract orders by first use.
 */
export function withReaction(reactions: readonly Reaction[], emoji: string, added: boolean, mine: boolean): Reaction[] {
  const i = reactions.findIndex((r) => r.emoji === emoji);
  const current = i >= 0 ? reactions[i] : null;
  if (added) {
    if (!current) return [...reactions, { emoji, count: 1, me: mine }];
    if (mine && current.me) return [...reactions];
    return reactions.map((r, j) => (j === i ? { emoji, count: r.count + 1, me: r.me || mine } : r));
  }
  if (!current || (mine && !current.me)) return [...reactions];
  if (current.count <= 1) return reactions.filter((_, j) => j !== i);
  return reactions.map((r, j) => (j === i ? { emoji, count: r.count - 1, me: mine ? false : r.me } : r));
}

/**
 * Applies a reaction (a `reaction` event, or the caller's own toggle) to the message it names.
 * Seqs are untouched: a reaction never moves the timeline on. A message the timeline does not
 * hold is left alone; its page will carry the current counts when it is loaded.
 */
export function applyReaction(timeline: Timeline, change: { messageId: string; emoji: string; added: boolean; mine: boolean }): Timeline {
  const index = timeline.confirmed.findIndex((m) => m.id === change.messageId);
  if (index < 0) return timeline;
  const message = timeline.confirmed[index];
  const reactions = withReaction(reactionsOf(message), change.emoji, change.added, change.mine);
  const confirmed = timeline.confirmed.slice();
  confirmed[index] = { ...message, reactions };
  return { ...timeline, confirmed };
}
