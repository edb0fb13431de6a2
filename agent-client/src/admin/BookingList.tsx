import type { Booking } from '@etapiste/shared';
import type { MessageKey } from '@etapiste/shared/i18n';
import { skillLabel, useTranslate } from '@etapiste/shared/react';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';
import { contractedInterpreters } from '../store/interpreting-admin-slice.ts';
import { useCatalogue } from './admin-hooks.ts';

interface BookingListProps {
  bookings: Booking[];
  rebookingId: string | null;
  pending: boolean;
  onCancel: (booking: Booking) => void;
  onRebook: (booking: Booking | null) => void;
}

/** The day's bookings of one agency at one point, with cancel and rebook. Never a name: only time, service and code. */
export function BookingList({ bookings, rebookingId, pending, onCancel, onRebook }: BookingListProps) {
  const { t, language } = useTranslate();
  const { catalogue } = useCatalogue();
  const serviceName = (id: string) => catalogue.services.find((service) => service.id === id)?.name[language] ?? id;
  const sorted = [...bookings].sort((a, b) => a.startsAt - b.startsAt);

  return (
    <section className="admin-subsection" aria-labelledby="booking-list-heading">
      <h3 id="booking-list-heading">{t('admin.bookings.dayList')}</h3>
      {sorted.length === 0 ? (
        <p className="admin-empty">{t('admin.bookings.none')}</p>
      ) : (
        <table className="admin-table" data-testid="booking-list">
          <thead>
            <tr>
              <th scope="col">{t('admin.time')}</th>
              <th scope="col">{t('admin.bookings.service')}</th>
              <th scope="col">{t('admin.bookings.code')}</th>
              <th scope="col">{t('admin.bookings.status')}</th>
              <th scope="col">{t('admin.bookings.interpreter')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((booking) => (
              <tr key={booking.bookingId} data-testid={`booking-${booking.bookingId}`} className={booking.bookingId === rebookingId ? 'is-open' : undefined}>
                <td>
                  {booking.from}–{booking.to}
                </td>
                <td>{serviceName(booking.serviceId)}</td>
                <td className="admin-code-cell">{booking.code}</td>
                <td>{t(`admin.bookings.status.${booking.status}` as MessageKey)}</td>
                <td>
                  <BookingInterpreter booking={booking} />
                </td>
                <td className="admin-table__actions">
                  {booking.status === 'booked' ? (
                    <>
                      <button
                        type="button"
                        className="button button--small"
                        aria-pressed={booking.bookingId === rebookingId}
                        data-testid={`booking-rebook-${booking.bookingId}`}
                        onClick={() => onRebook(booking.bookingId === rebookingId ? null : booking)}
                      >
                        {t('admin.bookings.rebook')}
                      </button>
                      <button
                        type="button"
                        className="button button--small button--danger"
                        disabled={pending}
                        data-testid={`booking-cancel-${booking.bookingId}`}
                        aria-label={t('admin.bookings.cancelOne', { time: booking.from, code: booking.code })}
                        onClick={() => onCancel(booking)}
                      >
                        {t('admin.bookings.cancel')}
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The booking's interpreter need and assigned interpreter; while booked, the interpreter can be changed. */
function BookingInterpreter({ booking }: { booking: Booking }) {
  const { t, language } = useTranslate();
  const { interpreting, setBookingInterpreter } = useAgentStore(
    useShallow((state) => ({ interpreting: state.interpretingCatalogue, setBookingInterpreter: state.setBookingInterpreter })),
  );
  const [refused, setRefused] = useState<string | null>(null);
  if (!booking.interpreterNeed) return <span className="admin-empty">–</span>;
  const need = skillLabel(booking.interpreterNeed, language, t);
  const candidates = contractedInterpreters(interpreting, booking.agencyId, booking.interpreterNeed);
  const assigned = interpreting?.interpreters.find((interpreter) => interpreter.interpreterId === booking.interpreterId);
  if (booking.status !== 'booked' || !interpreting) {
    return (
      <span>
        {need}: {assigned?.displayName ?? booking.interpreterId ?? t('admin.bookings.unassigned')}
      </span>
    );
  }
  return (
    <label className="admin-booking-interpreter">
      <span>{need}</span>
      <select
        value={booking.interpreterId ?? ''}
        aria-label={t('admin.bookings.changeInterpreter', { time: booking.from })}
        data-testid={`booking-interpreter-${booking.bookingId}`}
        onChange={(event) =>
          void setBookingInterpreter(booking.bookingId, event.target.value || null).then((outcome) => setRefused(outcome.ok ? null : outcome.error.message))
        }
      >
        <option value="">{t('admin.bookings.unassigned')}</option>
        {candidates.map((interpreter) => (
          <option key={interpreter.interpreterId} value={interpreter.interpreterId}>
            {interpreter.displayName}
          </option>
        ))}
      </select>
      {refused ? (
        <span role="alert" className="admin-field__error">
          {t('admin.error.conflict', { message: refused })}
        </span>
      ) : null}
    </label>
  );
}
