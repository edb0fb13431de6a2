import type { BookingStatus } from '@etapiste/shared';
import type { MessageKey } from '@etapiste/shared/i18n';
import { useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { serviceNameOf, servicePointOf } from '../store/names.ts';
import { useAgentStore } from '../store/index.ts';

const statusKeys: Record<BookingStatus, MessageKey> = {
  booked: 'agent.bookingStatus.booked',
  checkedIn: 'agent.bookingStatus.checkedIn',
  served: 'agent.bookingStatus.served',
  cancelled: 'agent.bookingStatus.cancelled',
  noShow: 'agent.bookingStatus.noShow',
};

/** Today's bookings of the agency over all points, by slot time. */
export function BookingsToday() {
  const { t, language } = useTranslate();
  const { bookings, waiting, adminCatalogue } = useAgentStore(
    useShallow((state) => ({
      bookings: state.overview?.bookingsToday ?? null,
      waiting: state.waiting,
      adminCatalogue: state.adminCatalogue,
    })),
  );
  const names = { waiting, adminCatalogue };
  const sorted = [...(bookings ?? [])].sort((a, b) => a.startsAt - b.startsAt);
  return (
    <section className="panel" aria-labelledby="bookings-heading" data-testid="bookings-today">
      <h2 id="bookings-heading">{t('agent.bookingsToday')}</h2>
      {sorted.length === 0 ? (
        <p className="empty">{t('agent.noBookings')}</p>
      ) : (
        <table className="waiting-table">
          <thead>
            <tr>
              <th scope="col">{t('agent.colTime')}</th>
              <th scope="col">{t('agent.colServicePoint')}</th>
              <th scope="col">{t('agent.colService')}</th>
              <th scope="col">{t('agent.colCode')}</th>
              <th scope="col">{t('agent.colStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((booking) => {
              const point = servicePointOf(names, booking.servicePointId);
              return (
                <tr key={booking.bookingId} data-testid={`booking-row-${booking.bookingId}`}>
                  <td>
                    {booking.from}–{booking.to}
                  </td>
                  <td>
                    {point ? `${point.name[language]} (${point.kind})` : booking.servicePointId}
                  </td>
                  <td>{serviceNameOf(names, booking.serviceId)?.[language] ?? booking.serviceId}</td>
                  <td className="waiting-table__code">{booking.code}</td>
                  <td>{t(statusKeys[booking.status])}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
