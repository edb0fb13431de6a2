import { CreateStopRequest, StopDatesBatch, StopWeeklyBatch, type LocalDate } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useState, type FormEvent } from 'react';
import { useAgentStore } from '../store/index.ts';
import { addDays, todayInFinland } from './admin-hooks.ts';
import { Field, Fieldset, FormStatus, SelectInput, TextInput } from './form-kit.tsx';
import { useWeekdayOptions } from './OpeningHoursEditor.tsx';
import { useSubmit } from './use-submit.ts';

/** Adds one stop of a bus: place, date, from–to. */
export function StopForm({ pointId }: { pointId: string }) {
  const { t } = useTranslate();
  const addStop = useAgentStore((state) => state.addStop);
  const form = useSubmit();
  const [place, setPlace] = useState('');
  const [date, setDate] = useState<LocalDate>(todayInFinland());
  const [from, setFrom] = useState('10:00');
  const [to, setTo] = useState('14:00');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await form.submit(CreateStopRequest, { place, date, from, to }, (body) => addStop(pointId, body), t('admin.timetable.stopAdded'));
  };

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="stop-form-heading">
      <h3 id="stop-form-heading">{t('admin.timetable.addOne')}</h3>
      <TextInput label={t('admin.timetable.place')} value={place} onChange={setPlace} error={form.problems.place} testId="stop-place" required />
      <div className="admin-row">
        <TextInput type="date" label={t('admin.date')} value={date} onChange={setDate} error={form.problems.date} testId="stop-date" required />
        <TextInput type="time" label={t('admin.from')} value={from} onChange={setFrom} error={form.problems.from} testId="stop-from" required />
        <TextInput type="time" label={t('admin.to')} value={to} onChange={setTo} error={form.problems.to} testId="stop-to" required />
      </div>
      <FormStatus summary={form.summary} saved={form.saved} />
      <button type="submit" className="button button--primary" disabled={form.pending} data-testid="stop-add">
        {t('admin.timetable.add')}
      </button>
    </form>
  );
}

/** "2031-03-05, 2031-03-12" or one per line → dates (the schema checks each). */
const splitDates = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/** Adds a timetable at once: every given weekday over a date range, or a list of dates. */
export function StopBatchForm({ pointId }: { pointId: string }) {
  const { t } = useTranslate();
  const addStops = useAgentStore((state) => state.addStops);
  const weekdayOptions = useWeekdayOptions();
  const form = useSubmit();
  const today = todayInFinland();
  const [mode, setMode] = useState<'weekly' | 'dates'>('weekly');
  const [place, setPlace] = useState('');
  const [from, setFrom] = useState('10:00');
  const [to, setTo] = useState('14:00');
  const [weekday, setWeekday] = useState(1);
  const [startDate, setStartDate] = useState<LocalDate>(today);
  const [endDate, setEndDate] = useState<LocalDate>(addDays(today, 90));
  const [datesText, setDatesText] = useState('');
  const [savedCount, setSavedCount] = useState<number | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const base = { place, from, to };
    setSavedCount(null);
    const added =
      mode === 'weekly'
        ? await form.submit(StopWeeklyBatch, { ...base, weekday, startDate, endDate }, (body) => addStops(pointId, body))
        : await form.submit(StopDatesBatch, { ...base, dates: splitDates(datesText) }, (body) => addStops(pointId, body));
    if (added) setSavedCount(added.length);
  };
  const datesError = Object.entries(form.problems).find(([path]) => path === 'dates' || path.startsWith('dates.'))?.[1];

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="stop-batch-heading">
      <h3 id="stop-batch-heading">{t('admin.timetable.addMany')}</h3>
      <Fieldset legend={t('admin.timetable.how')}>
        <label className="admin-check">
          <input type="radio" name="stop-batch-mode" checked={mode === 'weekly'} data-testid="stop-batch-weekly" onChange={() => setMode('weekly')} />
          {t('admin.timetable.weekly')}
        </label>
        <label className="admin-check">
          <input type="radio" name="stop-batch-mode" checked={mode === 'dates'} data-testid="stop-batch-dates" onChange={() => setMode('dates')} />
          {t('admin.timetable.dateList')}
        </label>
      </Fieldset>
      <TextInput label={t('admin.timetable.place')} value={place} onChange={setPlace} error={form.problems.place} testId="stop-batch-place" required />
      <div className="admin-row">
        <TextInput type="time" label={t('admin.from')} value={from} onChange={setFrom} error={form.problems.from} testId="stop-batch-from" required />
        <TextInput type="time" label={t('admin.to')} value={to} onChange={setTo} error={form.problems.to} testId="stop-batch-to" required />
      </div>
      {mode === 'weekly' ? (
        <div className="admin-row">
          <SelectInput label={t('admin.weekday')} value={String(weekday)} options={weekdayOptions} onChange={(value) => setWeekday(Number(value))} error={form.problems.weekday} testId="stop-batch-weekday" />
          <TextInput type="date" label={t('admin.timetable.startDate')} value={startDate} onChange={setStartDate} error={form.problems.startDate} testId="stop-batch-start" required />
          <TextInput type="date" label={t('admin.timetable.endDate')} value={endDate} onChange={setEndDate} error={form.problems.endDate} testId="stop-batch-end" required />
        </div>
      ) : (
        <Field label={t('admin.timetable.dates')} hint={t('admin.timetable.datesHint')} error={datesError}>
          {(control) => <textarea {...control} rows={4} value={datesText} data-testid="stop-batch-date-list" onChange={(event) => setDatesText(event.target.value)} />}
        </Field>
      )}
      <FormStatus summary={form.summary} saved={savedCount === null ? null : t('admin.timetable.stopsAdded', { count: savedCount })} />
      <button type="submit" className="button button--primary" disabled={form.pending} data-testid="stop-batch-submit">
        {t('admin.timetable.addAll')}
      </button>
    </form>
  );
}
