import { describe, expect, it } from 'vitest';
import { reconnectDelay, shouldReconnect } from './backoff';

describe('reconnectDelay', () => {
  it('should grow exponentially between half and all of the ceiling', () => {
    const policy = { baseMs: 500, maxMs: 30_000 };
    expect(reconnectDelay(0, policy, () => 0)).toBe(250);
    expect(reconnectDelay(0, policy, () => 1)).toBe(500);
    expect(reconnectDelay(3, policy, () => 1)).toBe(4000);
  });

  it('should never exceed the cap', () => {
    expect(reconnectDelay(20, { baseMs: 500, maxMs: 30_000 }, () => 1)).toBe(30_000);
  });
});

describe('shouldReconnect', () => {
  it('should give up on a disabled account and retry everything else', () => {
    expect(shouldReconnect(4003)).toBe(false);
    expect(shouldReconnect(4001)).toBe(true);
    expect(shouldReconnect(1001)).toBe(true);
    expect(shouldReconnect(1006)).toBe(true);
  });
});
