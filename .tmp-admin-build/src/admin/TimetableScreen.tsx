import type { LocalDate } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';
import { addDays, formatDate, todayInFinland, useCatalogue, useSelectedPoint } from './admin-hooks.ts';
import { Fieldset, FormStatus, ScreenHeading, TextInput } from './form-kit.tsx';
import { PointPicker } from './PointPicker.tsx';
import { StopBatchForm, StopForm } from './StopForms.tsx';
import { useSubmit } from './use-submit.ts';

/** A service bus's timetable: its stops by date; add one or many, delete. */
export function TimetableScreen() {
  const { t, language } = useTranslate();
  const { readOnly } = useCatalogue();
  const point = useSelectedPoint();
  const bus = point?.kind === 'XS' ? point : null;
  const { stops, loadStops, deleteStop } = useAgentStore(
    useShallow((state) => ({ stops: state.adminStops, loadStops: state.loadStops, deleteStop: state.deleteStop })),
  );
  const today = todayInFinland();
  const [from, setFrom] = useState<LocalDate>(today);
  const [to, setTo] = useState<LocalDate>(addDays(today, 90));
  const [loadFailed, setLoadFailed] = useState(false);
  const removal = useSubmit();

  const validRange = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  useEffect(() => {
    if (!bus || !validRange) return;
    void loadStops(bus.id, { from, to }).then((outcome) => setLoadFailed(!outcome.ok));
  }, [bus, from, to, validRange, loadStops]);

  return (
    <section className="admin-screen">
      <ScreenHeading label="admin.timetable.title" />
      <PointPicker kind="XS" />
      {bus ? (
        <>
          <Fieldset legend={t('admin.timetable.range')}>
            <div className="admin-row">
              <TextInput type="date" label={t('admin.from')} value={from} onChange={setFrom} testId="stops-from" />
              <TextInput type="date" label={t('admin.to')} value={to} onChange={setTo} testId="stops-to" error={validRange ? undefined : t('admin.error.range')} />
            </div>
          </Fieldset>
          {loadFailed ? <p role="alert" className="admin-form__error">{t('admin.loadFailed')}</p> : null}
          <FormStatus summary={removal.summary} saved={removal.saved} />
          {stops.length === 0 ? (
            <p className="admin-empty">{t('admin.timetable.none')}</p>
          ) : (
            <table className="admin-table" data-testid="stop-list">
              <caption className="visually-hidden">{t('admin.timetable.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.date')}</th>
                  <th scope="col">{t('admin.time')}</th>
                  <th scope="col">{t('admin.timetable.place')}</th>
                  {readOnly ? null : <th scope="col">{t('admin.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {stops.map((stop, index) => (
                  <tr key={stop.id} data-testid={`stop-${stop.id}`} className={stops[index - 1]?.date === stop.date ? 'admin-table__same-day' : undefined}>
                    <td>{stops[index - 1]?.date === stop.date ? '' : formatDate(stop.date, language)}</td>
                    <td>
                      {stop.from}–{stop.to}
                    </td>
                    <td>{stop.place}</td>
                    {readOnly ? null : (
                      <td>
                        <button
                          type="button"
                          className="button button--small button--danger"
                          data-testid={`stop-delete-${stop.id}`}
                          aria-label={t('admin.timetable.deleteStop', { place: stop.place, date: formatDate(stop.date, language) })}
                          onClick={() => void removal.send(() => deleteStop(stop.id), t('admin.deleted'))}
                        >
                          {t('admin.delete')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {readOnly ? null : (
            <div className="admin-columns">
              <StopForm key={`one-${bus.id}`} pointId={bus.id} />
              <StopBatchForm key={`many-${bus.id}`} pointId={bus.id} />
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
