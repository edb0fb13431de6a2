import { z } from 'zod';
import { Stop } from '../../catalogue.ts';
import { Agency, Id, Language, Service, ServicePoint, ServiceSessionInfo } from '../../domain.ts';
import { Booking, BookingCode, CheckInOutcome, QueueBoard, QueueTicket, TicketView } from '../../queue.ts';
import { InterpretingSkill } from '../../interpreting.ts';
import { method } from './method.ts';

const Empty = z.object({}).strict();

/** A waiting ticket as the experts of its agency see it: place, service and time, never personal data. */
export const WaitingTicket = z.object({
  ticketId: Id,
  number: z.string(),
  servicePoint: ServicePoint.pick({ id: true, kind: true, name: true, municipality: true }),
  service: Service.pick({ id: true, name: true }),
  language: Language,
  priority: QueueTicket.shape.priority,
  issuedAt: z.number().int(),
  queuedAt: z.number().int(),
  /** Booked tickets: the slot start. */
  bookedFor: z.number().int().nullable(),
});
export type WaitingTicket = z.infer<typeof WaitingTicket>;

/** An expert's view of their agency: the queue over all points and today's bookings. */
export const QueueOverview = z.object({
  agencyId: Id,
  waiting: z.array(WaitingTicket),
  bookingsToday: z.array(Booking),
  expertsOnline: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
});
export type QueueOverview = z.infer<typeof QueueOverview>;

/** A customer's place in the queue together with the waiting session their booth prepares. */
export const QueuedVisit = z.object({ view: TicketView, session: ServiceSessionInfo });
export type QueuedVisit = z.infer<typeof QueuedVisit>;

export const BoothCatalogue = z.object({
  servicePoint: ServicePoint,
  /** XS points: the stop the bus is at now (or next today); null for S points or no stop today. */
  stop: Stop.nullable(),
  /** Whether the point is open now (opening hours / stop time). */
  openNow: z.boolean(),
  /** Agencies serving here now (S: the point's agencies; XS: those with a window at the current stop). */
  agencies: z.array(Agency.extend({ services: z.array(Service) })),
});
export type BoothCatalogue = z.infer<typeof BoothCatalogue>;

export const BoothState = z.object({
  catalogue: BoothCatalogue,
  /** The customer's open ticket at this booth and its session, to resume after a reconnect. */
  current: QueuedVisit.nullable(),
  /** The ticket of this booth being called, with its grace period. */
  calling: z.object({ ticketId: Id, number: z.string(), sessionId: Id, graceEndsAt: z.number().int() }).nullable(),
});
export type BoothState = z.infer<typeof BoothState>;

export const queueMethods = {
  'booth.state': method({
    summary: "The booth's catalogue and its open ticket and session, if any (call after every (re)connect).",
    roles: ['booth'],
    params: Empty,
    result: BoothState,
  }),
  'queue.takeNumber': method({
    summary:
      'The customer takes a queue number for a service. Creates the visit, the ticket and a waiting service session whose media the booth may prepare while waiting.',
    roles: ['booth'],
    params: z.object({ serviceId: Id, language: Language, interpreter: InterpretingSkill.optional() }).strict(),
    result: QueuedVisit,
  }),
  'booking.checkIn': method({
    summary:
      'The customer types their booking code. In the check-in window the booking becomes a ticket at the front at its slot; too late, a walk-in number.',
    roles: ['booth'],
    params: z.object({ code: BookingCode }).strict(),
    result: z.object({ outcome: CheckInOutcome, booking: Booking.nullable(), visit: QueuedVisit.nullable() }),
  }),
  'queue.leave': method({
    summary: 'The customer gives up their number.',
    roles: ['booth'],
    params: z.object({ ticketId: Id }).strict(),
    result: Empty,
  }),
  'queue.answer': method({
    summary: 'The customer answers the call of their number ("I am here"): the session becomes active.',
    roles: ['booth'],
    params: z.object({ ticketId: Id }).strict(),
    result: z.object({ session: ServiceSessionInfo }),
  }),
  'queue.respondTransfer': method({
    summary:
      "The customer's answer to a transfer offer. Accepted: the session ends and the same number goes to the front of the other agency's queue.",
    roles: ['booth'],
    params: z.object({ sessionId: Id, accept: z.boolean() }).strict(),
    result: z.object({ visit: QueuedVisit.nullable() }),
  }),
  'queue.overview': method({
    summary: "The expert's agency queue over all points and today's bookings (also pushed as queue.changed).",
    roles: ['expert', 'supervisor'],
    params: Empty,
    result: QueueOverview,
  }),
  'queue.takeNext': method({
    summary:
      'The expert takes the next customer of their agency: booked customers at their slot first, then transfers, then the longest wait. The booth shows the number until the customer answers or the grace period ends.',
    roles: ['expert'],
    params: Empty,
    result: z.object({
      call: z
        .object({ ticket: QueueTicket, session: ServiceSessionInfo, graceEndsAt: z.number().int() })
        .nullable(),
    }),
  }),
  'queue.transfer': method({
    summary: "During a session the expert offers to move the customer to another agency's service (chaining).",
    roles: ['expert'],
    params: z.object({ sessionId: Id, serviceId: Id }).strict(),
    result: Empty,
  }),
  'queue.pointTickets': method({
    summary:
      "Host staff: the numbers waiting at their own service point (number, agency, service, waiting since) so they can direct a customer to the right agency's queue. No personal data.",
    roles: ['hostStaff', 'admin'],
    params: z.object({ servicePointId: Id }).strict(),
    result: z.object({ tickets: z.array(WaitingTicket.extend({ agencyId: Id })) }),
  }),
  'queue.moveTicket': method({
    summary:
      "Host staff move a waiting ticket to the right agency's queue. It keeps its place by arrival time and never jumps ahead of booked or transferred customers.",
    roles: ['hostStaff', 'admin'],
    params: z.object({ ticketId: Id, serviceId: Id }).strict(),
    result: z.object({ ticket: QueueTicket }),
  }),
  'queue.watchBoard': method({
    summary: 'The queue board of a service point (numbers being called, wait per agency); then pushed as queue.boardChanged.',
    roles: ['booth', 'hostStaff', 'admin', 'supervisor', 'expert'],
    params: z.object({ servicePointId: Id }).strict(),
    result: QueueBoard,
  }),
} as const;
