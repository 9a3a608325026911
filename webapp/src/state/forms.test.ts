import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { checkNewPassword, describeError, describeResetFailure, linkErrors, linksPatch, safeHref, withoutRow } from './forms';

const invalidToken = new ApiError({
  type: 'https://chat-suite.dev/problems/invalid-reset-token', title: 'Invalid reset token', status: 400,
  detail: 'This reset link is invalid, expired or already used; ask for a new one.',
  errors: [{ field: 'token', message: 'Invalid, expired or already used.' }],
});

const weakPassword = new ApiError({
  type: 'https://chat-suite.dev/problems/validation', title: 'Invalid request', status: 400, detail: 'The request is invalid.',
  errors: [{ field: 'newPassword', message: 'This password appears in known data breaches; choose another.' }],
});

describe('describeResetFailure', () => {
  it('marks the link unusable for invalid-reset-token and keeps its detail', () => {
    const failure = describeResetFailure(invalidToken);

    expect(failure.tokenInvalid).toBe(true);
    expect(failure.message).toBe('This reset link is invalid, expired or already used; ask for a new one.');
    expect(failure.fields.token).toBe('Invalid, expired or already used.');
  });

  it('puts a validation error under the new-password field and keeps the link usable', () => {
    const failure = describeResetFailure(weakPassword);

    expect(failure.tokenInvalid).toBe(false);
    expect(failure.fields).toEqual({ newPassword: 'This password appears in known data breaches; choose another.' });
  });

  it('treats a token field error as an unusable link whatever the slug', () => {
    const blank = new ApiError({ type: 'https://chat-suite.dev/problems/validation', title: 'Invalid', status: 400, detail: 'Invalid.',
      errors: [{ field: 'token', message: 'The reset token is required.' }] });

    expect(describeResetFailure(blank).tokenInvalid).toBe(true);
  });

  it('gives a generic message for anything that is not a problem', () => {
    expect(describeResetFailure(new TypeError('boom'))).toEqual({
      message: 'Resetting the password failed. Please try again.', fields: {}, tokenInvalid: false,
    });
  });
});

describe('checkNewPassword', () => {
  it('asks for 10 to 128 characters, then for two equal entries', () => {
    expect(checkNewPassword('short', 'short')).toEqual({ newPassword: 'Password must be 10 to 128 characters.' });
    expect(checkNewPassword('p'.repeat(129), 'p'.repeat(129))).toEqual({ newPassword: 'Password must be 10 to 128 characters.' });
    expect(checkNewPassword('long enough pw', 'long enough pX')).toEqual({ confirmPassword: 'The two passwords differ.' });
    expect(checkNewPassword('long enough pw', 'long enough pw')).toEqual({});
  });
});

describe('linksPatch and linkErrors', () => {
  it('drops blank rows and remembers which row each sent link came from', () => {
    expect(linksPatch([' https://a.example ', '', '   ', 'ftp://b'])).toEqual({ links: ['https://a.example', 'ftp://b'], rowOf: [0, 3] });
  });

  it('maps links[i] of the answer to the row that held it, and links to the list', () => {
    const { rowOf } = linksPatch(['https://a.example', '', 'ftp://b']);
    const fields = describeError(new ApiError({
      type: 'https://chat-suite.dev/problems/validation', title: 'Invalid', status: 400, detail: 'Invalid profile.',
      errors: [
        { field: 'links', message: 'At most 5 links.' },
        { field: 'links[1]', message: 'Must be an http or https URL.' },
        { field: 'location', message: 'Must be at most 100 characters.' },
      ],
    })).fields;

    expect(linkErrors(fields, rowOf)).toEqual({ list: 'At most 5 links.', rows: { 2: 'Must be an http or https URL.' } });
  });

  it('has no link errors when the answer names none', () => {
    expect(linkErrors({ location: 'Too long.' }, [0])).toEqual({ list: null, rows: {} });
  });

  it('moves row errors up when a row above is removed', () => {
    expect(withoutRow({ 0: 'a', 2: 'c', 3: 'd' }, 2)).toEqual({ 0: 'a', 2: 'd' });
    expect(withoutRow({ 0: 'a', 2: 'c' }, 0)).toEqual({ 1: 'c' });
  });
});

describe('safeHref', () => {
  it('links only http and https URLs', () => {
    expect(safeHref('https://ada.dev/about')).toBe('https://ada.dev/about');
    expect(safeHref('http://example.test')).toBe('http://example.test/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});
