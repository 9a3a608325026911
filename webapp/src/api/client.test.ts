import { describe, expect, it } from 'vitest';
import { Api, ApiError } from './client';

describe('Api.uploadMedia', () => {
  it('sends the purpose before the file, so media-service can store the file while it arrives', async () => {
    let sent: FormData | undefined;
    const api = new Api(async (_input, init) => {
      sent = init?.body as FormData;
      return new Response(JSON.stringify({ id: 'm1', url: '/api/media/m1', thumbnailUrl: null }), { status: 201 });
    });

    await api.uploadMedia(new File(['%PDF-1.4'], 'cv.pdf', { type: 'application/pdf' }), 'attachment');

    expect([...sent!.keys()]).toEqual(['purpose', 'file']);
    expect(sent!.get('purpose')).toBe('attachment');
  });
});

/** A fetch stand-in that records each call and answers with the given response. */
function recording(answer: () => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const api = new Api(async (input, init) => {
    calls.push({ url: String(input), init: init ?? {} });
    return answer();
  });
  return { api, calls };
}

function problem(status: number, slug: string, detail: string, errors?: { field: string; message: string }[]): Response {
  return new Response(JSON.stringify({ type: `https://chat-suite.dev/problems/${slug}`, title: slug, status, detail, errors }),
    { status, headers: { 'Content-Type': 'application/problem+json' } });
}

describe('Api.forgotPassword', () => {
  it('posts the email as JSON and resolves on the empty 202', async () => {
    const { api, calls } = recording(() => new Response(null, { status: 202 }));

    await expect(api.forgotPassword('ada@example.test')).resolves.toBeUndefined();

    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/api/auth/password/forgot');
    expect(calls[0].init.method).toBe('POST');
    expect((calls[0].init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ email: 'ada@example.test' });
  });

  it('rejects with the problem of a 429, so the form can show its detail', async () => {
    const { api } = recording(() => problem(429, 'rate-limited', 'Too many requests; try again in 60 seconds.'));

    const error = await api.forgotPassword('ada@example.test').catch((e) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error.problem.status).toBe(429);
    expect(error.message).toBe('Too many requests; try again in 60 seconds.');
  });
});

describe('Api.resetPassword', () => {
  it('posts the token and the new password and resolves on 204', async () => {
    const { api, calls } = recording(() => new Response(null, { status: 204 }));

    await expect(api.resetPassword('tok-123', 'a long new password')).resolves.toBeUndefined();

    expect(calls[0].url).toBe('/api/auth/password/reset');
    expect(calls[0].init.method).toBe('POST');
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ token: 'tok-123', newPassword: 'a long new password' });
  });

  it('keeps the slug and the field errors of invalid-reset-token', async () => {
    const { api } = recording(() => problem(400, 'invalid-reset-token',
      'This reset link is invalid, expired or already used; ask for a new one.', [{ field: 'token', message: 'Invalid, expired or already used.' }]));

    const error: ApiError = await api.resetPassword('used', 'a long new password').catch((e) => e);

    expect(error.slug).toBe('invalid-reset-token');
    expect(error.fieldErrors()).toEqual({ token: 'Invalid, expired or already used.' });
  });
});

describe('Api.user', () => {
  it('gets the public profile of another user by its encoded id', async () => {
    const profile = { id: 'u 1', username: 'ada', displayName: 'Ada', bio: null, location: 'London', links: ['https://ada.dev'], avatar: null };
    const { api, calls } = recording(() => new Response(JSON.stringify(profile), { status: 200 }));

    await expect(api.user('u 1')).resolves.toEqual(profile);
    expect(calls[0].url).toBe('/api/users/u%201');
    expect(calls[0].init.method).toBe('GET');
  });

  it('rejects with a 404 problem for an unknown or hidden user', async () => {
    const { api } = recording(() => problem(404, 'not-found', 'No such user.'));

    const error: ApiError = await api.user('gone').catch((e) => e);

    expect(error.problem.status).toBe(404);
    expect(error.slug).toBe('not-found');
  });
});

