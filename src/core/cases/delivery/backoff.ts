/**
 * Exponential back-off with full jitter: attempt n waits a uniformly random time between 0 and
 * min(cap, base · 2^(n-1)). Spreads retries of many kiosks and cases instead of synchronising them.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 40);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
