import type { Conversation, FieldError, Message, Me, Page, Problem, PublicProfile, SearchHit, Session } from './types';

/** A problem+json answer, kept whole so the UI can show `detail` and put `errors` under their fields. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }

  /** The problem's type slug (the last path segment of `type`, e.g. `invalid-reset-token`). */
  get slug(): string {
    return this.problem.type.slice(this.problem.type.lastIndexOf('/') + 1);
  }

  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const error of this.problem.errors ?? ([] as FieldError[])) {
      byField[error.field] ??= error.message;
    }
    return byField;
  }
}

export type Fetch = typeof fetch;

/**
 * Calls the gateway (same origin). The browser sends the session cookies; the page never
 * sees a token. Unsafe methods carry the Origin header the gateway's CSRF check wants,
 * which browsers add by themselves.
 */
export class Api {
  constructor(private readonly fetchImpl: Fetch = (input, init) => fetch(input, init)) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await this.fetchImpl(path, init);
    } catch {
      throw new ApiError({ type: 'network', title: 'Offline', status: 0, detail: 'Cannot reach the server. Check your connection.' });
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const parsed = text ? safeJson(text) : undefined;
    if (!response.ok) {
      throw new ApiError(isProblem(parsed) ? parsed : {
        type: 'about:blank',
        title: response.statusText || 'Error',
        status: response.status,
        detail: `The server answered ${response.status}.`,
      });
    }
    return parsed as T;
  }

  session(): Promise<Session | null> {
    return this.request<Session>('GET', '/api/session').catch((e) => {
      if (e instanceof ApiError && e.problem.status === 401) return null;
      throw e;
    });
  }

  login(identifier: string, password: string): Promise<Session> {
    return this.request('POST', '/api/session', { identifier, password });
  }

  logout(): Promise<void> {
    return this.request('DELETE', '/api/session');
  }

  register(input: { email: string; username: string; password: string; displayName?: string }): Promise<{ user: Me }> {
    return this.request('POST', '/api/auth/register', input);
  }

  /** Asks for a reset link by mail; the gateway answers 202 whether or not the address is known. */
  forgotPassword(email: string): Promise<void> {
    return this.request('POST', '/api/auth/password/forgot', { email });
  }

  /** Sets a new password with the single-use token of the reset link; ends every session of the account. */
  resetPassword(token: string, newPassword: string): Promise<void> {
    return this.request('POST', '/api/auth/password/reset', { token, newPassword });
  }

  updateMe(patch: Partial<Pick<Me, 'displayName' | 'bio' | 'location' | 'links'>> & { avatarMediaId?: string | null }): Promise<Me> {
    return this.request('PATCH', '/api/auth/me', patch);
  }

  uploadMedia(file: File, purpose: 'avatar' | 'attachment'): Promise<{ id: string; url: string; thumbnailUrl: string | null }> {
    const form = new FormData();
    // The purpose before the file: media-service stores a file sent last while it arrives.
    form.append('purpose', purpose);
    form.append('file', file);
    return this.request('POST', '/api/media', form);
  }

  searchUsers(q: string): Promise<Page<PublicProfile>> {
    return this.request('GET', `/api/users?q=${encodeURIComponent(q)}&limit=20`);
  }

  user(id: string): Promise<PublicProfile> {
    return this.request('GET', `/api/users/${encodeURIComponent(id)}`);
  }

  conversations(cursor?: string | null): Promise<Page<Conversation>> {
    return this.request('GET', `/api/conversations?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  }

  startDirect(participantId: string): Promise<Conversation> {
    return this.request('POST', '/api/conversations', { type: 'direct', participantId });
  }

  messages(conversationId: string, query: { after?: number; before?: number; cursor?: string | null; limit?: number }): Promise<Page<Message>> {
    const params = new URLSearchParams({ limit: String(query.limit ?? 50) });
    if (query.cursor) params.set('cursor', query.cursor);
    else if (query.after !== undefined) params.set('after', String(query.after));
    else if (query.before !== undefined) params.set('before', String(query.before));
    return this.request('GET', `/api/conversations/${conversationId}/messages?${params}`);
  }

  conversation(id: string): Promise<Conversation> {
    return this.request('GET', `/api/conversations/${encodeURIComponent(id)}`);
  }

  /** `replyToId` (v1.1) names a message of the same conversation; it is sent only when set. */
  postMessage(conversationId: string, body: string, clientMessageId: string, files: File[] = [], replyToId: string | null = null): Promise<Message> {
    if (files.length === 0) {
      return this.request('POST', `/api/conversations/${conversationId}/messages`,
        replyToId ? { body, clientMessageId, replyToId } : { body, clientMessageId });
    }
    const form = new FormData();
    form.append('body', body);
    form.append('clientMessageId', clientMessageId);
    if (replyToId) form.append('replyToId', replyToId);
    for (const file of files) form.append('files', file);
    return this.request('POST', `/api/conversations/${conversationId}/messages`, form);
  }

  /**
   * v1.1 full-text search over the caller's conversations (or one), newest first. The next
   * page is asked with the opaque `cursor` of the previous one, like every list.
   */
  searchMessages(q: string, query: { conversationId?: string | null; cursor?: string | null; limit?: number } = {}): Promise<Page<SearchHit>> {
    const params = new URLSearchParams({ q, limit: String(query.limit ?? 20) });
    if (query.conversationId) params.set('conversationId', query.conversationId);
    if (query.cursor) params.set('cursor', query.cursor);
    return this.request('GET', `/api/search/messages?${params}`);
  }

  /** v1.1: idempotent; the emoji is one path segment, percent-encoded as UTF-8. */
  addReaction(messageId: string, emoji: string): Promise<void> {
    return this.request('PUT', `/api/messages/${encodeURIComponent(messageId)}/reactions/${encodeURIComponent(emoji)}`);
  }

  removeReaction(messageId: string, emoji: string): Promise<void> {
    return this.request('DELETE', `/api/messages/${encodeURIComponent(messageId)}/reactions/${encodeURIComponent(emoji)}`);
  }

  editMessage(id: string, body: string): Promise<Message> {
    return this.request('PATCH', `/api/messages/${id}`, { body });
  }

  deleteMessage(id: string): Promise<void> {
    return this.request('DELETE', `/api/messages/${id}`);
  }

  markRead(conversationId: string, seq: number): Promise<void> {
    return this.request('POST', `/api/conversations/${conversationId}/read`, { seq });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'detail' in value;
}
