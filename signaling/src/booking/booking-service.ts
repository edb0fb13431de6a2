import {
  defaultQueuePolicy,
  ErrorCode,
  EtapisteError,
  type Booking,
  type InterpretingSkill,
  type BookingSlot,
  type CheckInOutcome,
  type Language,
  type LocalDate,
  type Principal,
  type QueuedVisit,
  type TimeOfDay,
} from '@etapiste/shared';
import type { BookingInterpreters } from '../interpreting/booking-interpreters.ts';
import type { QueueService } from '../queue/queue-service.ts';
import { usageContextOf, type UsageRecorder } from '../statistics/usage-recorder.ts';
import type { Storage } from '../storage/repositories.ts';
import { localDateOf } from '../time/helsinki-time.ts';
import { generateSlots } from './slot-generator.ts';

export interface BookingRequest {
  servicePointId: string;
  agencyId: string;
  serviceId: string;
  date: LocalDate;
  from: TimeOfDay;
  stopId: string | null;
  language: Language;
  /** The customer needs an interpreter with this skill: one is assigned to the booking. */
  interpreterNeed?: InterpretingSkill | null;
}

const HOUR = 60 * 60_000;

/**
 * Bookings: slots from the bookable service windows, booking by staff (the `Principal` seam
 * leaves room for citizen self-booking), cancel and rebook, reminders to the outbox, and
 * check-in at the booth with the numeric code inside the check-in window.
 */
export class BookingService {
  readonly #storage: Storage;
  readonly #queue: QueueService;
  readonly #usage: UsageRecorder;
  readonly #interpreters: BookingInterpreters | null;

  constructor(deps: { storage: Storage; queue: QueueService; usage: UsageRecorder; interpreters?: BookingInterpreters }) {
    this.#storage = deps.storage;
    this.#queue = deps.queue;
    this.#usage = deps.usage;
    this.#interpreters = deps.interpreters ?? null;
  }

  async slots(principal: Principal, query: { servicePointId: string; agencyId: string; date: LocalDate }): Promise<BookingSlot[]> {
    this.#requireAgencyScope(principal, query.agencyId);
    const point = await this.#storage.catalogue.getServicePointDetails(query.servicePointId);
    if (!point) throw new EtapisteError(ErrorCode.NotFound, 'no such service point');
    if (!point.agencyIds.includes(query.agencyId)) return [];
    const [windows, stops, booths, bookings] = await Promise.all([
      this.#storage.catalogue.listWindows({ servicePointId: point.id, agencyId: query.agencyId }),
      this.#storage.catalogue.listStops(point.id, { from: query.date, to: query.date }),
      this.#storage.catalogue.listBooths(point.id),
      this.#storage.bookings.listBookings({ servicePointId: point.id, date: query.date, statuses: ['booked', 'checkedIn'] }),
    ]);
    return generateSlots({
      point,
      agencyId: query.agencyId,
      date: query.date,
      windows,
      stops,
      capacity: Math.max(1, booths.length),
      taken: (startsAt) => bookings.filter((booking) => booking.startsAt === startsAt).length,
      now: Date.now(),
    });
  }

