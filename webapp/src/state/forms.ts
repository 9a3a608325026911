import { ApiError } from '../api/client';

/** What a form shows after a failed submit: a banner message and errors keyed by field name. */
export interface FormError {
  message: string;
  fields: Record<string, string>;
}

export function describeError(error: unknown, fallback = 'Something went wrong. Please try again.'): FormError {
  if (error instanceof ApiError) return { message: error.message, fields: error.fieldErrors() };
  return { message: fallback, fields: {} };
}

/** The contract's bounds on a new password (auth-service checks them too, plus the breached list). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** Field errors the reset form can tell before asking the server; empty when there are none. */
export function checkNewPassword(newPassword: string, confirmation: string): Record<string, string> {
  const fields: Record<string, string> = {};
  if (newPassword.length < PASSWORD_MIN || newPassword.length > PASSWORD_MAX) {
    fields.newPassword = `Password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`;
  } else if (newPassword !== confirmation) {
    fields.confirmPassword = 'The two passwords differ.';
  }
  return fields;
}

export interface ResetFailure extends FormError {
  /** The link itself is unusable (unknown, expired or used): only a new one helps. */
  tokenInvalid: boolean;
}

/** Maps a failed reset to the form: `invalid-reset-token` (field `token`) versus password errors. */
export function describeResetFailure(error: unknown): ResetFailure {
  const described = describeError(error, 'Resetting the password failed. Please try again.');
  const tokenInvalid = error instanceof ApiError && (error.slug === 'invalid-reset-token' || 'token' in described.fields);
  return { ...described, tokenInvalid };
}

/** The profile's link rows as the PATCH sends them: blank rows dropped, `rowOf[i]` the row of `links[i]`. */
export function linksPatch(rows: string[]): { links: string[]; rowOf: number[] } {
  const links: string[] = [];
  const rowOf: number[] = [];
  rows.forEach((row, index) => {
    const link = row.trim();
    if (link) {
      links.push(link);
      rowOf.push(index);
    }
  });
  return { links, rowOf };
}

/**
 * Puts the server's `links[i]` errors under the row that held `links[i]`; an error on `links`
 * as a whole (e.g. too many) stays under the list.
 */
export function linkErrors(fields: Record<string, string>, rowOf: number[]): { list: string | null; rows: Record<number, string> } {
  const rows: Record<number, string> = {};
  for (const [field, message] of Object.entries(fields)) {
    const match = /^links\[(\d+)\]$/.exec(field);
    if (!match) continue;
    const sent = Number(match[1]);
    rows[sent < rowOf.length ? rowOf[sent] : sent] ??= message;
  }
  return { list: fields.links ?? null, rows };
}

/** An href for a profile link: only http(s) URLs become links; anything else is shown as text. */
export function safeHref(link: string): string | null {
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The contract's limit on profile links. */
export const MAX_LINKS = 5;

/** Row errors after row `index` is removed: its own error goes, the rows below move up one. */
export function withoutRow(rows: Record<number, string>, index: number): Record<number, string> {
  const next: Record<number, string> = {};
  for (const [key, message] of Object.entries(rows)) {
    const row = Number(key);
    if (row < index) next[row] = message;
    else if (row > index) next[row - 1] = message;
  }
  return next;
}