describe('Api.updateMe', () => {
  it('sends links and location in the patch and maps each link error to its field', async () => {
    const { api, calls } = recording(() => problem(400, 'validation', 'The profile is invalid.', [
      { field: 'links[1]', message: 'Must be an http or https URL.' },
      { field: 'location', message: 'Must be at most 100 characters.' },
    ]));

    const error: ApiError = await api.updateMe({ location: 'x'.repeat(101), links: ['https://a.example', 'ftp://b'] }).catch((e) => e);

    expect(calls[0].init.method).toBe('PATCH');
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ location: 'x'.repeat(101), links: ['https://a.example', 'ftp://b'] });
    expect(error.fieldErrors()).toEqual({ 'links[1]': 'Must be an http or https URL.', location: 'Must be at most 100 characters.' });
  });
});

describe('Api.searchMessages', () => {
  it('sends q, limit, the optional conversation and the cursor of "more"', async () => {
    const { api, calls } = recording(() => new Response(JSON.stringify({ items: [], nextCursor: null }), { status: 200 }));

    await api.searchMessages('"red fox" & <b>', { conversationId: 'c 1', cursor: 'opaque/cursor=', limit: 20 });
    await api.searchMessages('cats');

    const first = new URL(calls[0].url, 'http://x');
    expect(first.pathname).toBe('/api/search/messages');
    expect(first.searchParams.get('q')).toBe('"red fox" & <b>');
    expect(first.searchParams.get('conversationId')).toBe('c 1');
    expect(first.searchParams.get('cursor')).toBe('opaque/cursor=');
    expect(first.searchParams.get('limit')).toBe('20');
    const second = new URL(calls[1].url, 'http://x');
    expect([...second.searchParams.keys()].sort()).toEqual(['limit', 'q']);
    expect(calls[0].init.method).toBe('GET');
  });

  it('rejects with the 400 problem of a refused query', async () => {
    const { api } = recording(() => problem(400, 'validation', 'q must not be empty.', [{ field: 'q', message: 'Must not be empty.' }]));

    const error: ApiError = await api.searchMessages('x').catch((e) => e);

    expect(error.problem.status).toBe(400);
    expect(error.message).toBe('q must not be empty.');
  });
});

describe('Api reactions', () => {
  it('puts and deletes the reaction with the emoji as one UTF-8 percent-encoded segment', async () => {
    const { api, calls } = recording(() => new Response(null, { status: 204 }));

    await expect(api.addReaction('m1', '❤️')).resolves.toBeUndefined();
    await api.removeReaction('m1', '👍🏽');

    expect(calls[0].init.method).toBe('PUT');
    expect(calls[0].url).toBe('/api/messages/m1/reactions/%E2%9D%A4%EF%B8%8F');
    expect(calls[0].init.body).toBeUndefined();
    expect(calls[1].init.method).toBe('DELETE');
    expect(calls[1].url).toBe('/api/messages/m1/reactions/%F0%9F%91%8D%F0%9F%8F%BD');
  });

  it('keeps the detail of a 400 for too many distinct emoji', async () => {
    const { api } = recording(() => problem(400, 'too-many-reactions', 'A message has at most 20 distinct emoji.'));

    const error: ApiError = await api.addReaction('m1', '🦄').catch((e) => e);

    expect(error.problem.status).toBe(400);
    expect(error.message).toBe('A message has at most 20 distinct emoji.');
  });
});

describe('Api.postMessage replies', () => {
  it('sends replyToId in the JSON body only when replying', async () => {
    const { api, calls } = recording(() => new Response(JSON.stringify({ id: 'm2' }), { status: 201 }));

    await api.postMessage('c1', 'yes', 'k1', [], 'm1');
    await api.postMessage('c1', 'plain', 'k2');

    expect(JSON.parse(calls[0].init.body as string)).toEqual({ body: 'yes', clientMessageId: 'k1', replyToId: 'm1' });
    expect(JSON.parse(calls[1].init.body as string)).toEqual({ body: 'plain', clientMessageId: 'k2' });
  });

  it('sends replyToId as a part of a multipart send', async () => {
    const { api, calls } = recording(() => new Response(JSON.stringify({ id: 'm2' }), { status: 201 }));

    await api.postMessage('c1', 'see file', 'k1', [new File(['x'], 'a.txt')], 'm1');

    const form = calls[0].init.body as FormData;
    expect(form.get('replyToId')).toBe('m1');
    expect([...form.keys()]).toEqual(['body', 'clientMessageId', 'replyToId', 'files']);
  });
});
