import { describe, expect, it } from 'vitest';
import { MAX_RESET_TOKEN_LENGTH, paths, resetTokenFrom, routeOf, seqFrom } from './routes';

describe('routeOf', () => {
  it('opens the reset page of the mail link with its token, signed in or not', () => {
    expect(routeOf('/reset-password?token=abc_DEF-123', false)).toEqual({ name: 'resetPassword', token: 'abc_DEF-123' });
    expect(routeOf('/reset-password?token=abc_DEF-123', true)).toEqual({ name: 'resetPassword', token: 'abc_DEF-123' });
  });

  it('decodes the token and tolerates a trailing slash and other parameters', () => {
    expect(routeOf('/reset-password/?utm=mail&token=a%2Bb%3D', false)).toEqual({ name: 'resetPassword', token: 'a+b=' });
  });

  it('gives a reset page without a token when the link lacks one, is blank or is too long', () => {
    expect(routeOf('/reset-password', false)).toEqual({ name: 'resetPassword', token: null });
    expect(routeOf('/reset-password?token=%20%20', false)).toEqual({ name: 'resetPassword', token: null });
    expect(routeOf(`/reset-password?token=${'t'.repeat(MAX_RESET_TOKEN_LENGTH + 1)}`, false)).toEqual({ name: 'resetPassword', token: null });
  });

  it('does not send the reset link to sign-in', () => {
    expect(routeOf('/reset-password?token=t', false).name).not.toBe('signIn');
  });

  it('opens the forgot-password page with or without a session', () => {
    expect(routeOf('/forgot-password', false)).toEqual({ name: 'forgotPassword' });
    expect(routeOf('/forgot-password', true)).toEqual({ name: 'forgotPassword' });
  });

  it('shows sign-in for every other path without a session, and register on /register', () => {
    expect(routeOf('/', false)).toEqual({ name: 'signIn' });
    expect(routeOf('/c/123', false)).toEqual({ name: 'signIn' });
    expect(routeOf('/u/123', false)).toEqual({ name: 'signIn' });
    expect(routeOf('/register', false)).toEqual({ name: 'register' });
  });

  it('routes the signed-in pages: profile, another user, a conversation, else home', () => {
    expect(routeOf('/profile', true)).toEqual({ name: 'profile' });
    expect(routeOf(paths.user('0190c3a4-7b1e-7000-8000-000000000001'), true))
      .toEqual({ name: 'user', userId: '0190c3a4-7b1e-7000-8000-000000000001' });
    expect(routeOf(paths.conversation('c-1'), true)).toEqual({ name: 'conversation', conversationId: 'c-1' });
    expect(routeOf('/login', true)).toEqual({ name: 'home' });
    expect(routeOf('/u/', true)).toEqual({ name: 'home' });
    expect(routeOf('/u/a/b', true)).toEqual({ name: 'home' });
    expect(routeOf('/u/%E0%A4%A', true)).toEqual({ name: 'home' });
  });
});

describe('conversation at a message', () => {
  it('opens a conversation at the seq of ?at= and builds that path', () => {
    expect(paths.conversation('c-1', 120)).toBe('/c/c-1?at=120');
    expect(routeOf(paths.conversation('c-1', 120), true)).toEqual({ name: 'conversation', conversationId: 'c-1', at: 120 });
  });

  it('ignores an ?at= that is not a positive integer', () => {
    for (const bad of ['0', '-1', '1.5', 'x', '99999999999999999999', '']) {
      expect(routeOf(`/c/c-1?at=${bad}`, true)).toEqual({ name: 'conversation', conversationId: 'c-1' });
    }
    expect(seqFrom('?at=7')).toBe(7);
  });
});

describe('resetTokenFrom', () => {
  it('reads the token parameter of a query', () => {
    expect(resetTokenFrom('?token=xyz')).toBe('xyz');
    expect(resetTokenFrom('')).toBeNull();
  });
});
