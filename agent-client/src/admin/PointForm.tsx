import {
  defaultQueuePolicy,
  SaveServicePointRequest,
  type HostOrganisation,
  type LocalizedText,
  type OpeningException,
  type OpeningHours,
  type ServicePointDetails,
  type ServicePointKind,
} from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useState, type FormEvent } from 'react';
import { useAgentStore } from '../store/index.ts';
import { useCatalogue } from './admin-hooks.ts';
import { Checkbox, emptyText, Fieldset, FormStatus, LocalizedTextFields, TextInput } from './form-kit.tsx';
import { ExceptionsEditor, OpeningHoursEditor } from './OpeningHoursEditor.tsx';
import { useSubmit } from './use-submit.ts';

interface PointFormProps {
  /** null: create a new point. */
  existing: ServicePointDetails | null;
  onDone: (saved: ServicePointDetails | null) => void;
}

/**
 * Create or edit a service point. S: a room in a host organisation, with the host, address,
 * weekly opening hours and exceptions. XS: a service bus; its availability is its stops.
 * The queue policy is kept as it is (it has its own screen).
 */
export function PointForm({ existing, onDone }: PointFormProps) {
  const { t, language } = useTranslate();
  const { catalogue } = useCatalogue();
  const savePoint = useAgentStore((state) => state.savePoint);
  const form = useSubmit();
  const [kind, setKind] = useState<ServicePointKind>(existing?.kind ?? 'S');
  const [name, setName] = useState<LocalizedText>(existing?.name ?? emptyText());
  const [municipality, setMunicipality] = useState(existing?.municipality ?? '');
  const [region, setRegion] = useState(existing?.region ?? '');
  const [address, setAddress] = useState(existing?.address ?? '');
  const [host, setHost] = useState<HostOrganisation>(existing?.hostOrganisation ?? { name: '', address: '' });
  const [hours, setHours] = useState<OpeningHours[]>(existing?.openingHours ?? []);
  const [exceptions, setExceptions] = useState<OpeningException[]>(existing?.exceptions ?? []);
  const [agencyIds, setAgencyIds] = useState<string[]>(existing?.agencyIds ?? []);
  const room = kind === 'S';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const draft = {
      kind,
      name,
      municipality,
      region,
      address,
      hostOrganisation: room ? host : null,
      openingHours: room ? hours : [],
      exceptions: room ? exceptions : [],
      queuePolicy: existing?.queuePolicy ?? defaultQueuePolicy,
      agencyGraceSeconds: (existing?.agencyGraceSeconds ?? []).filter((grace) => agencyIds.includes(grace.agencyId)),
      agencyIds,
    };
    const saved = await form.submit(SaveServicePointRequest, draft, (body) => savePoint(body, existing?.id ?? null));
    if (saved) onDone(saved);
  };
  const toggleAgency = (agencyId: string, on: boolean) =>
    setAgencyIds(on ? [...agencyIds, agencyId] : agencyIds.filter((id) => id !== agencyId));

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="point-form-heading">
      <h3 id="point-form-heading">{existing ? t('admin.points.edit', { name: existing.name[language] }) : t('admin.points.new')}</h3>
      <Fieldset legend={t('admin.points.kind')} error={form.problems.kind}>
        {(['S', 'XS'] as const).map((option) => (
          <label key={option} className="admin-check">
            <input type="radio" name="point-kind" value={option} checked={kind === option} data-testid={`point-kind-${option}`} onChange={() => setKind(option)} />
            {t(`servicePoint.kind.${option}`)}
          </label>
        ))}
      </Fieldset>
      <LocalizedTextFields legend={t('admin.name')} value={name} onChange={setName} problems={form.problems} path="name" testId="point-name" />
      <div className="admin-row">
        <TextInput label={t('admin.points.municipality')} value={municipality} onChange={setMunicipality} error={form.problems.municipality} testId="point-municipality" required />
        <TextInput label={t('admin.points.region')} value={region} onChange={setRegion} error={form.problems.region} testId="point-region" required />
      </div>
      <TextInput label={t('admin.points.address')} value={address} onChange={setAddress} error={form.problems.address} testId="point-address" />
      {room ? (
        <Fieldset legend={t('admin.points.host')} error={form.problems.hostOrganisation}>
          <TextInput label={t('admin.points.hostName')} value={host.name} onChange={(value) => setHost({ ...host, name: value })} error={form.problems['hostOrganisation.name']} testId="point-host-name" required />
          <TextInput label={t('admin.points.hostAddress')} value={host.address} onChange={(value) => setHost({ ...host, address: value })} error={form.problems['hostOrganisation.address']} testId="point-host-address" />
        </Fieldset>
      ) : (
        <p className="admin-hint">{t('admin.points.busHint')}</p>
      )}
      <Fieldset legend={t('admin.points.agencies')} error={form.problems.agencyIds}>
        {catalogue.agencies.map((agency) => (
          <Checkbox
            key={agency.id}
            label={agency.name[language]}
            checked={agencyIds.includes(agency.id)}
            testId={`point-agency-${agency.id}`}
            onChange={(on) => toggleAgency(agency.id, on)}
          />
        ))}
      </Fieldset>
      {room ? (
        <>
          <OpeningHoursEditor rows={hours} onChange={setHours} problems={form.problems} />
          <ExceptionsEditor rows={exceptions} onChange={setExceptions} problems={form.problems} />
        </>
      ) : null}
      <FormStatus summary={form.summary} />
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" disabled={form.pending} data-testid="point-save">
          {t('admin.save')}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
