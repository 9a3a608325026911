import type { Message } from '../api/types';
import type { Timeline } from './timeline';

/** How many messages a jump loads around its target. */
export const AROUND_LIMIT = 50;

/**
 * The history request that holds `seq` with messages on both sides: `after` is exclusive, so
 * `?after=<seq - half - 1>&limit=<limit>` answers seq-half … seq+limit-half-1 (fewer at the ends).
 */
export function windowAround(seq: number, limit: number = AROUND_LIMIT): { after: number; limit: number } {
  return { after: Math.max(0, seq - 1 - Math.floor(limit / 2)), limit };
}

export function messageAt(timeline: Timeline, seq: number): Message | undefined {
  return timeline.confirmed.find((m) => m.seq === seq);
}

/** A hole between two held messages (a jump loaded a window away from the newest page). */
export interface Gap {
  /** The last seq held before the hole; `?after=` this fills it from the start. */
  after: number;
  /** The first seq held after the hole. */
  before: number;
}

/** The holes between held messages, oldest first. Seqs have no gaps on the server, so any hole here is unloaded history. */
export function gapsOf(timeline: Timeline): Gap[] {
  const gaps: Gap[] = [];
  const all = timeline.confirmed;
  for (let i = 1; i < all.length; i++) {
    if (all[i].seq > all[i - 1].seq + 1) gaps.push({ after: all[i - 1].seq, before: all[i].seq });
  }
  return gaps;
}

/** The seq to ask `?before=` for older history, or null when the first message is held (or nothing is). */
export function olderBefore(timeline: Timeline): number | null {
  const first = timeline.confirmed[0];
  return first && first.seq > 1 ? first.seq : null;
}
