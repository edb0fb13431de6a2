import { logError } from '../logging/safe-log.ts';
import type { UsageRecorder } from '../statistics/usage-recorder.ts';
import type { LiveSession } from './live-session.ts';

export interface SessionQualitySamplingDeps {
  /** Where the samples go; without a recorder nothing is sampled. */
  usage: UsageRecorder | null;
  /** How often an active session's room is sampled. */
  intervalMs: number;
  /** Recoveries in the session so far (participants back, media rebuilt, ICE restarts). */
  reconnectsOf(sessionId: string): number;
}

/**
 * The media quality of served sessions as usage statistics: every active session's room is
 * sampled (RTT, loss, reconnects) periodically and once more before its media goes away.
 */
export class SessionQualitySampling {
  readonly #deps: SessionQualitySamplingDeps;

  constructor(deps: SessionQualitySamplingDeps) {
    this.#deps = deps;
  }

  /** The session is active: sample it periodically from now on (the timer does not hold a stopping process). */
  start(live: LiveSession): void {
    live.qualityTimer = setInterval(() => void this.sample(live), this.#deps.intervalMs);
    live.qualityTimer.unref?.();
  }

  stop(live: LiveSession): void {
    if (live.qualityTimer) clearInterval(live.qualityTimer);
  }

  /** Records the room's media quality (RTT, loss) as a usage event; never fails the session. */
  async sample(live: LiveSession): Promise<void> {
    const usage = this.#deps.usage;
    if (!usage || !live.room || live.room.closed) return;
    try {
      const sample = await live.room.qualitySample();
      if (sample.streams === 0) return;
      const { record } = live;
      await usage.record(
        'mediaQuality',
        { servicePointId: record.servicePointId, agencyId: record.agencyId, serviceId: record.serviceId, visitId: record.visitId, sessionId: record.sessionId, language: record.language },
        { rttMs: sample.rttMs, lossPct: sample.lossPct, reconnects: this.#deps.reconnectsOf(record.sessionId), streams: sample.streams },
      );
    } catch (error) {
      logError('sessions', 'media quality sample failed', error);
    }
  }
}
