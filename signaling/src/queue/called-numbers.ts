import { defaultQueuePolicy, type QueueTicket } from '@etapiste/shared';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import { logError } from '../logging/safe-log.ts';
import type { Storage } from '../storage/repositories.ts';

/**
 * Numbers that have been called and wait for the customer to answer: each is announced to its
 * booth at once and again halfway through the no-show grace period, and becomes a no-show
 * when the grace period ends unanswered. Timers only: the state itself is in storage, and the
 * timers are rebuilt on restart (called numbers go back to waiting).
 */
export class CalledNumbers {
  readonly #calls = new Map<string, { graceEndsAt: number; timers: ReturnType<typeof setTimeout>[] }>();
  readonly #registry: ConnectionRegistry;
  readonly #noShow: (ticketId: string) => Promise<void>;

  constructor(deps: { registry: ConnectionRegistry; noShow: (ticketId: string) => Promise<void> }) {
    this.#registry = deps.registry;
    this.#noShow = deps.noShow;
  }

  start(ticket: QueueTicket, sessionId: string, graceEndsAt: number): void {
    const announce = (announcement: number) =>
      this.#registry.notifySubject(ticket.boothId, 'queue.called', { ticketId: ticket.ticketId, number: ticket.number, sessionId, graceEndsAt, announcement });
    announce(1);
    const graceMs = graceEndsAt - Date.now();
    const timers = [
      setTimeout(() => announce(2), graceMs / 2),
      setTimeout(() => {
        this.#calls.delete(ticket.ticketId);
        void this.#noShow(ticket.ticketId).catch((error: unknown) => logError('queue', 'no-show failed', error));
      }, graceMs),
    ];
    this.#calls.set(ticket.ticketId, { graceEndsAt, timers });
  }

  /** The call is over (answered, left, ended): its timers stop. */
  clear(ticketId: string): void {
    for (const timer of this.#calls.get(ticketId)?.timers ?? []) clearTimeout(timer);
    this.#calls.delete(ticketId);
  }

  /** When the grace period of a called number ends (undefined when it is not being called). */
  graceEndsAt(ticketId: string): number | undefined {
    return this.#calls.get(ticketId)?.graceEndsAt;
  }

  /** Stops every timer (shutdown). */
  stop(): void {
    for (const ticketId of [...this.#calls.keys()]) this.clear(ticketId);
  }
}

/** The no-show grace period of a ticket: the agency's override at its point, the point's policy, or the default. */
export async function noShowGraceSeconds(storage: Storage, ticket: QueueTicket): Promise<number> {
  const point = await storage.catalogue.getServicePointDetails(ticket.servicePointId);
  const override = point?.agencyGraceSeconds.find((entry) => entry.agencyId === ticket.agencyId);
  return override?.noShowGraceSeconds ?? point?.queuePolicy.noShowGraceSeconds ?? defaultQueuePolicy.noShowGraceSeconds;
}
