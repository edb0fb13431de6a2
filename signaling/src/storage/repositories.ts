import type {
  UsageEvent,
  Agency,
  Booking,
  BookingStatus,
  Language,
  LocalDate,
  QueueTicket,
  Service,
  ServicePoint,
  ServicePointDetails,
  ServiceWindow,
  SessionEndReason,
  Stop,
  TicketStatus,
} from '@etapiste/shared';
import type { BoothRecord, StaffUserRecord } from './catalogue-repository.ts';
import type { InterpretingStore } from './interpreting-store.ts';
export type { InterpretingStore } from './interpreting-store.ts';
import type {
  BillingAggregate,
  BillingFactQuery,
  InterpretingAggregate,
  InterpretingFact,
  InterpretingFactQuery,
  VisitAggregate,
  VisitFact,
  VisitFactQuery,
} from '../statistics/facts.ts';

/**
 * The storage interfaces of the domain. Two implementations: SQLite (embedded default,
 * better-sqlite3 in WAL mode with synchronous=FULL) and PostgreSQL (`pg`). Every write is
 * durable when its promise resolves, so an acknowledged change survives `kill -9`.
 * Atomic state changes are compare-and-set (`…If`), so concurrent experts or processes
 * cannot both take the same ticket.
 */
export interface CatalogueStore {
  listAgencies(): Promise<Agency[]>;
  getAgency(id: string): Promise<Agency | null>;
  upsertAgency(agency: Agency): Promise<void>;

  listServices(agencyId?: string): Promise<Service[]>;
  getService(id: string): Promise<Service | null>;
  upsertService(service: Service): Promise<void>;

  listServicePoints(): Promise<ServicePointDetails[]>;
  getServicePoint(id: string): Promise<ServicePoint | null>;
  getServicePointDetails(id: string): Promise<ServicePointDetails | null>;
  /** Creates or replaces the point with its hours, exceptions, policies and agencies. */
  saveServicePoint(point: ServicePointDetails): Promise<void>;
  /** Agencies serving at the point (`agencyIds`), each with its services. */
  listAgenciesAtPoint(servicePointId: string): Promise<(Agency & { services: Service[] })[]>;

  listStops(servicePointId: string, range?: { from: LocalDate; to: LocalDate }): Promise<Stop[]>;
  getStop(id: string): Promise<Stop | null>;
  saveStop(stop: Stop): Promise<void>;
  deleteStop(id: string): Promise<void>;

  listWindows(filter?: { servicePointId?: string; agencyId?: string; stopId?: string }): Promise<ServiceWindow[]>;
  saveWindow(window: ServiceWindow): Promise<void>;
  deleteWindow(id: string): Promise<void>;

  listBooths(servicePointId?: string): Promise<BoothRecord[]>;
  findBoothByTokenHash(tokenHash: string): Promise<BoothRecord | null>;
  upsertBooth(booth: BoothRecord, tokenHash: string): Promise<void>;

  findStaffByUsername(username: string): Promise<StaffUserRecord | null>;
  upsertStaffUser(user: StaffUserRecord): Promise<void>;
}

export interface TicketFilter {
  agencyId?: string;
  servicePointId?: string;
  statuses?: TicketStatus[];
  /** Only tickets issued at or after this epoch ms. */
  issuedSince?: number;
}

export interface QueueStore {
  /**
   * Inserts a ticket with the next number of its point for `localDate` (1, 2, 3 …, unique per
   * point and day; `number` given = reuse it, for chaining). Atomic.
   */
  issueTicket(draft: Omit<QueueTicket, 'ticketId' | 'number'> & { number?: string }, localDate: LocalDate): Promise<QueueTicket>;
  getTicket(ticketId: string): Promise<QueueTicket | null>;
  listTickets(filter: TicketFilter): Promise<QueueTicket[]>;
  /** Applies `patch` only if the ticket is in `expectedStatus`; null when it was not. */
  updateTicketIf(ticketId: string, expectedStatus: TicketStatus, patch: Partial<Omit<QueueTicket, 'ticketId'>>): Promise<QueueTicket | null>;
}

export interface BookingFilter {
  agencyId?: string;
  servicePointId?: string;
  stopId?: string;
  date?: LocalDate;
  statuses?: BookingStatus[];
  /** Bookings assigned to this interpreter. */
  interpreterId?: string;
}

