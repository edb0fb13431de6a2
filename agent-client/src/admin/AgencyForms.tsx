import { SaveAgencyRequest, SaveServiceRequest, type Agency, type LocalizedText, type Service } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useState, type FormEvent } from 'react';
import { useAgentStore } from '../store/index.ts';
import { Checkbox, emptyText, FormStatus, LocalizedTextFields, TextInput } from './form-kit.tsx';
import { useSubmit } from './use-submit.ts';

interface FormProps<T> {
  /** null: create a new one. */
  existing: T | null;
  onDone: (saved: T | null) => void;
}

/** Create or edit an agency: its short code, its name in three languages, and its ID-card identification policy. */
export function AgencyForm({ existing, onDone }: FormProps<Agency>) {
  const { t } = useTranslate();
  const saveAgency = useAgentStore((state) => state.saveAgency);
  const form = useSubmit();
  const [code, setCode] = useState(existing?.code ?? '');
  const [name, setName] = useState<LocalizedText>(existing?.name ?? emptyText());
  const [showsCode, setShowsCode] = useState(existing?.showsPersonalIdentityCode === true);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await form.submit(SaveAgencyRequest, { code, name, showsPersonalIdentityCode: showsCode }, (body) => saveAgency(body, existing?.id ?? null));
    if (saved) onDone(saved);
  };

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="agency-form-heading">
      <h3 id="agency-form-heading">{existing ? t('admin.agencies.edit') : t('admin.agencies.new')}</h3>
      <TextInput label={t('admin.agencies.code')} value={code} onChange={setCode} error={form.problems.code} testId="agency-code" required />
      <LocalizedTextFields legend={t('admin.name')} value={name} onChange={setName} problems={form.problems} path="name" testId="agency-name" />
      <Checkbox label={t('identity.admin.showsPersonalIdentityCode')} checked={showsCode} onChange={setShowsCode} testId="agency-shows-identity-code" />
      <FormStatus summary={form.summary} />
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" disabled={form.pending} data-testid="agency-save">
          {t('admin.save')}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Create or edit a service: names, remote-capable, and where to go instead when it is not. */
export function ServiceForm({ existing, agencyId, onDone }: FormProps<Service> & { agencyId: string }) {
  const { t } = useTranslate();
  const saveService = useAgentStore((state) => state.saveService);
  const form = useSubmit();
  const [name, setName] = useState<LocalizedText>(existing?.name ?? emptyText());
  const [remoteCapable, setRemoteCapable] = useState(existing?.remoteCapable ?? true);
  const [instead, setInstead] = useState<LocalizedText>(existing?.notRemoteInstructions ?? emptyText());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const draft = { agencyId, name, remoteCapable, notRemoteInstructions: remoteCapable ? null : instead };
    const saved = await form.submit(SaveServiceRequest, draft, (body) => saveService(body, existing?.id ?? null));
    if (saved) onDone(saved);
  };

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="service-form-heading">
      <h3 id="service-form-heading">{existing ? t('admin.services.edit') : t('admin.services.new')}</h3>
      <LocalizedTextFields legend={t('admin.name')} value={name} onChange={setName} problems={form.problems} path="name" testId="service-name" />
      <Checkbox label={t('admin.services.remoteCapable')} checked={remoteCapable} onChange={setRemoteCapable} testId="service-remote-capable" />
      {remoteCapable ? null : (
        <LocalizedTextFields
          legend={t('admin.services.notRemoteInstructions')}
          value={instead}
          onChange={setInstead}
          problems={form.problems}
          path="notRemoteInstructions"
          testId="service-instead"
          multiline
        />
      )}
      <FormStatus summary={form.summary} />
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" disabled={form.pending} data-testid="service-save">
          {t('admin.save')}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