  async book(principal: Principal, request: BookingRequest): Promise<Booking> {
    const slot = await this.#availableSlot(principal, request);
    const service = await this.#storage.catalogue.getService(request.serviceId);
    if (!service || service.agencyId !== request.agencyId) throw new EtapisteError(ErrorCode.ValidationFailed, 'the service is not one of the agency’s');
    if (!service.remoteCapable) throw new EtapisteError(ErrorCode.Conflict, 'this service is not available remotely');
    const booking = await this.#storage.bookings.createBooking({
      agencyId: request.agencyId,
      serviceId: request.serviceId,
      servicePointId: request.servicePointId,
      stopId: slot.stopId,
      date: slot.date,
      from: slot.from,
      to: slot.to,
      startsAt: slot.startsAt,
      language: request.language,
      status: 'booked',
      createdBy: principal.subjectId,
      createdAt: Date.now(),
      interpreterNeed: request.interpreterNeed ?? null,
      interpreterId: null,
    });
    const withInterpreter = await this.#assignInterpreter(booking);
    await this.#remind(withInterpreter, 'bookingConfirmation');
    await this.#queue.publish([booking.agencyId], []);
    return withInterpreter;
  }

  async cancel(principal: Principal, bookingId: string): Promise<Booking> {
    const booking = await this.#own(principal, bookingId);
    const cancelled = await this.#storage.bookings.updateBookingIf(bookingId, 'booked', { status: 'cancelled' });
    if (!cancelled) throw new EtapisteError(ErrorCode.Conflict, `a ${booking.status} booking cannot be cancelled`);
    await this.#storage.outbox.dropUnsent(bookingId, ['bookingReminder', 'bookingConfirmation']);
    await this.#storage.outbox.enqueue({ kind: 'bookingCancelled', bookingId, dueAt: Date.now(), payload: { date: booking.date, from: booking.from } });
    await this.#queue.publish([booking.agencyId], []);
    return cancelled;
  }

  /** Moves a booking to another slot; the code stays the same. */
  async rebook(principal: Principal, bookingId: string, target: { date: LocalDate; from: TimeOfDay; stopId: string | null }): Promise<Booking> {
    const booking = await this.#own(principal, bookingId);
    if (booking.status !== 'booked') throw new EtapisteError(ErrorCode.Conflict, `a ${booking.status} booking cannot be moved`);
    const slot = await this.#availableSlot(principal, { ...booking, ...target });
    const moved = await this.#storage.bookings.updateBookingIf(bookingId, 'booked', {
      date: slot.date,
      from: slot.from,
      to: slot.to,
      startsAt: slot.startsAt,
      stopId: slot.stopId,
    });
    if (!moved) throw new EtapisteError(ErrorCode.Conflict, 'the booking changed meanwhile');
    const withInterpreter = await this.#assignInterpreter(moved);
    // The old slot's reminders would send the customer to the wrong time.
    await this.#storage.outbox.dropUnsent(bookingId, ['bookingReminder']);
    await this.#remind(withInterpreter, 'bookingConfirmation');
    await this.#queue.publish([moved.agencyId], []);
    return withInterpreter;
  }

  /** Staff set (or clear) the interpreter of a booking that requires one. */
  async setInterpreter(principal: Principal, bookingId: string, interpreterId: string | null): Promise<Booking> {
    const booking = await this.#own(principal, bookingId);
    if (booking.status !== 'booked' && booking.status !== 'checkedIn') throw new EtapisteError(ErrorCode.Conflict, `a ${booking.status} booking cannot change`);
    if (interpreterId !== null) {
      if (!this.#interpreters) throw new EtapisteError(ErrorCode.Conflict, 'interpreting is not configured');
      await this.#interpreters.requireAssignable(booking, interpreterId);
    }
    const updated = await this.#storage.bookings.updateBookingIf(bookingId, booking.status, { interpreterId });
    if (!updated) throw new EtapisteError(ErrorCode.Conflict, 'the booking changed meanwhile');
    await this.#queue.publish([updated.agencyId], []);
    return updated;
  }

  /** A booking that requires an interpreter gets one when someone suitable is free (else it stays unassigned: on demand at the session). */
  async #assignInterpreter(booking: Booking): Promise<Booking> {
    if (!booking.interpreterNeed || !this.#interpreters) return booking;
    const interpreterId = await this.#interpreters.pick(booking);
    if (interpreterId === booking.interpreterId) return booking;
    return (await this.#storage.bookings.updateBookingIf(booking.bookingId, booking.status, { interpreterId })) ?? booking;
  }

  async list(principal: Principal, filter: { servicePointId?: string; agencyId?: string; date?: LocalDate }): Promise<Booking[]> {
    const agencyId = principal.role === 'admin' ? filter.agencyId : principal.agencyId ?? undefined;
    if (principal.role !== 'admin' && !agencyId) throw new EtapisteError(ErrorCode.Forbidden, 'your account has no agency');
    return this.#storage.bookings.listBookings({ ...filter, ...(agencyId ? { agencyId } : {}) });
  }

  /** The customer types the code at the booth. */
  async checkIn(booth: Principal, code: string): Promise<{ outcome: CheckInOutcome; booking: Booking | null; visit: QueuedVisit | null }> {
    const now = Date.now();
    const booking = await this.#storage.bookings.findOpenBookingByCode(code);
    if (!booking) return { outcome: 'unknownCode', booking: null, visit: null };
    if (booking.status === 'checkedIn') return { outcome: 'alreadyUsed', booking, visit: null };
    if (booking.servicePointId !== booth.servicePointId) return { outcome: 'wrongPoint', booking: null, visit: null };
    if (booking.date !== localDateOf(now)) return { outcome: 'notToday', booking, visit: null };
    const point = await this.#storage.catalogue.getServicePointDetails(booking.servicePointId);
    const policy = point?.queuePolicy ?? defaultQueuePolicy;
    if (now < booking.startsAt - policy.checkInEarlyMinutes * 60_000) return { outcome: 'tooEarly', booking, visit: null };
    await this.#queue.requireBoothFree(booth);
    const service = await this.#storage.catalogue.getService(booking.serviceId);
    if (!service) throw new EtapisteError(ErrorCode.NotFound, 'the booked service no longer exists');
    const late = now > booking.startsAt + policy.checkInLateMinutes * 60_000;
    const checkedIn = await this.#storage.bookings.updateBookingIf(booking.bookingId, 'booked', { status: 'checkedIn' });
    if (!checkedIn) return { outcome: 'alreadyUsed', booking, visit: null };
    const visit = await this.#queue.enqueue({
      boothId: booth.subjectId,
      servicePointId: booking.servicePointId,
      service,
      language: booking.language,
      // Late: the slot has passed, so a walk-in number; in time: the front of the queue at the slot.
      priority: late ? 'normal' : 'booked',
      queuedAt: late ? now : booking.startsAt,
      bookingId: booking.bookingId,
      interpreterNeed: booking.interpreterNeed,
    });
    const outcome = late ? 'lateWalkIn' : 'checkedIn';
    await this.#usage.record('bookingCheckedIn', usageContextOf(visit.view.ticket), {
      outcome,
      minutesFromSlot: Math.round((now - booking.startsAt) / 60_000),
    });
    return { outcome, booking: checkedIn, visit };
  }

  async #availableSlot(principal: Principal, request: Omit<BookingRequest, 'serviceId' | 'language'>): Promise<BookingSlot> {
    const slots = await this.slots(principal, request);
    const slot = slots.find((candidate) => candidate.from === request.from && candidate.stopId === request.stopId);
    if (!slot) throw new EtapisteError(ErrorCode.NotFound, 'no such slot');
    if (!slot.available) throw new EtapisteError(ErrorCode.Conflict, 'the slot is taken or past');
    return slot;
  }

  /** Confirmation now and reminders a day and an hour before, for a delivery channel to pick up. */
  async #remind(booking: Booking, kind: 'bookingConfirmation'): Promise<void> {
    const payload = { date: booking.date, from: booking.from, servicePointId: booking.servicePointId, code: booking.code };
    await this.#storage.outbox.enqueue({ kind, bookingId: booking.bookingId, dueAt: Date.now(), payload });
    for (const before of [24 * HOUR, HOUR]) {
      const dueAt = booking.startsAt - before;
      if (dueAt > Date.now()) await this.#storage.outbox.enqueue({ kind: 'bookingReminder', bookingId: booking.bookingId, dueAt, payload });
    }
  }

  async #own(principal: Principal, bookingId: string): Promise<Booking> {
    const booking = await this.#storage.bookings.getBooking(bookingId);
    if (!booking) throw new EtapisteError(ErrorCode.NotFound, 'no such booking');
    this.#requireAgencyScope(principal, booking.agencyId);
    return booking;
  }

  #requireAgencyScope(principal: Principal, agencyId: string): void {
    if (principal.role === 'admin') return;
    if ((principal.role === 'expert' || principal.role === 'supervisor') && principal.agencyId === agencyId) return;
    throw new EtapisteError(ErrorCode.Forbidden, 'not your agency');
  }
}
