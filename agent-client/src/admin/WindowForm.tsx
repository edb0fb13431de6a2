import { SaveServiceWindowRequest, type LocalDate, type ServicePointDetails, type ServiceWindow, type ServiceWindowKind, type Stop } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useState, type FormEvent } from 'react';
import { useAgentStore } from '../store/index.ts';
import { formatDate, todayInFinland, useCatalogue } from './admin-hooks.ts';
import { Fieldset, FormStatus, NumberInput, SelectInput, TextInput } from './form-kit.tsx';
import { useWeekdayOptions } from './OpeningHoursEditor.tsx';
import { useSubmit } from './use-submit.ts';

interface WindowFormProps {
  point: ServicePointDetails;
  /** The bus's coming stops (XS points). */
  stops: Stop[];
  existing: ServiceWindow | null;
  onDone: (saved: ServiceWindow | null) => void;
}

type When = 'weekday' | 'date';

/** When an agency serves at the point: every week on a weekday or on one date (S), or during a stop (XS). */
export function WindowForm({ point, stops, existing, onDone }: WindowFormProps) {
  const { t, language } = useTranslate();
  const { catalogue } = useCatalogue();
  const saveWindow = useAgentStore((state) => state.saveWindow);
  const weekdayOptions = useWeekdayOptions();
  const form = useSubmit();
  const bus = point.kind === 'XS';
  const [agencyId, setAgencyId] = useState(existing?.agencyId ?? point.agencyIds[0] ?? '');
  const [when, setWhen] = useState<When>(existing?.date ? 'date' : 'weekday');
  const [weekday, setWeekday] = useState(existing?.weekday ?? 1);
  const [date, setDate] = useState<LocalDate>(existing?.date ?? todayInFinland());
  const [stopId, setStopId] = useState(existing?.stopId ?? '');
  const [from, setFrom] = useState(existing?.from ?? '09:00');
  const [to, setTo] = useState(existing?.to ?? '12:00');
  const [kind, setKind] = useState<ServiceWindowKind>(existing?.kind ?? 'bookable');
  const [slotMinutes, setSlotMinutes] = useState(existing?.slotMinutes ?? 30);

  const chooseStop = (id: string) => {
    setStopId(id);
    const stop = stops.find((candidate) => candidate.id === id);
    if (stop) {
      setFrom(stop.from);
      setTo(stop.to);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const draft = {
      servicePointId: point.id,
      agencyId,
      kind,
      weekday: !bus && when === 'weekday' ? weekday : null,
      date: !bus && when === 'date' ? date : null,
      stopId: bus ? stopId || null : null,
      from,
      to,
      slotMinutes,
    };
    const saved = await form.submit(SaveServiceWindowRequest, draft, (body) => saveWindow(body, existing?.id ?? null));
    if (saved) onDone(saved);
  };
  const agencyOptions = point.agencyIds.map((id) => ({ value: id, label: catalogue.agencies.find((agency) => agency.id === id)?.name[language] ?? id }));

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="window-form-heading">
      <h3 id="window-form-heading">{existing ? t('admin.windows.edit') : t('admin.windows.new')}</h3>
      <SelectInput label={t('admin.agency')} value={agencyId} options={agencyOptions} onChange={setAgencyId} error={form.problems.agencyId} testId="window-agency" placeholder="" />
      {bus ? (
        <SelectInput
          label={t('admin.windows.stop')}
          value={stopId}
          placeholder={stops.length === 0 ? t('admin.windows.noStops') : ''}
          options={stops.map((stop) => ({ value: stop.id, label: `${formatDate(stop.date, language)} ${stop.from}–${stop.to} ${stop.place}` }))}
          onChange={chooseStop}
          error={form.problems.stopId ?? form.problems.weekday}
          testId="window-stop"
        />
      ) : (
        <Fieldset legend={t('admin.windows.when')} error={form.problems.weekday}>
          <label className="admin-check">
            <input type="radio" name="window-when" checked={when === 'weekday'} data-testid="window-when-weekday" onChange={() => setWhen('weekday')} />
            {t('admin.windows.everyWeek')}
          </label>
          <label className="admin-check">
            <input type="radio" name="window-when" checked={when === 'date'} data-testid="window-when-date" onChange={() => setWhen('date')} />
            {t('admin.windows.oneDate')}
          </label>
          {when === 'weekday' ? (
            <SelectInput label={t('admin.weekday')} value={String(weekday)} options={weekdayOptions} onChange={(value) => setWeekday(Number(value))} testId="window-weekday" />
          ) : (
            <TextInput type="date" label={t('admin.date')} value={date} onChange={setDate} error={form.problems.date} testId="window-date" />
          )}
        </Fieldset>
      )}
      <div className="admin-row">
        <TextInput type="time" label={t('admin.from')} value={from} onChange={setFrom} error={form.problems.from} testId="window-from" required />
        <TextInput type="time" label={t('admin.to')} value={to} onChange={setTo} error={form.problems.to} testId="window-to" required />
      </div>
      <Fieldset legend={t('admin.windows.kind')} error={form.problems.kind}>
        {(['bookable', 'walkIn'] as const).map((option) => (
          <label key={option} className="admin-check">
            <input type="radio" name="window-kind" checked={kind === option} data-testid={`window-kind-${option}`} onChange={() => setKind(option)} />
            {t(`admin.windows.kind.${option}`)}
          </label>
        ))}
      </Fieldset>
      {kind === 'bookable' ? (
        <NumberInput label={t('admin.windows.slotMinutes')} value={slotMinutes} onChange={setSlotMinutes} error={form.problems.slotMinutes} testId="window-slot-minutes" />
      ) : null}
      <FormStatus summary={form.summary} />
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" disabled={form.pending} data-testid={existing ? 'window-save' : 'window-add'}>
          {existing ? t('admin.save') : t('admin.windows.add')}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
