import type { QueueTicket } from '@etapiste/shared';

/**
 * The order in which an agency serves its waiting customers: booked customers whose slot has
 * started, then customers transferred from another agency (chaining keeps their priority),
 * then everyone by the time they joined the queue. A booked ticket before its slot waits by
 * its slot time.
 */
export function queueRank(ticket: QueueTicket, now: number): number {
  if (ticket.priority === 'booked' && ticket.queuedAt <= now) return 0;
  if (ticket.priority === 'transfer') return 1;
  return 2;
}

export function compareQueueOrder(a: QueueTicket, b: QueueTicket, now: number): number {
  return queueRank(a, now) - queueRank(b, now) || a.queuedAt - b.queuedAt || a.issuedAt - b.issuedAt;
}

export function inQueueOrder(tickets: QueueTicket[], now: number): QueueTicket[] {
  return [...tickets].sort((a, b) => compareQueueOrder(a, b, now));
}
