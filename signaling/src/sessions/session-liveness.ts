import type { Participant, Principal } from '@etapiste/shared';
import type { MediaRoom } from '@etapiste/sfu';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import { logError } from '../logging/safe-log.ts';
import type { ServiceSessionRecord } from '../storage/repositories.ts';
import type { ParticipantPresence } from './participant-presence.ts';

/** How often the expert's console gets each participant's connection quality. */
export const LIVE_QUALITY_INTERVAL_MS = 3000;

export type QualityLevel = 'good' | 'fair' | 'poor' | 'unknown';

/** A participant's link quality as the expert sees it, from RTT and loss of the streams the SFU sends them. */
export function qualityLevel(rttMs: number | null, lossPct: number | null): QualityLevel {
  if (rttMs === null && lossPct === null) return 'unknown';
  const rtt = rttMs ?? 0;
  const loss = lossPct ?? 0;
  if (rtt < 200 && loss < 2) return 'good';
  if (rtt < 500 && loss < 8) return 'fair';
  return 'poor';
}

interface LiveSessions {
  roomOf(sessionId: string): MediaRoom | null;
  /** Participants of the session by subject id. */
  participantsOf(sessionId: string): Map<string, Participant>;
}

/**
 * The session service's hooks for keeping calls alive: participant presence (grace period,
 * resume tokens, reconnect counts) and the live connection quality pushed to the expert.
 */
export class SessionLiveness {
  readonly #registry: Pick<ConnectionRegistry, 'notifySubject'>;
  readonly #sessions: LiveSessions;
  readonly #qualityTimers = new Map<string, ReturnType<typeof setInterval>>();
  readonly #lastIceRestart = new Map<string, number>();
  #presence: ParticipantPresence | null = null;

  constructor(registry: Pick<ConnectionRegistry, 'notifySubject'>, sessions: LiveSessions) {
    this.#registry = registry;
    this.#sessions = sessions;
  }

  get presence(): ParticipantPresence {
    if (!this.#presence) throw new Error('participant presence is not attached');
    return this.#presence;
  }

  attachPresence(presence: ParticipantPresence): void {
    this.#presence = presence;
  }

  /**
   * A participant restarted ICE: counted as one reconnect per outage (the client retries every
   * few seconds while its link is down; restarts less than a minute apart belong to one outage).
   */
  iceRestarted(sessionId: string, participantId: string, now = Date.now()): void {
    const key = `${sessionId}/${participantId}`;
    const last = this.#lastIceRestart.get(key);
    this.#lastIceRestart.set(key, now);
    if (last === undefined || now - last > 60_000) this.#presence?.countReconnect(sessionId);
  }

  reconnectsOf(sessionId: string): number {
    return this.#presence?.reconnectsOf(sessionId) ?? 0;
  }

  /** After a restart, the participants of a restored active session are expected back within the grace period. */
  restored(record: ServiceSessionRecord, subjectIds: string[]): void {
    for (const subjectId of subjectIds) {
      const booth = subjectId === record.boothId;
      const principal: Principal = {
        role: booth ? 'booth' : 'expert',
        subjectId,
        displayName: '',
        agencyId: booth ? null : record.agencyId,
        servicePointId: booth ? record.servicePointId : null,
      };
      this.#presence?.wentOffline(principal);
    }
  }

  /** The session is active: the expert gets each participant's connection quality from now on. */
  activated(sessionId: string): void {
    if (this.#qualityTimers.has(sessionId)) return;
    const timer = setInterval(() => void this.#pushQuality(sessionId), LIVE_QUALITY_INTERVAL_MS);
    timer.unref?.();
    this.#qualityTimers.set(sessionId, timer);
  }

  ended(sessionId: string): void {
    clearInterval(this.#qualityTimers.get(sessionId));
    this.#qualityTimers.delete(sessionId);
    this.#presence?.forgetSession(sessionId);
    for (const key of this.#lastIceRestart.keys()) if (key.startsWith(`${sessionId}/`)) this.#lastIceRestart.delete(key);
  }

  stop(): void {
    for (const timer of this.#qualityTimers.values()) clearInterval(timer);
    this.#qualityTimers.clear();
    this.#presence?.stop();
  }

  async #pushQuality(sessionId: string): Promise<void> {
    const room = this.#sessions.roomOf(sessionId);
    if (!room || room.closed) return;
    try {
      const participants = this.#sessions.participantsOf(sessionId);
      const quality = new Map((await room.participantQuality()).map((entry) => [entry.participantId, entry]));
      const report = [...participants.entries()].map(([subjectId, participant]) => {
        const sample = quality.get(participant.participantId);
        const away = this.#presence?.isReconnecting(subjectId) ?? false;
        const rttMs = away ? null : (sample?.rttMs ?? null);
        const lossPct = away ? null : (sample?.lossPct ?? null);
        return { participantId: participant.participantId, role: participant.role, rttMs, lossPct, level: qualityLevel(rttMs, lossPct) };
      });
      for (const [subjectId, participant] of participants) {
        if (participant.role === 'expert') this.#registry.notifySubject(subjectId, 'media.quality', { sessionId, participants: report });
      }
    } catch (error) {
      logError('sessions', 'live quality failed', error);
    }
  }
}
