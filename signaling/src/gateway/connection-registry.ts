import type { NotificationData, NotificationName, Role } from '@etapiste/shared';
import type { ClientConnection } from './client-connection.ts';

/** Live connections by principal, and the ways the domain addresses them. */
export class ConnectionRegistry {
  readonly #bySubject = new Map<string, Set<ClientConnection>>();
  /** Watch-only connections (queue boards): closed at shutdown, never addressed as their principal. */
  readonly #observers = new Set<ClientConnection>();

  addObserver(connection: ClientConnection): void {
    this.#observers.add(connection);
  }

  removeObserver(connection: ClientConnection): void {
    this.#observers.delete(connection);
  }

  add(connection: ClientConnection): void {
    const subjectId = connection.principal.subjectId;
    let set = this.#bySubject.get(subjectId);
    if (!set) this.#bySubject.set(subjectId, (set = new Set()));
    set.add(connection);
  }

  /** Removes the connection; true when it was the subject's last one. */
  remove(connection: ClientConnection): boolean {
    const set = this.#bySubject.get(connection.principal.subjectId);
    if (!set) return true;
    set.delete(connection);
    if (set.size > 0) return false;
    this.#bySubject.delete(connection.principal.subjectId);
    return true;
  }

  /** Closes and forgets every connection of the subject (without an offline event). */
  replaceSubject(subjectId: string, code: number, reason: string): void {
    const set = this.#bySubject.get(subjectId);
    if (!set) return;
    this.#bySubject.delete(subjectId);
    for (const connection of set) connection.close(code, reason);
  }

  /** Drops every connection of the subject as a network fault would (fault tests); the offline handling runs. */
  dropSubject(subjectId: string): number {
    const set = this.#bySubject.get(subjectId);
    for (const connection of set ?? []) connection.terminate();
    return set?.size ?? 0;
  }

  get size(): number {
    let count = 0;
    for (const set of this.#bySubject.values()) count += set.size;
    return count;
  }

  /** Principals of the agency with the role that have a live connection. */
  countOnline(agencyId: string, role: Role): number {
    let count = 0;
    for (const set of this.#bySubject.values()) {
      const principal = set.values().next().value?.principal;
      if (principal?.agencyId === agencyId && principal.role === role) count += 1;
    }
    return count;
  }

  /** The subject's live connections (tests check they were kept, e.g. across token renewals). */
  connectionsOf(subjectId: string): ClientConnection[] {
    return [...(this.#bySubject.get(subjectId) ?? [])];
  }

  isOnline(subjectId: string): boolean {
    return this.#bySubject.has(subjectId);
  }

  notifySubject<N extends NotificationName>(subjectId: string, notification: N, data: NotificationData<N>): void {
    for (const connection of this.#bySubject.get(subjectId) ?? []) connection.notify(notification, data);
  }

  notifyAgency<N extends NotificationName>(agencyId: string, roles: readonly Role[], notification: N, data: NotificationData<N>): void {
    for (const set of this.#bySubject.values()) {
      for (const connection of set) {
        const { principal } = connection;
        if (principal.agencyId === agencyId && roles.includes(principal.role)) connection.notify(notification, data);
      }
    }
  }

  closeAll(code: number, reason: string): void {
    for (const connection of this.#observers) connection.closeNow(code, reason);
    for (const set of this.#bySubject.values()) for (const connection of set) connection.closeNow(code, reason);
  }
}
