import type { OpeningException, OpeningHours } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { addDays, todayInFinland } from './admin-hooks.ts';
import { Checkbox, Fieldset, SelectInput, TextInput, type Problems } from './form-kit.tsx';

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** Weekday options "Monday" … "Sunday" in the UI language. */
export function useWeekdayOptions(): { value: string; label: string }[] {
  const { t } = useTranslate();
  return weekdays.map((day) => ({ value: String(day), label: t(`admin.weekday.${day}`) }));
}

interface EditorProps<T> {
  rows: T[];
  onChange: (rows: T[]) => void;
  problems: Problems;
  disabled?: boolean;
}

const replaceAt = <T,>(rows: T[], index: number, row: T) => rows.map((existing, i) => (i === index ? row : existing));

/** The weekly opening hours of an S point (within its host organisation's hours). */
export function OpeningHoursEditor({ rows, onChange, problems, disabled }: EditorProps<OpeningHours>) {
  const { t } = useTranslate();
  const weekdayOptions = useWeekdayOptions();
  const nextWeekday = rows.length === 0 ? 1 : Math.min(7, (rows.at(-1)?.weekday ?? 0) + 1);
  return (
    <Fieldset legend={t('admin.points.openingHours')} error={problems.openingHours}>
      {rows.length === 0 ? <p className="admin-empty">{t('admin.points.noOpeningHours')}</p> : null}
      {rows.map((row, index) => (
        <div key={index} className="admin-row" role="group" aria-label={t('admin.points.hoursRow', { n: index + 1 })}>
          <SelectInput
            label={t('admin.weekday')}
            value={String(row.weekday)}
            options={weekdayOptions}
            disabled={disabled}
            error={problems[`openingHours.${index}.weekday`]}
            onChange={(value) => onChange(replaceAt(rows, index, { ...row, weekday: Number(value) }))}
          />
          <TextInput type="time" label={t('admin.from')} value={row.from} disabled={disabled} error={problems[`openingHours.${index}.from`]} onChange={(from) => onChange(replaceAt(rows, index, { ...row, from }))} />
          <TextInput type="time" label={t('admin.to')} value={row.to} disabled={disabled} error={problems[`openingHours.${index}.to`] ?? problems[`openingHours.${index}`]} onChange={(to) => onChange(replaceAt(rows, index, { ...row, to }))} />
          {disabled ? null : (
            <button type="button" className="button button--small" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              {t('admin.remove')}
            </button>
          )}
        </div>
      ))}
      {disabled ? null : (
        <button type="button" className="button button--small" data-testid="hours-add" onClick={() => onChange([...rows, { weekday: nextWeekday, from: '09:00', to: '16:00' }])}>
          {t('admin.points.addHours')}
        </button>
      )}
    </Fieldset>
  );
}

/** Holidays (closed) and days with special hours. */
export function ExceptionsEditor({ rows, onChange, problems, disabled }: EditorProps<OpeningException>) {
  const { t } = useTranslate();
  const add = () => {
    const last = rows.at(-1)?.date;
    onChange([...rows, { date: last ? addDays(last, 1) : todayInFinland(), closed: true, from: null, to: null, note: null }]);
  };
  return (
    <Fieldset legend={t('admin.points.exceptions')} error={problems.exceptions}>
      {rows.length === 0 ? <p className="admin-empty">{t('admin.points.noExceptions')}</p> : null}
      {rows.map((row, index) => {
        const at = (field: string) => problems[`exceptions.${index}.${field}`];
        const update = (patch: Partial<OpeningException>) => onChange(replaceAt(rows, index, { ...row, ...patch }));
        return (
          <div key={index} className="admin-row" role="group" aria-label={t('admin.points.exceptionRow', { n: index + 1 })}>
            <TextInput type="date" label={t('admin.date')} value={row.date} disabled={disabled} error={at('date')} onChange={(date) => update({ date })} />
            <Checkbox
              label={t('admin.points.closed')}
              checked={row.closed}
              disabled={disabled}
              onChange={(closed) => update(closed ? { closed, from: null, to: null } : { closed, from: '10:00', to: '14:00' })}
            />
            {row.closed ? null : (
              <>
                <TextInput type="time" label={t('admin.from')} value={row.from ?? ''} disabled={disabled} error={at('from')} onChange={(from) => update({ from: from || null })} />
                <TextInput type="time" label={t('admin.to')} value={row.to ?? ''} disabled={disabled} error={at('to')} onChange={(to) => update({ to: to || null })} />
              </>
            )}
            <TextInput label={t('admin.points.note')} value={row.note ?? ''} disabled={disabled} error={at('note')} onChange={(note) => update({ note: note || null })} />
            {disabled ? null : (
              <button type="button" className="button button--small" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                {t('admin.remove')}
              </button>
            )}
          </div>
        );
      })}
      {disabled ? null : (
        <button type="button" className="button button--small" data-testid="exception-add" onClick={add}>
          {t('admin.points.addException')}
        </button>
      )}
    </Fieldset>
  );
}
