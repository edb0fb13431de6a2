import { languages, skillKey, type Booking, type BookingSlot, type Language, type LocalDate } from '@etapiste/shared';
import { skillLabel, useTranslate } from '@etapiste/shared/react';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';
import { contractedSkills } from '../store/interpreting-admin-slice.ts';
import { formatDate, todayInFinland, useCatalogue, useSelectedPoint } from './admin-hooks.ts';
import { BookingList } from './BookingList.tsx';
import { Fieldset, FormStatus, ScreenHeading, SelectInput, TextInput } from './form-kit.tsx';
import { PointPicker } from './PointPicker.tsx';
import { useSubmit } from './use-submit.ts';

const slotKey = (slot: BookingSlot) => `${slot.stopId ?? ''}@${slot.from}`;

/** Book a slot for a customer (point, agency, service, day → slot → code); the day's bookings with cancel and rebook. */
export function BookingsScreen() {
  const { t, language } = useTranslate();
  const { catalogue } = useCatalogue();
  const point = useSelectedPoint();
  const { principal, slots, bookings, interpreting, loadInterpreting, loadBookingDay, bookSlot, cancelBooking, rebookBooking } = useAgentStore(
    useShallow((state) => ({
      principal: state.principal,
      interpreting: state.interpretingCatalogue,
      loadInterpreting: state.loadInterpretingCatalogue,
      slots: state.adminSlots,
      bookings: state.adminBookings,
      loadBookingDay: state.loadBookingDay,
      bookSlot: state.bookSlot,
      cancelBooking: state.cancelBooking,
      rebookBooking: state.rebookBooking,
    })),
  );
  // Experts and supervisors book for their own agency; admins for any.
  const ownAgency = principal?.role === 'admin' ? null : principal?.agencyId ?? null;
  const agencyIds = (point?.agencyIds ?? []).filter((id) => !ownAgency || id === ownAgency);
  const [agencyId, setAgencyId] = useState('');
  const [serviceId, setServiceId] = useState('');
  const [date, setDate] = useState<LocalDate>(todayInFinland());
  const [customerLanguage, setCustomerLanguage] = useState<Language>(language);
  const [chosen, setChosen] = useState<string | null>(null);
  const [need, setNeed] = useState('');
  const [rebooking, setRebooking] = useState<Booking | null>(null);
  const [confirmed, setConfirmed] = useState<Booking | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const form = useSubmit();

  const agency = agencyIds.includes(agencyId) ? agencyId : (agencyIds[0] ?? '');
  const services = catalogue.services.filter((service) => service.agencyId === agency && service.remoteCapable);
  const service = services.some((candidate) => candidate.id === serviceId) ? serviceId : (services[0]?.id ?? '');
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const pointId = point?.id ?? null;
  const skills = contractedSkills(interpreting, agency);
  const interpreterNeed = skills.find((skill) => skillKey(skill) === need) ?? null;

  useEffect(() => {
    if (!interpreting) void loadInterpreting();
  }, [interpreting, loadInterpreting]);

  useEffect(() => {
    setChosen(null);
    if (!pointId || !agency || !validDate) return;
    void loadBookingDay({ servicePointId: pointId, agencyId: agency, date }).then((outcome) => setLoadFailed(!outcome.ok));
  }, [pointId, agency, date, validDate, loadBookingDay]);

  const slot = slots.find((candidate) => slotKey(candidate) === chosen) ?? null;
  const submit = async () => {
    if (!slot || !pointId) return;
    const where = { date: slot.date, from: slot.from, stopId: slot.stopId };
    const saved = rebooking
      ? await form.send(() => rebookBooking(rebooking.bookingId, where), t('admin.bookings.rebooked'))
      : await form.send(
          () => bookSlot({ servicePointId: pointId, agencyId: agency, serviceId: service, language: customerLanguage, interpreterNeed, ...where }),
          t('admin.bookings.booked'),
        );
    if (saved) {
      setConfirmed(saved);
      setRebooking(null);
      setChosen(null);
    }
  };
  const cancel = async (booking: Booking) => {
    if (await form.send(() => cancelBooking(booking.bookingId), t('admin.bookings.cancelled'))) setConfirmed(null);
  };

  return (
    <section className="admin-screen">
      <ScreenHeading label="admin.bookings.title" />
      <PointPicker />
      {point && agencyIds.length === 0 ? <p className="admin-empty">{t('admin.bookings.agencyNotHere')}</p> : null}
      {point && agency ? (
        <>
          <div className="admin-row">
            <SelectInput
              label={t('admin.agency')}
              value={agency}
              options={agencyIds.map((id) => ({ value: id, label: catalogue.agencies.find((entry) => entry.id === id)?.name[language] ?? id }))}
              onChange={setAgencyId}
              testId="booking-agency"
            />
            <SelectInput
              label={t('admin.bookings.service')}
              value={service}
              options={services.map((entry) => ({ value: entry.id, label: entry.name[language] }))}
              onChange={setServiceId}
              testId="booking-service"
            />
            <TextInput type="date" label={t('admin.date')} value={date} onChange={setDate} testId="booking-date" error={validDate ? undefined : t('admin.error.date')} />
            <SelectInput
              label={t('admin.bookings.language')}
              value={customerLanguage}
              options={languages.map((option) => ({ value: option, label: t(`language.${option}`) }))}
              onChange={(value) => setCustomerLanguage(value as Language)}
              testId="booking-language"
            />
            {skills.length > 0 ? (
              <SelectInput
                label={t('admin.bookings.interpreterNeed')}
                value={interpreterNeed ? need : ''}
                placeholder={t('admin.bookings.noInterpreter')}
                options={skills.map((skill) => ({ value: skillKey(skill), label: skillLabel(skill, language, t) }))}
                onChange={setNeed}
                testId="booking-interpreter-need"
              />
            ) : null}
          </div>
          {rebooking ? (
            <p className="admin-hint" role="status">
              {t('admin.bookings.rebookHint', { code: rebooking.code, time: `${formatDate(rebooking.date, language)} ${rebooking.from}` })}
            </p>
          ) : null}
          {loadFailed ? <p role="alert" className="admin-form__error">{t('admin.loadFailed')}</p> : null}
          <Fieldset legend={t('admin.bookings.slots', { date: validDate ? formatDate(date, language) : date })} className="admin-slots">
            {slots.length === 0 ? <p className="admin-empty">{t('admin.bookings.noSlots')}</p> : null}
            {slots.map((candidate) => (
              <button
                key={slotKey(candidate)}
                type="button"
                className="button button--small admin-slot"
                disabled={!candidate.available}
                aria-pressed={slotKey(candidate) === chosen}
                data-testid={`booking-slot-${candidate.from}`}
                onClick={() => setChosen(slotKey(candidate))}
              >
                {candidate.from}–{candidate.to}
                <span className="visually-hidden">{candidate.available ? '' : ` ${t('admin.bookings.taken')}`}</span>
              </button>
            ))}
          </Fieldset>
          <button type="button" className="button button--primary" disabled={!slot || !service || form.pending} data-testid="booking-submit" onClick={() => void submit()}>
            {rebooking ? t('admin.bookings.moveTo', { time: slot?.from ?? '–' }) : t('admin.bookings.book', { time: slot?.from ?? '–' })}
          </button>
          <FormStatus summary={form.summary} saved={form.saved} />
          {confirmed ? (
            <div className="admin-code" role="status" aria-live="polite">
              <p>{t('admin.bookings.giveCode', { time: `${formatDate(confirmed.date, language)} ${confirmed.from}` })}</p>
              <p className="admin-code__digits" data-testid="booking-code">
                {confirmed.code}
              </p>
            </div>
          ) : null}
          <BookingList bookings={bookings} rebookingId={rebooking?.bookingId ?? null} pending={form.pending} onCancel={(booking) => void cancel(booking)} onRebook={setRebooking} />
        </>
      ) : null}
    </section>
  );
}
