import type { ServicePointDetails } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';
import { useCatalogue } from './admin-hooks.ts';
import { ScreenHeading } from './form-kit.tsx';
import { PointForm } from './PointForm.tsx';

type Editing = { point: ServicePointDetails | null } | null;

/** Service points: S rooms and XS buses; create and edit, and jump to a bus's timetable or a point's windows. */
export function PointsScreen() {
  const { t, language } = useTranslate();
  const { catalogue, readOnly } = useCatalogue();
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { selectAdminPoint, setAdminView } = useAgentStore(
    useShallow((state) => ({ selectAdminPoint: state.selectAdminPoint, setAdminView: state.setAdminView })),
  );
  const go = (view: 'timetable' | 'windows', pointId: string) => {
    selectAdminPoint(pointId);
    setAdminView(view);
  };
  const agencyName = (id: string) => catalogue.agencies.find((agency) => agency.id === id)?.name[language] ?? id;
  const done = (point: ServicePointDetails | null) => {
    setEditing(null);
    setSaved(point ? t('admin.savedNamed', { name: point.name[language] }) : null);
  };

  return (
    <section className="admin-screen">
      <ScreenHeading label="admin.points.title" />
      <p role="status" className="admin-form__saved">
        {saved ?? ''}
      </p>
      {catalogue.servicePoints.length === 0 ? <p className="admin-empty">{t('admin.points.none')}</p> : null}
      <table className="admin-table">
        <caption className="visually-hidden">{t('admin.points.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('admin.points.kind')}</th>
            <th scope="col">{t('admin.points.municipality')}</th>
            <th scope="col">{t('admin.points.agencies')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {catalogue.servicePoints.map((point) => (
            <tr key={point.id} data-testid={`point-${point.id}`}>
              <td>
                {point.name[language]}
                {point.hostOrganisation ? <span className="admin-list__note">{point.hostOrganisation.name}</span> : null}
              </td>
              <td>{t(`servicePoint.kind.${point.kind}`)}</td>
              <td>
                {point.municipality}, {point.region}
              </td>
              <td>{point.agencyIds.map(agencyName).join(', ') || '–'}</td>
              <td className="admin-table__actions">
                {readOnly ? null : (
                  <button type="button" className="button button--small" data-testid={`point-edit-${point.id}`} onClick={() => setEditing({ point })}>
                    {t('admin.edit')}
                  </button>
                )}
                {point.kind === 'XS' ? (
                  <button type="button" className="button button--small" onClick={() => go('timetable', point.id)}>
                    {t('admin.nav.timetable')}
                  </button>
                ) : null}
                <button type="button" className="button button--small" onClick={() => go('windows', point.id)}>
                  {t('admin.nav.windows')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {readOnly ? null : (
        <button type="button" className="button" data-testid="point-add" onClick={() => setEditing({ point: null })}>
          {t('admin.points.new')}
        </button>
      )}
      {editing ? <PointForm key={editing.point?.id ?? 'new'} existing={editing.point} onDone={done} /> : null}
    </section>
  );
}
