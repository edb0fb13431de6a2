import type { ServiceWindow, Stop } from '@etapiste/shared';
import type { MessageKey } from '@etapiste/shared/i18n';
import { useTranslate } from '@etapiste/shared/react';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';
import { addDays, formatDate, todayInFinland, useCatalogue, useSelectedPoint } from './admin-hooks.ts';
import { FormStatus, ScreenHeading, SelectInput } from './form-kit.tsx';
import { PointPicker } from './PointPicker.tsx';
import { WindowForm } from './WindowForm.tsx';
import { useSubmit } from './use-submit.ts';

type Editing = { window: ServiceWindow | null } | null;

/** Service windows of one point: which agency serves when, bookable or walk-in. */
export function WindowsScreen() {
  const { t, language } = useTranslate();
  const { catalogue, readOnly } = useCatalogue();
  const point = useSelectedPoint();
  const { windows, stops, loadWindows, loadStops, deleteWindow } = useAgentStore(
    useShallow((state) => ({
      windows: state.adminWindows,
      stops: state.adminStops,
      loadWindows: state.loadWindows,
      loadStops: state.loadStops,
      deleteWindow: state.deleteWindow,
    })),
  );
  const [agencyFilter, setAgencyFilter] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const removal = useSubmit();

  useEffect(() => {
    setEditing(null);
    if (!point) return;
    void loadWindows(point.id);
    const today = todayInFinland();
    if (point.kind === 'XS') void loadStops(point.id, { from: today, to: addDays(today, 365) });
  }, [point, loadWindows, loadStops]);

  const agencyName = (id: string) => catalogue.agencies.find((agency) => agency.id === id)?.name[language] ?? id;
  const stopById = new Map<string, Stop>(stops.map((stop) => [stop.id, stop]));
  const whenText = (window: ServiceWindow) => {
    if (window.weekday !== null) return t('admin.windows.everyWeekday', { weekday: t(`admin.weekday.${window.weekday}` as MessageKey) });
    if (window.date !== null) return formatDate(window.date, language);
    const stop = window.stopId ? stopById.get(window.stopId) : undefined;
    return stop ? `${formatDate(stop.date, language)}, ${stop.place}` : t('admin.windows.pastStop');
  };
  const shown = windows
    .filter((window) => !agencyFilter || window.agencyId === agencyFilter)
    .sort((a, b) => (a.agencyId + whenText(a) + a.from).localeCompare(b.agencyId + whenText(b) + b.from));

  return (
    <section className="admin-screen">
      <ScreenHeading label="admin.windows.title" />
      <PointPicker />
      {point ? (
        <>
          <SelectInput
            label={t('admin.agency')}
            value={agencyFilter}
            placeholder={t('admin.allAgencies')}
            options={point.agencyIds.map((id) => ({ value: id, label: agencyName(id) }))}
            onChange={setAgencyFilter}
            testId="window-agency-filter"
          />
          {point.agencyIds.length === 0 ? <p className="admin-empty">{t('admin.windows.noAgencies')}</p> : null}
          <FormStatus summary={removal.summary} saved={removal.saved} />
          {shown.length === 0 ? (
            <p className="admin-empty">{t('admin.windows.none')}</p>
          ) : (
            <table className="admin-table" data-testid="window-list">
              <caption className="visually-hidden">{t('admin.windows.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.agency')}</th>
                  <th scope="col">{t('admin.windows.when')}</th>
                  <th scope="col">{t('admin.time')}</th>
                  <th scope="col">{t('admin.windows.kind')}</th>
                  {readOnly ? null : <th scope="col">{t('admin.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {shown.map((window) => (
                  <tr key={window.id} data-testid={`window-${window.id}`}>
                    <td>{agencyName(window.agencyId)}</td>
                    <td>{whenText(window)}</td>
                    <td>
                      {window.from}–{window.to}
                    </td>
                    <td>
                      {t(`admin.windows.kind.${window.kind}`)}
                      {window.kind === 'bookable' ? ` (${t('admin.windows.slotsOf', { minutes: window.slotMinutes })})` : ''}
                    </td>
                    {readOnly ? null : (
                      <td className="admin-table__actions">
                        <button type="button" className="button button--small" data-testid={`window-edit-${window.id}`} onClick={() => setEditing({ window })}>
                          {t('admin.edit')}
                        </button>
                        <button
                          type="button"
                          className="button button--small button--danger"
                          data-testid={`window-delete-${window.id}`}
                          onClick={() => void removal.send(() => deleteWindow(window.id), t('admin.deleted'))}
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
            <button type="button" className="button" data-testid="window-new" onClick={() => setEditing({ window: null })}>
              {t('admin.windows.new')}
            </button>
          )}
          {editing ? (
            <WindowForm key={editing.window?.id ?? 'new'} point={point} stops={stops} existing={editing.window} onDone={() => setEditing(null)} />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
