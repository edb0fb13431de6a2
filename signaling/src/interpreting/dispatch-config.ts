export interface DispatchConfig {
  /** Interpreters rung at once. */
  ringBatchSize: number;
  /** How long one batch rings before the next batch is rung. */
  ringMs: number;
  /** How long a booked request waits for its assigned interpreter before on-demand dispatch starts. */
  bookedWaitMs: number;
  /** How long an interpreter whose console dropped (a reload, a network blip) keeps their place in a session. */
  reconnectGraceMs?: number;
}

export const defaultDispatchConfig: DispatchConfig = { ringBatchSize: 3, ringMs: 20_000, bookedWaitMs: 120_000, reconnectGraceMs: 15_000 };
