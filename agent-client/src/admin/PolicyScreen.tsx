import { SaveServicePointRequest, type QueuePolicy, type ServicePointDetails } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useState, type FormEvent } from 'react';
import { useAgentStore } from '../store/index.ts';
import { useCatalogue, useSelectedPoint } from './admin-hooks.ts';
import { Checkbox, Fieldset, FormStatus, NumberInput, ScreenHeading } from './form-kit.tsx';
import { PointPicker } from './PointPicker.tsx';
import { useSubmit } from './use-submit.ts';

/** Queue rules of a point: the no-show grace period (also per agency) and the booking check-in window. */
export function PolicyScreen() {
  const point = useSelectedPoint();
  return (
    <section className="admin-screen">
      <ScreenHeading label="admin.policy.title" />
      <PointPicker />
      {point ? <PolicyForm key={point.id} point={point} /> : null}
    </section>
  );
}

function PolicyForm({ point }: { point: ServicePointDetails }) {
  const { t, language } = useTranslate();
  const { catalogue, readOnly } = useCatalogue();
  const savePoint = useAgentStore((state) => state.savePoint);
  const form = useSubmit();
  const [policy, setPolicy] = useState<QueuePolicy>(point.queuePolicy);
  /** agencyId → its own grace seconds; absent = the point's. */
  const [graces, setGraces] = useState<Record<string, number>>(
    Object.fromEntries(point.agencyGraceSeconds.map((grace) => [grace.agencyId, grace.noShowGraceSeconds])),
  );
  const update = (patch: Partial<QueuePolicy>) => setPolicy({ ...policy, ...patch });
  const setGrace = (agencyId: string, seconds: number | null) => {
    const next = { ...graces };
    if (seconds === null) delete next[agencyId];
    else next[agencyId] = seconds;
    setGraces(next);
  };
  const agencyIds = point.agencyIds;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const agencyGraceSeconds = agencyIds.filter((id) => id in graces).map((agencyId) => ({ agencyId, noShowGraceSeconds: graces[agencyId] ?? 0 }));
    const { id, ...rest } = point;
    await form.submit(SaveServicePointRequest, { ...rest, queuePolicy: policy, agencyGraceSeconds }, (body) => savePoint(body, id));
  };
  const graceError = (agencyId: string) => {
    const index = agencyIds.filter((id) => id in graces).indexOf(agencyId);
    return index < 0 ? undefined : form.problems[`agencyGraceSeconds.${index}.noShowGraceSeconds`];
  };

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={t('admin.policy.title')}>
      <Fieldset legend={t('admin.policy.noShow')}>
        <NumberInput
          label={t('admin.policy.graceSeconds')}
          hint={t('admin.policy.graceHint')}
          value={policy.noShowGraceSeconds}
          onChange={(noShowGraceSeconds) => update({ noShowGraceSeconds })}
          error={form.problems['queuePolicy.noShowGraceSeconds']}
          testId="policy-grace"
          disabled={readOnly}
        />
      </Fieldset>
      <Fieldset legend={t('admin.policy.checkIn')}>
        <div className="admin-row">
          <NumberInput
            label={t('admin.policy.early')}
            value={policy.checkInEarlyMinutes}
            onChange={(checkInEarlyMinutes) => update({ checkInEarlyMinutes })}
            error={form.problems['queuePolicy.checkInEarlyMinutes']}
            testId="policy-early"
            disabled={readOnly}
          />
          <NumberInput
            label={t('admin.policy.late')}
            value={policy.checkInLateMinutes}
            onChange={(checkInLateMinutes) => update({ checkInLateMinutes })}
            error={form.problems['queuePolicy.checkInLateMinutes']}
            testId="policy-late"
            disabled={readOnly}
          />
        </div>
      </Fieldset>
      <Fieldset legend={t('admin.policy.perAgency')}>
        {agencyIds.length === 0 ? <p className="admin-empty">{t('admin.windows.noAgencies')}</p> : null}
        {agencyIds.map((agencyId) => {
          const name = catalogue.agencies.find((agency) => agency.id === agencyId)?.name[language] ?? agencyId;
          const own = agencyId in graces;
          return (
            <div key={agencyId} className="admin-row" role="group" aria-label={name}>
              <Checkbox
                label={t('admin.policy.ownGrace', { agency: name })}
                checked={own}
                disabled={readOnly}
                testId={`policy-agency-${agencyId}`}
                onChange={(on) => setGrace(agencyId, on ? policy.noShowGraceSeconds : null)}
              />
              {own ? (
                <NumberInput
                  label={t('admin.policy.graceSeconds')}
                  value={graces[agencyId] ?? 0}
                  onChange={(seconds) => setGrace(agencyId, seconds)}
                  error={graceError(agencyId)}
                  testId={`policy-agency-grace-${agencyId}`}
                  disabled={readOnly}
                />
              ) : null}
            </div>
          );
        })}
      </Fieldset>
      <FormStatus summary={form.summary} saved={form.saved} />
      {readOnly ? null : (
        <button type="submit" className="button button--primary" disabled={form.pending} data-testid="policy-save">
          {t('admin.save')}
        </button>
      )}
    </form>
  );
}
