import { describe, expect, it } from 'vitest';
import type { Message, SearchHit } from '../api/types';
import { idleSearch, MAX_SEARCH_QUERY, moreStarted, pageArrived, queryProblem, searchFailed, searchStarted } from './search';

function hit(id: string): SearchHit {
  const message: Message = {
    id, conversationId: 'c1', seq: 1, senderId: 'u1', body: 'b', attachments: [], clientMessageId: null,
    createdAt: '2026-11-24T10:00:00.000Z', editedAt: null, deletedAt: null,
  };
  return { message, conversationTitle: null, highlight: '<mark>b</mark>' };
}

describe('queryProblem', () => {
  it('refuses what the contract answers 400 for, before any request', () => {
    expect(queryProblem('   ')).not.toBeNull();
    expect(queryProblem('x'.repeat(MAX_SEARCH_QUERY + 1))).not.toBeNull();
    expect(queryProblem(` ${'x'.repeat(MAX_SEARCH_QUERY)} `)).toBeNull();
    expect(queryProblem('"exact phrase" stem')).toBeNull();
  });
});

describe('search paging', () => {
  it('shows the first page, then appends the next one on "more"', () => {
    const started = searchStarted(idleSearch, ' cats ', null);
    expect(started).toMatchObject({ query: 'cats', status: 'loading', hits: [] });
    const first = pageArrived(started, started.request, { items: [hit('a'), hit('b')], nextCursor: 'k1' });
    expect(first).toMatchObject({ status: 'done', nextCursor: 'k1' });
    const more = moreStarted(first)!;
    expect(more.status).toBe('loadingMore');
    const second = pageArrived(more, more.request, { items: [hit('b'), hit('c')], nextCursor: null });
    expect(second.hits.map((h) => h.message.id)).toEqual(['a', 'b', 'c']);
    expect(second.nextCursor).toBeNull();
    expect(moreStarted(second)).toBeNull();
  });

  it('drops the answer of a search that a newer one replaced', () => {
    const old = searchStarted(idleSearch, 'cat', null);
    const newer = searchStarted(old, 'dog', 'c1');
    expect(pageArrived(newer, old.request, { items: [hit('stale')], nextCursor: null })).toBe(newer);
    expect(searchFailed(newer, old.request, 'boom')).toBe(newer);
    expect(newer.conversationId).toBe('c1');
  });

  it('asks no second "more" while one is under way', () => {
    const first = pageArrived(searchStarted(idleSearch, 'cat', null), 1, { items: [hit('a')], nextCursor: 'k1' });
    expect(moreStarted(moreStarted(first)!)).toBeNull();
  });

  it('keeps the shown hits and the cursor when "more" fails, so it can be asked again', () => {
    const first = pageArrived(searchStarted(idleSearch, 'cat', null), 1, { items: [hit('a')], nextCursor: 'k1' });
    const more = moreStarted(first)!;
    const failed = searchFailed(more, more.request, 'The server answered 502.');
    expect(failed).toMatchObject({ status: 'error', error: 'The server answered 502.', nextCursor: 'k1' });
    expect(failed.hits).toHaveLength(1);
    expect(moreStarted(failed)?.status).toBe('loadingMore');
  });

  it('shows the detail of a refused search', () => {
    const started = searchStarted(idleSearch, 'cat', null);
    expect(searchFailed(started, started.request, 'q must be at most 200 characters.'))
      .toMatchObject({ status: 'error', error: 'q must be at most 200 characters.', nextCursor: null, hits: [] });
  });
});
