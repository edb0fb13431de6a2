/** Exponential backoff with jitter for reconnection attempts. */
export interface BackoffPolicy {
  /** Delay before the first retry (attempt 0), before jitter. */
  initialMs: number;
  /** Cap of the delay, before jitter. */
  maxMs: number;
  factor: number;
  /**
   * Share of the delay that is random (0 = none, 1 = "full jitter"): the delay is drawn from
   * [base × (1 − jitter), base], so that thousands of kiosks do not come back in lockstep
   * after a server restart.
   */
  jitter: number;
}

/**
 * Signalling reconnection: quick first retries, capped at 1.5 s. A link that returns must carry
 * media again within about two seconds, and the ICE restart that brings it back needs the
 * signalling connection (a browser restarts ICE on a receive transport only when the server's
 * ICE parameters change), so the cap bounds the recovery time; the jitter spreads the kiosks.
 */
export const reconnectBackoff: BackoffPolicy = { initialMs: 250, maxMs: 1500, factor: 2, jitter: 0.5 };

/** The delay before retry number `attempt` (0-based). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = reconnectBackoff, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(base * (1 - jitter + jitter * random()));
}
