import { CreateInterpreterRequest, UpdateInterpreterRequest, type InterpreterAccount, type InterpretingSkill } from '@etapiste/shared';
import { skillLabel, useTranslate } from '@etapiste/shared/react';
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../../store/index.ts';
import { useCatalogue } from '../admin-hooks.ts';
import { Checkbox, FormStatus, SelectInput, TextInput } from '../form-kit.tsx';
import { useSubmit } from '../use-submit.ts';
import { SkillsEditor } from './SkillsEditor.tsx';

/** Interpreters: name, account, provider, skills, active; create (with the account) and edit. */
export function InterpretersSection() {
  const { t, language } = useTranslate();
  const { readOnly } = useCatalogue();
  const catalogue = useAgentStore((state) => state.interpretingCatalogue);
  const [editing, setEditing] = useState<InterpreterAccount | 'new' | null>(null);
  if (!catalogue) return null;
  const providerName = (id: string) => catalogue.providers.find((provider) => provider.id === id)?.name ?? id;
  return (
    <section className="admin-subsection" aria-labelledby="interpreters-heading">
      <h3 id="interpreters-heading">{t('admin.interpreting.interpreters')}</h3>
      <table className="admin-table" data-testid="interpreters">
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('admin.interpreting.username')}</th>
            <th scope="col">{t('admin.interpreting.provider')}</th>
            <th scope="col">{t('admin.interpreting.skills')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {catalogue.interpreters.map((interpreter) => (
            <tr key={interpreter.interpreterId} data-testid={`interpreter-${interpreter.username}`}>
              <td>
                {interpreter.displayName}
                {interpreter.active ? null : <span className="admin-tag admin-tag--warn">{t('admin.interpreting.inactive')}</span>}
              </td>
              <td>{interpreter.username}</td>
              <td>{providerName(interpreter.providerId)}</td>
              <td>{interpreter.skills.map((skill) => skillLabel(skill, language, t)).join(', ')}</td>
              <td className="admin-table__actions">
                {readOnly ? null : (
                  <button type="button" className="button button--small" data-testid={`interpreter-edit-${interpreter.username}`} onClick={() => setEditing(interpreter)}>
                    {t('admin.edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {readOnly ? null : (
        <button type="button" className="button" data-testid="interpreter-add" onClick={() => setEditing('new')}>
          {t('admin.interpreting.interpreterNew')}
        </button>
      )}
      {editing ? (
        <InterpreterForm key={editing === 'new' ? 'new' : editing.interpreterId} existing={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : null}
    </section>
  );
}

function InterpreterForm({ existing, onDone }: { existing: InterpreterAccount | null; onDone: () => void }) {
  const { t } = useTranslate();
  const { providers, createInterpreter, updateInterpreter } = useAgentStore(
    useShallow((state) => ({
      providers: state.interpretingCatalogue?.providers ?? [],
      createInterpreter: state.createInterpreter,
      updateInterpreter: state.updateInterpreter,
    })),
  );
  const form = useSubmit();
  const [username, setUsername] = useState(existing?.username ?? '');
  const [displayName, setDisplayName] = useState(existing?.displayName ?? '');
  const [password, setPassword] = useState('');
  const [providerId, setProviderId] = useState(existing?.providerId ?? providers[0]?.id ?? '');
  const [skills, setSkills] = useState<InterpretingSkill[]>(existing?.skills ?? []);
  const [active, setActive] = useState(existing?.active ?? true);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = existing
      ? await form.submit(UpdateInterpreterRequest, { displayName, providerId, skills, active }, (body) => updateInterpreter(existing.interpreterId, body))
      : await form.submit(CreateInterpreterRequest, { username, displayName, password, providerId, skills }, (body) => createInterpreter(body));
    if (saved) onDone();
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="interpreter-form-heading" data-testid="interpreter-form">
      <h3 id="interpreter-form-heading">{existing ? t('admin.interpreting.interpreterEdit') : t('admin.interpreting.interpreterNew')}</h3>
      <TextInput label={t('admin.name')} value={displayName} onChange={setDisplayName} error={form.problems.displayName} testId="interpreter-name" required />
      {existing ? null : (
        <>
          <TextInput label={t('admin.interpreting.username')} value={username} onChange={setUsername} error={form.problems.username} testId="interpreter-username" required />
          <TextInput
            type="password"
            label={t('admin.interpreting.password')}
            value={password}
            onChange={setPassword}
            error={form.problems.password}
            testId="interpreter-password"
            required
          />
        </>
      )}
      <SelectInput
        label={t('admin.interpreting.provider')}
        value={providerId}
        options={providers.map((provider) => ({ value: provider.id, label: provider.name }))}
        onChange={setProviderId}
        error={form.problems.providerId}
        testId="interpreter-provider"
      />
      <SkillsEditor value={skills} onChange={setSkills} error={form.problems.skills} />
      {existing ? <Checkbox label={t('admin.interpreting.active')} checked={active} onChange={setActive} testId="interpreter-active" /> : null}
      <FormStatus summary={form.summary} />
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" disabled={form.pending} data-testid="interpreter-save">
          {t('admin.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
