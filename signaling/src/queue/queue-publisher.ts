import type { ClientConnection } from '../gateway/client-connection.ts';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import type { QueueViews } from './queue-views.ts';

/**
 * Live queue notifications: each change goes to the agency's experts and supervisors
 * (`queue.changed`), to every booth waiting in that agency (`queue.ticketChanged`, its new
 * position) and to the queue boards watching the point (`queue.boardChanged`).
 */
export class QueuePublisher {
  readonly #views: QueueViews;
  readonly #registry: ConnectionRegistry;
  readonly #boardWatchers = new Map<string, Set<ClientConnection>>();

  constructor(deps: { views: QueueViews; registry: ConnectionRegistry }) {
    this.#views = deps.views;
    this.#registry = deps.registry;
  }

  /** Adds a board watcher (access already checked) and returns the board now. */
  async watchBoard(connection: ClientConnection, servicePointId: string) {
    let watchers = this.#boardWatchers.get(servicePointId);
    if (!watchers) this.#boardWatchers.set(servicePointId, (watchers = new Set()));
    watchers.add(connection);
    return this.#views.board(servicePointId);
  }

  async publish(agencyIds: string[], servicePointIds: string[]): Promise<void> {
    const now = Date.now();
    for (const agencyId of new Set(agencyIds)) {
      const overview = await this.#views.overview(agencyId, now);
      this.#registry.notifyAgency(agencyId, ['expert', 'supervisor'], 'queue.changed', { overview });
      for (const view of await this.#views.ticketViews(agencyId, now)) {
        this.#registry.notifySubject(view.ticket.boothId, 'queue.ticketChanged', { view });
      }
    }
    for (const servicePointId of new Set(servicePointIds)) {
      const watchers = this.#boardWatchers.get(servicePointId);
      if (!watchers || watchers.size === 0) continue;
      const board = await this.#views.board(servicePointId, now);
      for (const connection of watchers) {
        if (connection.open) connection.notify('queue.boardChanged', { board });
        else watchers.delete(connection);
      }
    }
  }
}
