import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Participant, Principal } from '@etapiste/shared';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import { logError } from '../logging/safe-log.ts';

/** Default time a dropped participant keeps their place in an active session. */
export const DEFAULT_RECONNECT_GRACE_MS = 60_000;

/** One active session a subject takes part in, as presence needs it. */
export interface Participation {
  sessionId: string;
  participant: Participant;
  /** Subject ids of the session's other participants (they are told about this one). */
  otherSubjectIds: string[];
}

export interface PresenceDeps {
  graceMs: number;
  registry: Pick<ConnectionRegistry, 'notifySubject'>;
  /** The active sessions the subject takes part in. */
  participationsOf(subjectId: string): Participation[];
  /** The grace period ran out and the subject did not come back: the old offline handling applies. */
  onGraceExpired(principal: Principal): Promise<void>;
  /** Secret the resume tokens are derived from (the server's JWT secret: tokens survive a restart). */
  secret: Buffer;
  now?: () => number;
}

interface Absence {
  principal: Principal;
  graceEndsAt: number;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Per-participant presence in active sessions. A participant whose connection drops is
 * 'reconnecting' for a grace period: the session, its queue ticket and the other participants
 * stay, and the others are told (session.participantPresence). The participant comes back with
 * their resume token (or by setting up media again) and is 'present'; when the grace period
 * runs out, the old offline handling runs (the session ends, the customer keeps their place).
 *
 *   present --drop--> reconnecting --resume--> present        (counted as a reconnect)
 *                          \--grace over--> left (onGraceExpired)
 */
export class ParticipantPresence {
  readonly #deps: PresenceDeps;
  readonly #absent = new Map<string, Absence>();
  readonly #reconnects = new Map<string, number>();
  readonly #now: () => number;

  constructor(deps: PresenceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  get graceMs(): number {
    return this.#deps.graceMs;
  }

  /**
   * The subject's last connection closed (or, after a restart, has not come back yet). True
   * when they take part in an active session, which then waits for them; false when the old
   * offline handling should run at once.
   */
  wentOffline(principal: Principal): boolean {
    const participations = this.#deps.participationsOf(principal.subjectId);
    if (participations.length === 0) return false;
    if (this.#absent.has(principal.subjectId)) return true;
    const graceEndsAt = this.#now() + this.#deps.graceMs;
    const timer = setTimeout(() => void this.#expire(principal.subjectId), this.#deps.graceMs);
    timer.unref?.();
    this.#absent.set(principal.subjectId, { principal, graceEndsAt, timer });
    this.#tell(participations, 'reconnecting', graceEndsAt);
    return true;
  }

  /** The subject is back in its sessions (resume token, or media set up again). True if they had been away. */
  cameBack(subjectId: string): boolean {
    const absence = this.#absent.get(subjectId);
    if (!absence) return false;
    clearTimeout(absence.timer);
    this.#absent.delete(subjectId);
    const participations = this.#deps.participationsOf(subjectId);
    for (const { sessionId } of participations) this.countReconnect(sessionId);
    this.#tell(participations, 'reconnected', null);
    return true;
  }

  isReconnecting(subjectId: string): boolean {
    return this.#absent.has(subjectId);
  }

  graceEndsAt(subjectId: string): number | null {
    return this.#absent.get(subjectId)?.graceEndsAt ?? null;
  }

  /** A recovery in the session (a participant back, media rebuilt, an ICE restart): for the media-quality statistics. */
  countReconnect(sessionId: string): void {
    this.#reconnects.set(sessionId, (this.#reconnects.get(sessionId) ?? 0) + 1);
  }

  reconnectsOf(sessionId: string): number {
    return this.#reconnects.get(sessionId) ?? 0;
  }

  /** The session ended: forget its counters (absences end with the subject's sessions). */
  forgetSession(sessionId: string): void {
    this.#reconnects.delete(sessionId);
  }

  /** The participant's resume token for a session: HMAC of session and subject with the server secret. */
  resumeTokenOf(sessionId: string, subjectId: string): string {
    return createHmac('sha256', this.#deps.secret).update(`resume\n${sessionId}\n${subjectId}`).digest('base64url');
  }

  verifyResumeToken(sessionId: string, subjectId: string, token: string): boolean {
    const expected = Buffer.from(this.resumeTokenOf(sessionId, subjectId));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** Shutdown: no grace timer fires any more. */
  stop(): void {
    for (const absence of this.#absent.values()) clearTimeout(absence.timer);
    this.#absent.clear();
  }

  async #expire(subjectId: string): Promise<void> {
    const absence = this.#absent.get(subjectId);
    if (!absence) return;
    this.#absent.delete(subjectId);
    this.#tell(this.#deps.participationsOf(subjectId), 'left', null);
    try {
      await this.#deps.onGraceExpired(absence.principal);
    } catch (error) {
      logError('presence', 'handling the end of a grace period failed', error);
    }
  }

  #tell(participations: Participation[], state: 'reconnecting' | 'reconnected' | 'left', graceEndsAt: number | null): void {
    for (const { sessionId, participant, otherSubjectIds } of participations) {
      for (const other of otherSubjectIds) {
        this.#deps.registry.notifySubject(other, 'session.participantPresence', {
          sessionId,
          participantId: participant.participantId,
          role: participant.role,
          state,
          graceEndsAt,
        });
      }
    }
  }
}
