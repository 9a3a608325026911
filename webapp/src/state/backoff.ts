/**
 * Reconnect delays after a dropped socket: exponential from `baseMs`, capped at `maxMs`, with
 * full jitter so that a restarted server is not hit by every tab at the same instant.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 500, maxMs: 30_000 };

export function reconnectDelay(attempt: number, policy: BackoffPolicy = defaultBackoff, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Close codes after which reconnecting with the same credentials cannot help. */
export function shouldReconnect(closeCode: number): boolean {
  return closeCode !== 4003;
}
