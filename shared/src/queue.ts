import { z } from 'zod';
import { LocalDate, TimeOfDay } from './catalogue.ts';
import { Id, Language, LocalizedText, ServicePointKind } from './domain.ts';
import { InterpretingSkill } from './interpreting.ts';

/** A walk-in queue number: short and numeric (older people misread letter-number codes). */
export const TicketNumber = z.string().regex(/^\d{1,4}$/);

export const TicketStatus = z.enum([
  /** In its agency's queue. */
  'waiting',
  /** An expert took it; the booth shows the number until the customer answers or the grace period ends. */
  'called',
  /** The customer is in a service session for it. */
  'serving',
  'done',
  'noShow',
  'cancelled',
  /** Moved into another agency's queue by chaining (a new ticket with the same number carries on). */
  'transferred',
]);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** Order of service: booked customers at their slot, then chained customers, then the longest wait. */
export const TicketPriority = z.enum(['booked', 'transfer', 'normal']);
export type TicketPriority = z.infer<typeof TicketPriority>;

export const QueueTicket = z.object({
  ticketId: Id,
  number: TicketNumber,
  visitId: Id,
  servicePointId: Id,
  agencyId: Id,
  serviceId: Id,
  language: Language,
  priority: TicketPriority,
  status: TicketStatus,
  issuedAt: z.number().int(),
  /** Position key within the agency queue (earlier first, after priority). */
  queuedAt: z.number().int(),
  calledAt: z.number().int().nullable(),
  /** The booth where the number was taken; it shows the call and hosts the session. */
  boothId: Id,
  /** The expert who took it. */
  expertId: Id.nullable(),
  bookingId: Id.nullable(),
  sessionId: Id.nullable(),
  /** The customer asked for an interpreter when taking the number (or the booking requires one). */
  interpreterNeed: InterpretingSkill.nullable(),
});
export type QueueTicket = z.infer<typeof QueueTicket>;

/** What the customer sees of their ticket. */
export const TicketView = z.object({
  ticket: QueueTicket,
  /** 1 = next. Null unless waiting. */
  position: z.number().int().nullable(),
  estimatedWaitMinutes: z.number().int().nullable(),
});
export type TicketView = z.infer<typeof TicketView>;

export const BookingStatus = z.enum(['booked', 'checkedIn', 'served', 'cancelled', 'noShow']);
export type BookingStatus = z.infer<typeof BookingStatus>;

export const BookingCode = z.string().regex(/^\d{6}$/, 'six digits');

export const Booking = z.object({
  bookingId: Id,
  /** Numeric code the customer types at the booth. */
  code: BookingCode,
  agencyId: Id,
  serviceId: Id,
  servicePointId: Id,
  stopId: Id.nullable(),
  date: LocalDate,
  from: TimeOfDay,
  to: TimeOfDay,
  /** Epoch ms of the slot start (Europe/Helsinki local date + from). */
  startsAt: z.number().int(),
  language: Language,
  status: BookingStatus,
  createdBy: Id,
  createdAt: z.number().int(),
  /** The booking requires an interpreter with this skill. */
  interpreterNeed: InterpretingSkill.nullable(),
  /** The interpreter (of a provider the agency has a contract with) assigned to the booking. */
  interpreterId: Id.nullable(),
});
export type Booking = z.infer<typeof Booking>;

export const BookingSlot = z.object({
  servicePointId: Id,
  agencyId: Id,
  stopId: Id.nullable(),
  date: LocalDate,
  from: TimeOfDay,
  to: TimeOfDay,
  startsAt: z.number().int(),
  available: z.boolean(),
});
export type BookingSlot = z.infer<typeof BookingSlot>;

/** Per agency at one point: what a queue board and a waiting customer see. */
export const AgencyQueueStatus = z.object({
  agencyId: Id,
  agencyName: LocalizedText,
  waiting: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  expertsOnline: z.number().int(),
});
export type AgencyQueueStatus = z.infer<typeof AgencyQueueStatus>;

/** The outside display: numbers being called and wait times; never names or case data. */
export const QueueBoard = z.object({
  servicePointId: Id,
  servicePointName: LocalizedText,
  kind: ServicePointKind,
  calling: z.array(z.object({ number: TicketNumber, calledAt: z.number().int() })),
  agencies: z.array(AgencyQueueStatus),
});
export type QueueBoard = z.infer<typeof QueueBoard>;

export const CheckInOutcome = z.enum([
  /** In the window: the customer goes to the front at their slot. */
  'checkedIn',
  /** Too late for the slot: a normal walk-in number instead. */
  'lateWalkIn',
  'tooEarly',
  'notToday',
  'wrongPoint',
  'unknownCode',
  'alreadyUsed',
]);
export type CheckInOutcome = z.infer<typeof CheckInOutcome>;
