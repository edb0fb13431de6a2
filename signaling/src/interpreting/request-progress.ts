import type { UsageEventKind } from '@etapiste/shared';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import type { ServiceSessionService } from '../sessions/service-session-service.ts';
import type { Storage } from '../storage/repositories.ts';
import type { UsageRecorder } from '../statistics/usage-recorder.ts';
import type { LiveRequest } from './live-requests.ts';

/**
 * Every step of an interpreter request is stored, counted as a usage event (nothing personal)
 * and told to the session's expert and booth.
 */
export class RequestProgress {
  readonly #storage: Storage;
  readonly #sessions: Pick<ServiceSessionService, 'get'>;
  readonly #registry: Pick<ConnectionRegistry, 'notifySubject'>;
  readonly #usage: UsageRecorder;

  constructor(deps: { storage: Storage; sessions: Pick<ServiceSessionService, 'get'>; registry: Pick<ConnectionRegistry, 'notifySubject'>; usage: UsageRecorder }) {
    this.#storage = deps.storage;
    this.#sessions = deps.sessions;
    this.#registry = deps.registry;
    this.#usage = deps.usage;
  }

  async persist(live: LiveRequest): Promise<void> {
    await this.#storage.interpreting.saveRequest(live.request);
  }

  /** A usage event of the request: the session's context, the skill, provider and mode, and `data`. */
  async record(live: LiveRequest, kind: UsageEventKind, data: Record<string, string | number | boolean | null>): Promise<void> {
    const { session, request } = live;
    await this.#usage.record(
      kind,
      { servicePointId: session.servicePointId, agencyId: session.agencyId, serviceId: session.serviceId, visitId: session.visitId, sessionId: session.sessionId, language: session.language },
      { language: request.skill.language, modality: request.skill.modality, providerId: request.providerId, onDemand: request.mode === 'onDemand', mode: request.mode, ...data },
    );
  }

  /** Tells the session's expert and booth how the request is doing. */
  publish(live: LiveRequest): void {
    const session = this.#sessions.get(live.session.sessionId) ?? live.session;
    const { request } = live;
    if (session.expertId) this.#registry.notifySubject(session.expertId, 'interpreting.requestChanged', { request });
    this.#registry.notifySubject(session.boothId, 'interpreting.requestChanged', { request });
  }
}
