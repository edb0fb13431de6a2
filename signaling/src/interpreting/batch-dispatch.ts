import { openInterpreterRequestStates, type RingStopReason } from '@etapiste/shared';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import type { ServiceSessionService } from '../sessions/service-session-service.ts';
import type { Storage } from '../storage/repositories.ts';
import type { InterpreterPresence } from './interpreter-presence.ts';
import type { InterpretingViews } from './interpreting-views.ts';
import type { DispatchConfig } from './dispatch-config.ts';
import { clearRequestTimer, type LiveRequest, type LiveRequests } from './live-requests.ts';
import type { RequestProgress } from './request-progress.ts';

export interface BatchDispatchDeps {
  storage: Storage;
  sessions: Pick<ServiceSessionService, 'openSessionsOf'>;
  registry: Pick<ConnectionRegistry, 'notifySubject' | 'isOnline'>;
  presence: InterpreterPresence;
  views: InterpretingViews;
  requests: LiveRequests;
  progress: RequestProgress;
  config: DispatchConfig;
}

/**
 * On-demand dispatch of a request: batches of matching interpreters (longest idle first) ring
 * together; a batch that times out or all declines gives way to the next; with nobody left the
 * request is unanswered. Rings stop at once when the request is answered, cancelled or ends.
 */
export class BatchDispatch {
  readonly #deps: BatchDispatchDeps;

  constructor(deps: BatchDispatchDeps) {
    this.#deps = deps;
  }

  async ringNextBatch(live: LiveRequest): Promise<void> {
    const { config, progress } = this.#deps;
    if (live.request.state !== 'ringing' || !this.#deps.requests.has(live.request.requestId)) return;
    const candidates = await this.#candidates(live);
    if (candidates.length === 0) {
      if (live.ringing.size === 0) await this.close(live, 'unanswered');
      return;
    }
    const ringEndsAt = Date.now() + config.ringMs;
    await this.ring(live, candidates.slice(0, config.ringBatchSize), ringEndsAt);
    live.request = { ...live.request, batch: live.request.batch + 1 };
    await progress.persist(live);
    live.timer = setTimeout(() => void this.#batchTimedOut(live), config.ringMs);
    progress.publish(live);
  }

  /** Rings at the interpreters (each sees the offer until `ringEndsAt`), unless the request ended meanwhile. */
  async ring(live: LiveRequest, interpreterIds: string[], ringEndsAt: number): Promise<void> {
    const offer = await this.#deps.views.offer(live.request, live.session, ringEndsAt);
    if (!openInterpreterRequestStates.includes(live.request.state)) return;
    for (const interpreterId of interpreterIds) {
      live.ringing.set(interpreterId, offer);
      live.rung.add(interpreterId);
      this.#deps.registry.notifySubject(interpreterId, 'interpreting.ringing', { offer });
    }
    live.request = { ...live.request, rungCount: live.request.rungCount + interpreterIds.length, ringingNow: live.ringing.size };
    const profiles = await Promise.all(interpreterIds.map((id) => this.#deps.storage.interpreting.getInterpreter(id)));
    for (const profile of profiles) await this.#deps.progress.record(live, 'interpreterRung', { batch: live.request.batch + 1, providerId: profile?.providerId ?? null });
  }

  /** In a session, or ringing for another request. */
  busy(interpreterId: string, except: LiveRequest): boolean {
    if (this.#deps.sessions.openSessionsOf(interpreterId).length > 0) return true;
    return this.#deps.requests.ringsElsewhere(interpreterId, except);
  }

  stopRings(live: LiveRequest, reason: RingStopReason, except?: string): void {
    for (const interpreterId of live.ringing.keys()) {
      if (interpreterId !== except) this.#deps.registry.notifySubject(interpreterId, 'interpreting.ringStopped', { requestId: live.request.requestId, reason });
    }
    live.ringing.clear();
  }

  /** Ends a request that got no interpreter. */
  async close(live: LiveRequest, outcome: 'unanswered' | 'cancelled', ringStop: RingStopReason = 'cancelled'): Promise<void> {
    const { progress } = this.#deps;
    clearRequestTimer(live);
    this.stopRings(live, ringStop);
    this.#deps.requests.delete(live);
    live.request = { ...live.request, state: outcome, ringingNow: 0, endedAt: Date.now() };
    await progress.persist(live);
    await progress.record(live, 'interpreterRequestEnded', { outcome, batches: live.request.batch, rung: live.request.rungCount });
    progress.publish(live);
  }

  async #batchTimedOut(live: LiveRequest): Promise<void> {
    live.timer = null;
    if (live.request.state !== 'ringing') return;
    this.stopRings(live, 'timeout');
    live.request = { ...live.request, ringingNow: 0 };
    await this.ringNextBatch(live);
  }

  /** Who may be rung now: contracted, skilled, available, connected, free, not rung before; longest idle first. */
  async #candidates(live: LiveRequest): Promise<string[]> {
    const { presence, registry } = this.#deps;
    const interpreters = await this.#deps.views.contractedWithSkill(live.session.agencyId, live.request.skill);
    return interpreters
      .map((interpreter) => interpreter.interpreterId)
      .filter((id) => !live.rung.has(id) && presence.isAvailable(id) && registry.isOnline(id) && !this.busy(id, live))
      .sort((a, b) => presence.availableSince(a) - presence.availableSince(b));
  }
}
