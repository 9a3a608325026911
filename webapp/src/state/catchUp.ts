import type { Message, Page } from '../api/types';
import { lastSeq, mergeMessages, type Timeline } from './timeline';

export type FetchAfter = (after: number, cursor: string | null) => Promise<Page<Message>>;

/**
 * Brings a timeline up to date after a reconnect (the socket does not replay missed events):
 * pages through `?after=<last seq held>` until the server has nothing newer.
 */
export async function catchUp(timeline: Timeline, fetchAfter: FetchAfter, maxPages = 100): Promise<Timeline> {
  let current = timeline;
  const after = lastSeq(timeline);
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const result = await fetchAfter(after, cursor);
    current = mergeMessages(current, result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return current;
}
