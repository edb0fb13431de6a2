import { ErrorCode, EtapisteError, type Booking } from '@etapiste/shared';
import type { Storage } from '../storage/repositories.ts';
import type { InterpretingViews } from './interpreting-views.ts';

/**
 * The interpreter of a booking that requires one: someone of a provider the agency has a
 * contract with, with the skill, and free at the booking's time.
 */
export class BookingInterpreters {
  readonly #storage: Storage;
  readonly #views: InterpretingViews;
  constructor(deps: { storage: Storage; views: InterpretingViews }) {
    this.#storage = deps.storage;
    this.#views = deps.views;
  }

  /** The booking's current interpreter when still free, else the free one with the fewest assignments that day; null when nobody is. */
  async pick(booking: Booking): Promise<string | null> {
    if (!booking.interpreterNeed) return null;
    const candidates = await this.#views.contractedWithSkill(booking.agencyId, booking.interpreterNeed);
    const sameDay = await this.#storage.bookings.listBookings({ date: booking.date, statuses: ['booked', 'checkedIn'] });
    const others = sameDay.filter((other) => other.bookingId !== booking.bookingId && other.interpreterId);
    const load = (id: string) => others.filter((other) => other.interpreterId === id).length;
    const free = candidates
      .map((candidate) => candidate.interpreterId)
      .filter((id) => !others.some((other) => other.interpreterId === id && other.from < booking.to && booking.from < other.to));
    if (booking.interpreterId && free.includes(booking.interpreterId)) return booking.interpreterId;
    return free.sort((a, b) => load(a) - load(b) || a.localeCompare(b))[0] ?? null;
  }

  /** Refuses an interpreter who lacks the skill, whose provider the agency has no contract with, or who is booked at that time. */
  async requireAssignable(booking: Booking, interpreterId: string): Promise<void> {
    if (!booking.interpreterNeed) throw new EtapisteError(ErrorCode.Conflict, 'the booking does not require an interpreter');
    const candidates = await this.#views.contractedWithSkill(booking.agencyId, booking.interpreterNeed);
    if (!candidates.some((candidate) => candidate.interpreterId === interpreterId)) {
      throw new EtapisteError(ErrorCode.Conflict, 'the interpreter lacks the skill or their provider has no contract with the agency');
    }
    const sameDay = await this.#storage.bookings.listBookings({ date: booking.date, interpreterId, statuses: ['booked', 'checkedIn'] });
    if (sameDay.some((other) => other.bookingId !== booking.bookingId && other.from < booking.to && booking.from < other.to)) {
      throw new EtapisteError(ErrorCode.Conflict, 'the interpreter has another booking at that time');
    }
  }
}
