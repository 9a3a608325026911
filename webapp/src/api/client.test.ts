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
