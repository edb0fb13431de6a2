import type { Agency, Service } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useState } from 'react';
import { useCatalogue } from './admin-hooks.ts';
import { AgencyForm, ServiceForm } from './AgencyForms.tsx';
import { ScreenHeading } from './form-kit.tsx';

type Editing = { kind: 'agency'; agency: Agency | null } | { kind: 'service'; service: Service | null; agencyId: string } | null;

/** Agencies and their services: list, create, edit. */
export function AgenciesScreen() {
  const { t, language } = useTranslate();
  const { catalogue, readOnly } = useCatalogue();
  const [openAgencyId, setOpenAgencyId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const done = (what: { name: Agency['name'] } | null) => {
    setEditing(null);
    setSaved(what ? t('admin.savedNamed', { name: what.name[language] }) : null);
  };
  const openAgency = catalogue.agencies.find((agency) => agency.id === openAgencyId) ?? null;
  const services = catalogue.services.filter((service) => service.agencyId === openAgencyId);

  return (
    <section className="admin-screen">
      <ScreenHeading label="admin.agencies.title" />
      <p role="status" className="admin-form__saved">
        {saved ?? ''}
      </p>
      <table className="admin-table">
        <caption className="visually-hidden">{t('admin.agencies.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.agencies.code')}</th>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('admin.services.count')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {catalogue.agencies.map((agency) => (
            <tr key={agency.id} data-testid={`agency-${agency.id}`} className={agency.id === openAgencyId ? 'is-open' : undefined}>
              <td>{agency.code}</td>
              <td>{agency.name[language]}</td>
              <td>{catalogue.services.filter((service) => service.agencyId === agency.id).length}</td>
              <td className="admin-table__actions">
                <button type="button" className="button button--small" data-testid={`agency-services-${agency.id}`} onClick={() => setOpenAgencyId(agency.id)}>
                  {t('admin.services.show')}
                </button>
                {readOnly ? null : (
                  <button type="button" className="button button--small" data-testid={`agency-edit-${agency.id}`} onClick={() => setEditing({ kind: 'agency', agency })}>
                    {t('admin.edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {readOnly ? null : (
        <button type="button" className="button" data-testid="agency-add" onClick={() => setEditing({ kind: 'agency', agency: null })}>
          {t('admin.agencies.new')}
        </button>
      )}
      {editing?.kind === 'agency' ? <AgencyForm key={editing.agency?.id ?? 'new'} existing={editing.agency} onDone={done} /> : null}

      {openAgency ? (
        <section className="admin-subsection" aria-labelledby="services-heading">
          <h3 id="services-heading">{t('admin.services.of', { agency: openAgency.name[language] })}</h3>
          {services.length === 0 ? <p className="admin-empty">{t('admin.services.none')}</p> : null}
          <ul className="admin-list">
            {services.map((service) => (
              <li key={service.id} data-testid={`service-${service.id}`}>
                <span className="admin-list__main">{service.name[language]}</span>
                <span className={service.remoteCapable ? 'admin-tag' : 'admin-tag admin-tag--warn'}>
                  {service.remoteCapable ? t('admin.services.remote') : t('admin.services.notRemote')}
                </span>
                {service.notRemoteInstructions ? <span className="admin-list__note">{service.notRemoteInstructions[language]}</span> : null}
                {readOnly ? null : (
                  <button
                    type="button"
                    className="button button--small"
                    data-testid={`service-edit-${service.id}`}
                    onClick={() => setEditing({ kind: 'service', service, agencyId: service.agencyId })}
                  >
                    {t('admin.edit')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {readOnly ? null : (
            <button type="button" className="button" data-testid="service-add" onClick={() => setEditing({ kind: 'service', service: null, agencyId: openAgency.id })}>
              {t('admin.services.new')}
            </button>
          )}
          {editing?.kind === 'service' ? (
            <ServiceForm key={editing.service?.id ?? 'new'} existing={editing.service} agencyId={editing.agencyId} onDone={done} />
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
