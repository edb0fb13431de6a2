import {
  ErrorCode,
  EtapisteError,
  interpretingFigures,
  MAX_EXPORT_ROWS,
  SUPPRESSION_THRESHOLD,
  visitFigures,
  type BillingQuery,
  type BillingReport,
  type FeedbackTextsQuery,
  type FeedbackTextsReport,
  type GroupKeyValue,
  type InterpretingFigure,
  type InterpretingQuery,
  type InterpretingReport,
  type InterpretingRow,
  type Principal,
  type VisitFigure,
  type VisitsQuery,
  type VisitsReport,
  type VisitsRow,
} from '@etapiste/shared';
import type { Storage } from '../storage/repositories.ts';
import { localDateOf } from '../time/helsinki-time.ts';
import { csvDocument, type CsvCell } from './csv.ts';
import type { FactKey, InterpretingAggregate, VisitAggregate } from './facts.ts';

/** Rounds half up to `decimals` places on the decimal representation (1.005 → 1.01, not 1.00). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = value * factor;
  let rounded: number;
  // Far from a tie the binary product rounds like the decimal value; near one, round the decimal text.
  if (Math.abs(Math.abs(scaled % 1) - 0.5) > 1e-7) rounded = Math.round(scaled) / factor;
  else rounded = Number(`${Math.round(Number(`${value}e${decimals}`))}e-${decimals}`);
  return Object.is(rounded, -0) ? 0 : rounded;
}
const minutesOf = (ms: number) => roundTo(ms / 60_000, 1);
const isSmall = (count: number) => count > 0 && count < SUPPRESSION_THRESHOLD;

/** Numbers numerically, strings by code point, null last: the same order on every backend. */
export function compareKeys(a: FactKey, b: FactKey): number {
  for (let index = 0; index < a.length; index++) {
    const x = a[index] ?? null;
    const y = b[index] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** Which figures a row shows: the suppression rule of docs/statistics.md. */
class FigureGate<F extends string> {
  readonly suppressed: F[] = [];
  /** A figure computed from `base` items: null if suppressed (1–4) or when there is nothing to compute from. */
  of(field: F, base: number, compute: () => number, whenNone: number | null = null): number | null {
    if (base === 0) return whenNone;
    if (isSmall(base)) {
      this.suppressed.push(field);
      return null;
    }
    return compute();
  }
}

function keyRecord<G extends string>(groupBy: readonly G[], key: FactKey): Partial<Record<G, GroupKeyValue>> {
  const record: Partial<Record<G, GroupKeyValue>> = {};
  groupBy.forEach((group, index) => (record[group] = key[index] ?? null));
  return record;
}

export function visitsRowOf(groupBy: VisitsQuery['groupBy'], aggregate: VisitAggregate): VisitsRow {
  const key = keyRecord(groupBy, aggregate.key);
  if (isSmall(aggregate.visits)) {
    const nulls = Object.fromEntries(visitFigures.map((figure) => [figure, null])) as Record<VisitFigure, null>;
    return { key, suppressed: true, suppressedFields: [...visitFigures], ...nulls };
  }
  const gate = new FigureGate<VisitFigure>();
  const a = aggregate;
  const row: VisitsRow = {
    key,
    suppressed: false,
    suppressedFields: [],
    visits: a.visits,
    served: a.served,
    walkIn: a.walkIn,
    booked: a.booked,
    noShows: a.noShows,
    transfers: a.transfers,
    waitMeanMin: gate.of('waitMeanMin', a.waitCount, () => minutesOf(a.waitSumMs / a.waitCount)),
    waitMedianMin: gate.of('waitMedianMin', a.waitCount, () => minutesOf(a.waitMedianMs ?? 0)),
    waitP90Min: gate.of('waitP90Min', a.waitCount, () => minutesOf(a.waitP90Ms ?? 0)),
    serviceMeanMin: gate.of('serviceMeanMin', a.serviceCount, () => minutesOf(a.serviceSumMs / a.serviceCount)),
    serviceMedianMin: gate.of('serviceMedianMin', a.serviceCount, () => minutesOf(a.serviceMedianMs ?? 0)),
    feedbackCount: a.feedbackCount,
    cesMean: gate.of('cesMean', a.cesCount, () => roundTo(a.cesSum / a.cesCount, 2)),
    csatMean: gate.of('csatMean', a.csatCount, () => roundTo(a.csatSum / a.csatCount, 2)),
    npsScore: gate.of('npsScore', a.npsCount, () => roundTo(((a.npsPromoters - a.npsDetractors) * 100) / a.npsCount, 1)),
    interpreterRequests: a.interpreterRequests,
    interpreterMinutes: gate.of('interpreterMinutes', a.interpreterSessions, () => minutesOf(a.interpreterMs), 0),
    deviceUses: a.deviceUses,
    mediaRttMedianMs: gate.of('mediaRttMedianMs', a.mediaVisits, () => roundTo(a.mediaRttMedianMs ?? 0, 0)),
    mediaLossMeanPct: gate.of('mediaLossMeanPct', a.mediaVisits, () => roundTo(a.mediaLossSum / a.mediaSamples, 0) / 100),
  };
  row.suppressedFields = gate.suppressed;
  row.suppressed = gate.suppressed.length > 0;
  return row;
}

export function interpretingRowOf(groupBy: InterpretingQuery['groupBy'], aggregate: InterpretingAggregate): InterpretingRow {
  const key = keyRecord(groupBy, aggregate.key);
  const a = aggregate;
  if (isSmall(Math.max(a.requests, a.answered, a.sessions))) {
    const nulls = Object.fromEntries(interpretingFigures.map((figure) => [figure, null])) as Record<InterpretingFigure, null>;
    return { key, suppressed: true, suppressedFields: [...interpretingFigures], ...nulls };
  }
  const gate = new FigureGate<InterpretingFigure>();
  const row: InterpretingRow = {
    key,
    suppressed: false,
    suppressedFields: [],
    requests: a.requests,
    onDemandRequests: a.onDemandRequests,
    answered: a.answered,
    answerMedianSec: gate.of('answerMedianSec', a.answered, () => roundTo((a.answerMedianMs ?? 0) / 1000, 1)),
    sessions: a.sessions,
    minutes: gate.of('minutes', a.sessions, () => minutesOf(a.durationMs), 0),
  };
  row.suppressedFields = gate.suppressed;
  row.suppressed = gate.suppressed.length > 0;
  return row;
}

const tooMany = (rows: number) =>
  new EtapisteError(ErrorCode.ValidationFailed, `the export would have ${rows} rows (at most ${MAX_EXPORT_ROWS}): narrow the period or the grouping`);

/**
 * Statistics exports for supervisors (their own agency) and admins (everything): visits,
 * interpreting, interpreter billing and the free-text feedback, as JSON reports or CSV.
 * Figures come from the fact tables; rounding and suppression happen here, once for both backends.
 */
export class StatisticsService {
  readonly #storage: Storage;
  readonly #now: () => number;

  constructor(deps: { storage: Storage; now?: () => number }) {
    this.#storage = deps.storage;
    this.#now = deps.now ?? Date.now;
  }

  /** Only supervisors and admins read statistics. */
  requireReader(principal: Principal): void {
    if (principal.role !== 'admin' && principal.role !== 'supervisor') {
      throw new EtapisteError(ErrorCode.Forbidden, `${principal.role} may not read statistics`);
    }
  }

  /** The agency filter to apply: a supervisor's own agency, always; an admin's choice. */
  agencyScope(principal: Principal, requested: string | undefined): string | undefined {
    this.requireReader(principal);
    if (principal.role === 'admin') return requested;
    if (!principal.agencyId) throw new EtapisteError(ErrorCode.Forbidden, 'your account has no agency');
    if (requested !== undefined && requested !== principal.agencyId) {
      throw new EtapisteError(ErrorCode.Forbidden, 'a supervisor sees only the statistics of their own agency');
    }
    return principal.agencyId;
  }

  async visits(principal: Principal, query: VisitsQuery): Promise<VisitsReport> {
    const agencyId = this.agencyScope(principal, query.agencyId);
    const aggregates = await this.#storage.statistics.visitAggregates({
      from: query.from,
      to: query.to,
      groupBy: query.groupBy,
      agencyId,
      servicePointId: query.servicePointId,
      region: query.region,
    });
    if (aggregates.length > MAX_EXPORT_ROWS) throw tooMany(aggregates.length);
    aggregates.sort((a, b) => compareKeys(a.key, b.key));
    return {
      report: 'visits',
      from: query.from,
      to: query.to,
      groupBy: query.groupBy,
      agencyId: agencyId ?? null,
      servicePointId: query.servicePointId ?? null,
      region: query.region ?? null,
      suppressionThreshold: SUPPRESSION_THRESHOLD,
      generatedAt: this.#now(),
      rows: aggregates.map((aggregate) => visitsRowOf(query.groupBy, aggregate)),
    };
  }

  async interpreting(principal: Principal, query: InterpretingQuery): Promise<InterpretingReport> {
    const agencyId = this.agencyScope(principal, query.agencyId);
    const aggregates = await this.#storage.statistics.interpretingAggregates({
      from: query.from,
      to: query.to,
      groupBy: query.groupBy,
      agencyId,
      providerId: query.providerId,
      language: query.language,
    });
    if (aggregates.length > MAX_EXPORT_ROWS) throw tooMany(aggregates.length);
    aggregates.sort((a, b) => compareKeys(a.key, b.key));
    return {
      report: 'interpreting',
      from: query.from,
      to: query.to,
      groupBy: query.groupBy,
      agencyId: agencyId ?? null,
      providerId: query.providerId ?? null,
      language: query.language ?? null,
      suppressionThreshold: SUPPRESSION_THRESHOLD,
      generatedAt: this.#now(),
      rows: aggregates.map((aggregate) => interpretingRowOf(query.groupBy, aggregate)),
    };
  }

  async billing(principal: Principal, query: BillingQuery): Promise<BillingReport> {
    const agencyId = this.agencyScope(principal, query.agencyId);
    const aggregates = await this.#storage.statistics.billingAggregates({ month: query.month, agencyId, providerId: query.providerId });
    aggregates.sort((a, b) => compareKeys([a.agencyId, a.providerId, a.language], [b.agencyId, b.providerId, b.language]));
    return {
      report: 'billing',
      month: query.month,
      agencyId: agencyId ?? null,
      providerId: query.providerId ?? null,
      generatedAt: this.#now(),
      rows: aggregates.map((row) => ({
        agencyId: row.agencyId,
        providerId: row.providerId,
        language: row.language,
        month: query.month,
        sessions: row.sessions,
        minutes: minutesOf(row.durationMs),
      })),
      totalSessions: aggregates.reduce((sum, row) => sum + row.sessions, 0),
      totalMinutes: minutesOf(aggregates.reduce((sum, row) => sum + row.durationMs, 0)),
    };
  }

  async feedbackTexts(principal: Principal, query: FeedbackTextsQuery): Promise<FeedbackTextsReport> {
    const agencyId = this.agencyScope(principal, query.agencyId);
    const texts = (
      await this.#storage.statistics.listFeedbackTexts({
        fromDate: query.from,
        toDate: query.to,
        ...(agencyId ? { agencyId } : {}),
        ...(query.servicePointId ? { servicePointId: query.servicePointId } : {}),
      })
    )
      .map((entry) => ({ date: localDateOf(entry.at), servicePointId: entry.servicePointId, agencyId: entry.agencyId, language: entry.language, text: entry.text }))
      // by date, place and text: never by time of day, which could tie a text to a visit
      .sort((a, b) => compareKeys([a.date, a.servicePointId, a.agencyId, a.text], [b.date, b.servicePointId, b.agencyId, b.text]));
    return {
      report: 'feedbackTexts',
      from: query.from,
      to: query.to,
      agencyId: agencyId ?? null,
      servicePointId: query.servicePointId ?? null,
      generatedAt: this.#now(),
      texts: texts.slice(0, MAX_EXPORT_ROWS),
      truncated: texts.length > MAX_EXPORT_ROWS,
    };
  }

  // -------------------------------------------------------------------------------------------
  // CSV
  // -------------------------------------------------------------------------------------------

  async visitsCsv(report: VisitsReport): Promise<string> {
    const keys = await this.#keyColumns(report.groupBy);
    return csvDocument(
      [...keys.header, ...visitFigures, 'suppressed', 'suppressedFields'],
      report.rows.map((row) => [
        ...keys.cells(row.key),
        ...visitFigures.map((figure) => row[figure]),
        row.suppressed,
        row.suppressedFields.join(' '),
      ]),
    );
  }

  async interpretingCsv(report: InterpretingReport): Promise<string> {
    const keys = await this.#keyColumns(report.groupBy);
    return csvDocument(
      [...keys.header, ...interpretingFigures, 'suppressed', 'suppressedFields'],
      report.rows.map((row) => [
        ...keys.cells(row.key),
        ...interpretingFigures.map((figure) => row[figure]),
        row.suppressed,
        row.suppressedFields.join(' '),
      ]),
    );
  }

  async billingCsv(report: BillingReport): Promise<string> {
    const names = await this.#names();
    return csvDocument(
      ['agency', 'agencyName', 'provider', 'language', 'month', 'sessions', 'minutes'],
      report.rows.map((row) => [row.agencyId, row.agencyId ? names.agency.get(row.agencyId) : null, row.providerId, row.language, row.month, row.sessions, row.minutes]),
    );
  }

  async feedbackTextsCsv(report: FeedbackTextsReport): Promise<string> {
    const names = await this.#names();
    return csvDocument(
      ['date', 'servicePoint', 'servicePointName', 'agency', 'agencyName', 'language', 'text'],
      report.texts.map((entry) => [
        entry.date,
        entry.servicePointId,
        names.servicePoint.get(entry.servicePointId),
        entry.agencyId,
        names.agency.get(entry.agencyId),
        entry.language,
        entry.text,
      ]),
    );
  }

  /** Group key columns; agency, service point and service are followed by their Finnish name. */
  async #keyColumns<G extends string>(groupBy: readonly G[]): Promise<{ header: string[]; cells: (key: Partial<Record<G, GroupKeyValue>>) => CsvCell[] }> {
    const names = await this.#names();
    const named = (group: string) => (group === 'agency' || group === 'servicePoint' || group === 'service' ? names[group] : null);
    return {
      header: groupBy.flatMap((group) => (named(group) ? [group, `${group}Name`] : [group])),
      cells: (key) =>
        groupBy.flatMap((group) => {
          const value = key[group] ?? null;
          const map = named(group);
          return map ? [value, typeof value === 'string' ? (map.get(value) ?? null) : null] : [value];
        }),
    };
  }

  async #names(): Promise<Record<'agency' | 'servicePoint' | 'service', Map<string, string>>> {
    const { catalogue } = this.#storage;
    return {
      agency: new Map((await catalogue.listAgencies()).map((entry) => [entry.id, entry.name.fi])),
      servicePoint: new Map((await catalogue.listServicePoints()).map((entry) => [entry.id, entry.name.fi])),
      service: new Map((await catalogue.listServices()).map((entry) => [entry.id, entry.name.fi])),
    };
  }
}
