import { SaveProviderRequest, type InterpreterProvider } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../../store/index.ts';
import { useCatalogue } from '../admin-hooks.ts';
import { FormStatus, ScreenHeading, TextInput } from '../form-kit.tsx';
import { useSubmit } from '../use-submit.ts';
import { InterpretersSection } from './InterpretersSection.tsx';

/** Interpreting administration: providers, the agencies' contracts with them, and interpreters. Admins change; supervisors read. */
export function InterpretingScreen() {
  const { t } = useTranslate();
  const { catalogue, load } = useAgentStore(useShallow((state) => ({ catalogue: state.interpretingCatalogue, load: state.loadInterpretingCatalogue })));
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void load().then((outcome) => setFailed(!outcome.ok));
  }, [load]);
  return (
    <section className="admin-screen" data-testid="interpreting-admin">
      <ScreenHeading label="admin.interpreting.title" />
      {failed ? <p role="alert" className="admin-form__error">{t('admin.loadFailed')}</p> : null}
      {catalogue ? (
        <>
          <ProvidersSection providers={catalogue.providers} />
          <ContractsSection />
          <InterpretersSection />
        </>
      ) : null}
    </section>
  );
}

function ProvidersSection({ providers }: { providers: InterpreterProvider[] }) {
  const { t } = useTranslate();
  const { readOnly } = useCatalogue();
  const [editing, setEditing] = useState<InterpreterProvider | 'new' | null>(null);
  return (
    <section className="admin-subsection" aria-labelledby="providers-heading">
      <h3 id="providers-heading">{t('admin.interpreting.providers')}</h3>
      {providers.length === 0 ? <p className="admin-empty">{t('admin.interpreting.none')}</p> : null}
      <ul className="admin-list">
        {providers.map((provider) => (
          <li key={provider.id} data-testid={`provider-${provider.id}`}>
            <span className="admin-list__main">{provider.name}</span>
            {readOnly ? null : (
              <button type="button" className="button button--small" data-testid={`provider-edit-${provider.id}`} onClick={() => setEditing(provider)}>
                {t('admin.edit')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {readOnly ? null : (
        <button type="button" className="button" data-testid="provider-add" onClick={() => setEditing('new')}>
          {t('admin.interpreting.providerNew')}
        </button>
      )}
      {editing ? (
        <ProviderForm key={editing === 'new' ? 'new' : editing.id} existing={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : null}
    </section>
  );
}

function ProviderForm({ existing, onDone }: { existing: InterpreterProvider | null; onDone: () => void }) {
  const { t } = useTranslate();
  const saveProvider = useAgentStore((state) => state.saveProvider);
  const form = useSubmit();
  const [name, setName] = useState(existing?.name ?? '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await form.submit(SaveProviderRequest, { name }, (body) => saveProvider(body, existing?.id ?? null))) onDone();
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="provider-form-heading">
      <h3 id="provider-form-heading">{existing ? t('admin.interpreting.providerEdit') : t('admin.interpreting.providerNew')}</h3>
      <TextInput label={t('admin.name')} value={name} onChange={setName} error={form.problems.name} testId="provider-name" required />
      <FormStatus summary={form.summary} />
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" disabled={form.pending} data-testid="provider-save">
          {t('admin.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Agency × provider: a checkbox per pair. */
function ContractsSection() {
  const { t, language } = useTranslate();
  const { catalogue, readOnly } = useCatalogue();
  const { interpreting, setContract } = useAgentStore(useShallow((state) => ({ interpreting: state.interpretingCatalogue, setContract: state.setContract })));
  const form = useSubmit();
  if (!interpreting) return null;
  const has = (agencyId: string, providerId: string) => interpreting.contracts.some((c) => c.agencyId === agencyId && c.providerId === providerId);
  return (
    <section className="admin-subsection" aria-labelledby="contracts-heading">
      <h3 id="contracts-heading">{t('admin.interpreting.contracts')}</h3>
      <table className="admin-table" data-testid="contracts">
        <thead>
          <tr>
            <th scope="col">{t('admin.agency')}</th>
            {interpreting.providers.map((provider) => (
              <th scope="col" key={provider.id}>
                {provider.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {catalogue.agencies.map((agency) => (
            <tr key={agency.id}>
              <th scope="row">{agency.name[language]}</th>
              {interpreting.providers.map((provider) => (
                <td key={provider.id}>
                  <input
                    type="checkbox"
                    checked={has(agency.id, provider.id)}
                    disabled={readOnly || form.pending}
                    aria-label={t('admin.interpreting.contractOf', { agency: agency.name[language], provider: provider.name })}
                    data-testid={`contract-${agency.id}-${provider.id}`}
                    onChange={(event) => void form.send(() => setContract(agency.id, provider.id, event.target.checked))}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <FormStatus summary={form.summary} saved={form.saved} />
    </section>
  );
}
