import type { StatisticsGroupBy } from '@etapiste/shared';
import { useTranslate } from '@etapiste/shared/react';
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SelectInput, TextInput } from '../admin/form-kit.tsx';
import { useAgentStore } from '../store/index.ts';
import { isLocalDate } from './stats-dates.ts';
import { groupings } from './stats-format.ts';

/** Period, grouping, agency (admins) and service point; "Show statistics" runs the reports. */
export function StatsFilters() {
  const { t, language } = useTranslate();
  const { filters, setFilters, runStats, loading, isAdmin, ownAgencyId, catalogue } = useAgentStore(
    useShallow((state) => ({
      filters: state.statsFilters,
      setFilters: state.setStatsFilters,
      runStats: state.runStats,
      loading: state.statsStatus === 'loading',
      isAdmin: state.principal?.role === 'admin',
      ownAgencyId: state.principal?.agencyId ?? null,
      catalogue: state.adminCatalogue,
    })),
  );
  const [problems, setProblems] = useState<{ from?: string; to?: string }>({});
  const [first, second] = filters.groupBy;
  const groupOptions = (except: StatisticsGroupBy | undefined) =>
    groupings.filter((group) => group !== except).map((group) => ({ value: group, label: t(`stats.groupBy.${group}`) }));
  const agencies = catalogue?.agencies ?? [];
  const ownAgency = agencies.find((agency) => agency.id === ownAgencyId);
  // Supervisors see the points where their agency serves.
  const points = (catalogue?.servicePoints ?? []).filter((point) => isAdmin || !ownAgencyId || point.agencyIds.includes(ownAgencyId));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: { from?: string; to?: string } = {};
    if (!isLocalDate(filters.from)) found.from = t('admin.error.date');
    if (!isLocalDate(filters.to)) found.to = t('admin.error.date');
    else if (!found.from && filters.from > filters.to) found.to = t('admin.error.range');
    setProblems(found);
    if (found.from || found.to) return;
    void runStats();
  };

  return (
    <form className="admin-form stats-filters" aria-labelledby="stats-filters-heading" onSubmit={submit} noValidate>
      <h3 id="stats-filters-heading">{t('stats.filters')}</h3>
      {!isAdmin && ownAgencyId ? <p className="admin-hint">{t('stats.scopeOwn', { agency: ownAgency?.name[language] ?? ownAgencyId })}</p> : null}
      <div className="admin-row">
        <TextInput label={t('admin.from')} type="date" value={filters.from} error={problems.from} testId="stats-from" onChange={(from) => setFilters({ from })} />
        <TextInput label={t('admin.to')} type="date" value={filters.to} error={problems.to} testId="stats-to" onChange={(to) => setFilters({ to })} />
      </div>
      <div className="admin-row">
        <SelectInput
          label={t('stats.groupBy')}
          value={first ?? 'servicePoint'}
          testId="stats-group-by"
          options={groupOptions(undefined)}
          onChange={(value) => {
            const group = value as StatisticsGroupBy;
            setFilters({ groupBy: second && second !== group ? [group, second] : [group] });
          }}
        />
        <SelectInput
          label={t('stats.groupBy2')}
          value={second ?? ''}
          testId="stats-group-by-2"
          placeholder={t('stats.groupByNone')}
          options={groupOptions(first)}
          onChange={(value) => setFilters({ groupBy: value ? [first ?? 'servicePoint', value as StatisticsGroupBy] : [first ?? 'servicePoint'] })}
        />
      </div>
      <div className="admin-row">
        {isAdmin ? (
          <SelectInput
            label={t('admin.agency')}
            value={filters.agencyId ?? ''}
            testId="stats-agency"
            placeholder={t('admin.allAgencies')}
            options={agencies.map((agency) => ({ value: agency.id, label: agency.name[language] }))}
            onChange={(agencyId) => setFilters({ agencyId: agencyId || null })}
          />
        ) : null}
        <SelectInput
          label={t('stats.point')}
          value={filters.servicePointId ?? ''}
          testId="stats-point"
          placeholder={t('stats.allPoints')}
          options={points.map((point) => ({ value: point.id, label: `${point.name[language]} (${point.municipality})` }))}
          onChange={(servicePointId) => setFilters({ servicePointId: servicePointId || null })}
        />
      </div>
      <button type="submit" className="button button--primary" data-testid="stats-run" disabled={loading}>
        {t('stats.run')}
      </button>
    </form>
  );
}
