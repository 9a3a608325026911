/**
 * The SPA's client-side routes. The gateway answers index.html for any extension-less path,
 * so each of these also works as a deep link (a reload, or the reset link of the mail).
 */
export type Route =
  | { name: 'signIn' }
  | { name: 'register' }
  | { name: 'forgotPassword' }
  | { name: 'resetPassword'; token: string | null }
  | { name: 'home' }
  | { name: 'profile' }
  | { name: 'user'; userId: string }
  | { name: 'conversation'; conversationId: string; at?: number };

/** Longer than any token the auth service issues; a longer one is refused without a request. */
export const MAX_RESET_TOKEN_LENGTH = 512;

export const paths = {
  signIn: '/login',
  register: '/register',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  profile: '/profile',
  user: (id: string) => `/u/${encodeURIComponent(id)}`,
  /** `at` opens the conversation at that seq (a search result, the original of a reply). */
  conversation: (id: string, at?: number) => `/c/${encodeURIComponent(id)}${at ? `?at=${at}` : ''}`,
};

/** The reset token of `?token=…`, or null when it is missing, blank or too long. */
export function resetTokenFrom(search: string): string | null {
  const token = new URLSearchParams(search).get('token')?.trim() ?? '';
  return token.length > 0 && token.length <= MAX_RESET_TOKEN_LENGTH ? token : null;
}

/** The route of a path (pathname plus query). The password pages are open with or without a session. */
export function routeOf(path: string, signedIn: boolean): Route {
  const queryAt = path.indexOf('?');
  const pathname = (queryAt < 0 ? path : path.slice(0, queryAt)).replace(/\/+$/, '') || '/';
  const search = queryAt < 0 ? '' : path.slice(queryAt);

  if (pathname === paths.forgotPassword) return { name: 'forgotPassword' };
  if (pathname === paths.resetPassword) return { name: 'resetPassword', token: resetTokenFrom(search) };
  if (!signedIn) return pathname === paths.register ? { name: 'register' } : { name: 'signIn' };
  if (pathname === paths.profile) return { name: 'profile' };
  const user = segment(pathname, '/u/');
  if (user) return { name: 'user', userId: user };
  const conversation = segment(pathname, '/c/');
  if (conversation) {
    const at = seqFrom(search);
    return at ? { name: 'conversation', conversationId: conversation, at } : { name: 'conversation', conversationId: conversation };
  }
  return { name: 'home' };
}

/** The positive integer of `?at=`, or null when it is missing or anything else. */
export function seqFrom(search: string): number | null {
  const raw = new URLSearchParams(search).get('at') ?? '';
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) return null;
  const seq = Number(raw);
  return Number.isSafeInteger(seq) ? seq : null;
}

/** The one path segment after `prefix`, decoded; null when there is none, more than one, or it is malformed. */
function segment(pathname: string, prefix: string): string | null {
  if (!pathname.startsWith(prefix)) return null;
  const rest = pathname.slice(prefix.length);
  if (rest.length === 0 || rest.length > 200 || rest.includes('/')) return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    return null;
  }
}