export interface BookingStore {
  /** Inserts with a fresh random six-digit code unique among open bookings. */
  createBooking(draft: Omit<Booking, 'bookingId' | 'code'>): Promise<Booking>;
  getBooking(bookingId: string): Promise<Booking | null>;
  /** The booked or checked-in booking with this code, if any. */
  findOpenBookingByCode(code: string): Promise<Booking | null>;
  listBookings(filter: BookingFilter): Promise<Booking[]>;
  updateBookingIf(bookingId: string, expectedStatus: BookingStatus, patch: Partial<Omit<Booking, 'bookingId' | 'code'>>): Promise<Booking | null>;
}

/** A service session as stored: the unit of chaining and statistics. */
export interface ServiceSessionRecord {
  sessionId: string;
  visitId: string;
  ticketId: string | null;
  agencyId: string;
  serviceId: string;
  servicePointId: string;
  boothId: string;
  expertId: string | null;
  language: Language;
  status: 'waiting' | 'active' | 'ended';
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  endReason: SessionEndReason | null;
  /** Chaining: the session this one continues. */
  previousSessionId: string | null;
}

export interface SessionStore {
  saveSession(record: ServiceSessionRecord): Promise<void>;
  getSession(sessionId: string): Promise<ServiceSessionRecord | null>;
  listSessions(filter: { statuses?: ServiceSessionRecord['status'][]; visitId?: string; agencyId?: string }): Promise<ServiceSessionRecord[]>;
}

/** Messages waiting for a delivery channel (no SMS gateway yet): booking reminders. */
export interface OutboxMessage {
  messageId: string;
  kind: 'bookingReminder' | 'bookingConfirmation' | 'bookingCancelled';
  bookingId: string;
  /** Epoch ms when it should be sent. */
  dueAt: number;
  payload: Record<string, unknown>;
  createdAt: number;
  sentAt: number | null;
}

export interface OutboxStore {
  enqueue(message: Omit<OutboxMessage, 'messageId' | 'createdAt' | 'sentAt'>): Promise<OutboxMessage>;
  list(filter: { bookingId?: string; unsentOnly?: boolean }): Promise<OutboxMessage[]>;
  /** Drops the booking's unsent messages of these kinds (a moved or cancelled booking's reminders). */
  dropUnsent(bookingId: string, kinds: OutboxMessage['kind'][]): Promise<number>;
  /** A delivery channel marks a message sent. */
  markSent(messageId: string, sentAt: number): Promise<void>;
}

/**
 * Append-only usage statistics (see shared/src/statistics.ts): never personal data. The fact
 * tables behind the exports (signaling/src/statistics/facts.ts) are maintained by `append` in
 * the same transaction as the event.
 */
export interface StatisticsStore {
  /** Appends the event and merges it into the visit / interpreting facts, atomically; a repeated event id is refused. */
  append(event: UsageEvent): Promise<void>;
  /** Events in [fromDate, toDate] (local dates), optionally of some kinds / one agency / one point. */
  listEvents(filter: { fromDate: string; toDate: string; kinds?: UsageEvent['kind'][]; agencyId?: string; servicePointId?: string }): Promise<UsageEvent[]>;
  /** Free-text feedback, kept apart from the event log and without any visit id. */
  appendFeedbackText(entry: FeedbackText): Promise<void>;
  listFeedbackTexts(filter: { fromDate: string; toDate: string; agencyId?: string; servicePointId?: string }): Promise<FeedbackText[]>;
  /** Visits (visit_facts) grouped: exact counts, sums and percentiles, in no particular order. */
  visitAggregates(query: VisitFactQuery): Promise<VisitAggregate[]>;
  /** Interpreting events (interpreting_facts) grouped. */
  interpretingAggregates(query: InterpretingFactQuery): Promise<InterpretingAggregate[]>;
  /** Interpreter sessions and milliseconds per agency, provider and language in one month. */
  billingAggregates(query: BillingFactQuery): Promise<BillingAggregate[]>;
  /**
   * Bulk load of facts without their events (benchmarks, imports): visit rows are merged like
   * appended deltas, in transactions of many rows. A visit id may appear once per call.
   */
  loadFacts(facts: { visits?: readonly VisitFact[]; interpreting?: readonly InterpretingFact[] }): Promise<void>;
}

export interface FeedbackText {
  at: number;
  servicePointId: string;
  agencyId: string;
  language: Language;
  text: string;
}

export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  readonly catalogue: CatalogueStore;
  readonly queue: QueueStore;
  readonly bookings: BookingStore;
  readonly sessions: SessionStore;
  readonly outbox: OutboxStore;
  readonly statistics: StatisticsStore;
  readonly interpreting: InterpretingStore;
  close(): Promise<void>;
}
