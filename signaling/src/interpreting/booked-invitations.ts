import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import type { BatchDispatch } from './batch-dispatch.ts';
import type { DispatchConfig } from './dispatch-config.ts';
import type { LiveRequest, LiveRequests } from './live-requests.ts';
import type { RequestProgress } from './request-progress.ts';

export interface BookedInvitationsDeps {
  registry: Pick<ConnectionRegistry, 'isOnline'>;
  dispatch: BatchDispatch;
  requests: LiveRequests;
  progress: RequestProgress;
  config: Pick<DispatchConfig, 'bookedWaitMs'>;
}

/**
 * Booked requests: the booking's interpreter is invited first (rung whenever they are
 * connected, available and free) until the booked wait ends; then the request falls back to
 * on-demand batch dispatch.
 */
export class BookedInvitations {
  readonly #deps: BookedInvitationsDeps;

  constructor(deps: BookedInvitationsDeps) {
    this.#deps = deps;
  }

  /** A new booked request: the booked wait starts and the booking's interpreter is rung. */
  async start(live: LiveRequest): Promise<void> {
    live.timer = setTimeout(() => void this.#fallBackToOnDemand(live), this.#deps.config.bookedWaitMs);
    await this.ringAssigned(live);
  }

  /** Rings the booking's interpreter (when they are connected and free) until the booked wait ends. */
  async ringAssigned(live: LiveRequest): Promise<void> {
    const { registry, dispatch, config } = this.#deps;
    const interpreterId = live.assignedInterpreterId;
    if (!interpreterId || live.request.state !== 'invitingAssigned' || live.ringing.has(interpreterId)) return;
    if (!registry.isOnline(interpreterId) || dispatch.busy(interpreterId, live)) return;
    await dispatch.ring(live, [interpreterId], live.request.requestedAt + config.bookedWaitMs);
    this.#deps.progress.publish(live);
  }

  /** The interpreter became available: the invitations of their bookings ring now. */
  async offerPending(interpreterId: string): Promise<void> {
    for (const live of this.#deps.requests.values()) if (live.assignedInterpreterId === interpreterId) await this.ringAssigned(live);
  }

  async #fallBackToOnDemand(live: LiveRequest): Promise<void> {
    live.timer = null;
    if (live.request.state !== 'invitingAssigned') return;
    this.#deps.dispatch.stopRings(live, 'timeout');
    live.request = { ...live.request, state: 'ringing' };
    await this.#deps.dispatch.ringNextBatch(live);
  }
}
