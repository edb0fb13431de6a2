import { openInterpreterRequestStates, type Participant } from '@etapiste/shared';
import type { ServiceSessionService } from '../sessions/service-session-service.ts';
import type { ServiceSessionRecord } from '../storage/repositories.ts';
import type { BatchDispatch } from './batch-dispatch.ts';
import type { InterpreterPresence } from './interpreter-presence.ts';
import type { LiveRequests } from './live-requests.ts';
import type { RequestProgress } from './request-progress.ts';

export interface InterpreterParticipationDeps {
  sessions: Pick<ServiceSessionService, 'setPriorityProfile'>;
  presence: InterpreterPresence;
  requests: LiveRequests;
  dispatch: Pick<BatchDispatch, 'close'>;
  progress: RequestProgress;
}

/**
 * An answered request follows its interpreter in the session: joined when they set up media,
 * left when they leave or the session ends (open requests of an ended session are cancelled),
 * with the session's media in sign-language priority while a sign-language interpreter is in it.
 */
export class InterpreterParticipation {
  readonly #deps: InterpreterParticipationDeps;

  constructor(deps: InterpreterParticipationDeps) {
    this.#deps = deps;
  }

  /** Sign-language priority while a sign-language interpreter is in the session (accepted or joined). */
  async applySignLanguagePriority(sessionId: string): Promise<void> {
    const signing = this.#deps.requests.hasSignLanguageInterpreter(sessionId);
    await this.#deps.sessions.setPriorityProfile(sessionId, signing ? 'signLanguage' : 'standard');
  }

  async joined(record: ServiceSessionRecord, subjectId: string, participant: Participant): Promise<void> {
    if (participant.role !== 'interpreter') return;
    const live = this.#deps.requests.acceptedBy(record.sessionId, subjectId);
    if (!live || live.request.state !== 'accepted') return;
    const { progress } = this.#deps;
    live.request = { ...live.request, state: 'joined', joinedAt: Date.now() };
    await progress.persist(live);
    await progress.record(live, 'interpreterJoined', {});
    progress.publish(live);
  }

  async left(sessionId: string, subjectId: string, participant: Participant): Promise<void> {
    if (participant.role !== 'interpreter') return;
    const live = this.#deps.requests.acceptedBy(sessionId, subjectId);
    if (!live) return;
    const { progress } = this.#deps;
    this.#deps.requests.delete(live);
    const now = Date.now();
    const from = live.request.joinedAt ?? live.request.answeredAt ?? now;
    live.request = { ...live.request, state: 'left', endedAt: now };
    this.#deps.presence.markBusyUntil(subjectId, now);
    await this.applySignLanguagePriority(sessionId);
    await progress.persist(live);
    await progress.record(live, 'interpreterLeft', { minutes: Math.round(((now - from) / 60_000) * 100) / 100 });
    progress.publish(live);
  }

  async sessionEnded(record: ServiceSessionRecord): Promise<void> {
    for (const live of [...this.#deps.requests.values()]) {
      if (live.session.sessionId !== record.sessionId) continue;
      if (openInterpreterRequestStates.includes(live.request.state)) await this.#deps.dispatch.close(live, 'cancelled', 'sessionEnded');
      else if (live.request.interpreterId) {
        await this.left(record.sessionId, live.request.interpreterId, { participantId: 'ended', role: 'interpreter', displayName: null });
      }
    }
  }
}
