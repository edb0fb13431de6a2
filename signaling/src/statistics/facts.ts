import type { InterpretingGroupBy, LocalDate, StatisticsGroupBy, UsageEvent } from '@etapiste/shared';

/**
 * The fact tables behind the statistics exports, maintained from the usage event log inside
 * `StatisticsStore.append` (same transaction / statement as the event):
 *
 * - `visit_facts`: one row per visit id. The place, agency, service, channel, language and
 *   date/hour/weekday/week/month dimensions come from the visit's FIRST ticketIssued event
 *   (earliest `at`); counters add up the visit's other events. A row whose ticketIssued has
 *   not arrived yet (issued_at NULL) is not a visit and is left out of every export.
 * - `interpreting_facts`: one row per interpreterRequested / interpreterAnswered /
 *   interpreterLeft event, dated by the event itself.
 *
 * Every merge is order-independent (earliest issue / earliest start / latest feedback win,
 * counters add up), so events appended out of order give the same facts. Durations are kept as
 * integer milliseconds so sums are exact on both backends.
 */
export interface VisitFact {
  visitId: string;
  /** Dimensions of the first ticket (null in a delta that is not a ticketIssued). */
  issuedAt: number | null;
  localDate: LocalDate | null;
  month: string | null;
  week: string | null;
  hour: number | null;
  weekday: number | null;
  servicePointId: string | null;
  pointKind: string | null;
  region: string | null;
  municipality: string | null;
  stopPlace: string | null;
  agencyId: string | null;
  serviceId: string | null;
  channel: string | null;
  language: string | null;
  /** The first service start and the wait before it. */
  startedAt: number | null;
  waitMs: number | null;
  serviceMs: number;
  sessionsEnded: number;
  noShows: number;
  transfers: number;
  /** The latest feedback answer. */
  feedbackAt: number | null;
  ces: number | null;
  csat: number | null;
  nps: number | null;
  interpreterRequests: number;
  interpreterSessions: number;
  interpreterMs: number;
  deviceUses: number;
  mediaSamples: number;
  /** Sum of the samples' RTT in whole ms, and of their loss in hundredths of a percent. */
  mediaRttSum: number;
  mediaLossSum: number;
}

export type InterpretingFactKind = 'interpreterRequested' | 'interpreterAnswered' | 'interpreterLeft';

export interface InterpretingFact {
  eventId: string;
  kind: InterpretingFactKind;
  at: number;
  localDate: LocalDate;
  month: string;
  week: string;
  visitId: string | null;
  servicePointId: string;
  region: string;
  agencyId: string | null;
  /** The interpreting language (data.language), not the customer's UI language. */
  language: string | null;
  providerId: string | null;
  onDemand: number | null;
  answerMs: number | null;
  durationMs: number | null;
}

/** [column, VisitFact field] in table order. */
export const visitFactColumns = [
  ['visit_id', 'visitId'],
  ['issued_at', 'issuedAt'],
  ['local_date', 'localDate'],
  ['month', 'month'],
  ['week', 'week'],
  ['hour', 'hour'],
  ['weekday', 'weekday'],
  ['service_point_id', 'servicePointId'],
  ['point_kind', 'pointKind'],
  ['region', 'region'],
  ['municipality', 'municipality'],
  ['stop_place', 'stopPlace'],
  ['agency_id', 'agencyId'],
  ['service_id', 'serviceId'],
  ['channel', 'channel'],
  ['language', 'language'],
  ['started_at', 'startedAt'],
  ['wait_ms', 'waitMs'],
  ['service_ms', 'serviceMs'],
  ['sessions_ended', 'sessionsEnded'],
  ['no_shows', 'noShows'],
  ['transfers', 'transfers'],
  ['feedback_at', 'feedbackAt'],
  ['ces', 'ces'],
  ['csat', 'csat'],
  ['nps', 'nps'],
  ['interpreter_requests', 'interpreterRequests'],
  ['interpreter_sessions', 'interpreterSessions'],
  ['interpreter_ms', 'interpreterMs'],
  ['device_uses', 'deviceUses'],
  ['media_samples', 'mediaSamples'],
  ['media_rtt_sum', 'mediaRttSum'],
  ['media_loss_sum', 'mediaLossSum'],
] as const satisfies readonly (readonly [string, keyof VisitFact])[];

export const interpretingFactColumns = [
  ['event_id', 'eventId'],
  ['kind', 'kind'],
  ['at', 'at'],
  ['local_date', 'localDate'],
  ['month', 'month'],
  ['week', 'week'],
  ['visit_id', 'visitId'],
  ['service_point_id', 'servicePointId'],
  ['region', 'region'],
  ['agency_id', 'agencyId'],
  ['language', 'language'],
  ['provider_id', 'providerId'],
  ['on_demand', 'onDemand'],
  ['answer_ms', 'answerMs'],
  ['duration_ms', 'durationMs'],
] as const satisfies readonly (readonly [string, keyof InterpretingFact])[];

export const visitFactValues = (fact: VisitFact): (string | number | null)[] => visitFactColumns.map(([, field]) => fact[field]);
export const interpretingFactValues = (fact: InterpretingFact): (string | number | null)[] => interpretingFactColumns.map(([, field]) => fact[field]);

/** ISO 8601 week "YYYY-Www" of a local date (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekOf(date: LocalDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, day));
  const weekday = utc.getUTCDay() || 7;
  utc.setUTCDate(utc.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const weekYear = utc.getUTCFullYear();
  const week = Math.ceil(((utc.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** An empty visit delta: no dimensions, all counters 0. */
export function emptyVisitFact(visitId: string): VisitFact {
  return {
    visitId,
    issuedAt: null,
    localDate: null,
    month: null,
    week: null,
    hour: null,
    weekday: null,
    servicePointId: null,
    pointKind: null,
    region: null,
    municipality: null,
    stopPlace: null,
    agencyId: null,
    serviceId: null,
    channel: null,
    language: null,
    startedAt: null,
    waitMs: null,
    serviceMs: 0,
    sessionsEnded: 0,
    noShows: 0,
    transfers: 0,
    feedbackAt: null,
    ces: null,
    csat: null,
    nps: null,
    interpreterRequests: 0,
    interpreterSessions: 0,
    interpreterMs: 0,
    deviceUses: 0,
    mediaSamples: 0,
    mediaRttSum: 0,
    mediaLossSum: 0,
  };
}

const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
/** A non-negative whole number (durations in ms), or null. */
const wholeMs = (value: unknown): number | null => {
  const number = finite(value);
  return number === null ? null : Math.max(0, Math.round(number));
};
const score = (value: unknown, min: number, max: number): number | null => {
  const number = finite(value);
  return number !== null && Number.isInteger(number) && number >= min && number <= max ? number : null;
};
const code = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value.slice(0, 64) : null);

/** The fact changes one usage event brings (see the module comment); null where it brings none. */
export function factsOfEvent(event: UsageEvent): { visit: VisitFact | null; interpreting: InterpretingFact | null } {
  const data = event.data;
  let visit: VisitFact | null = event.visitId ? emptyVisitFact(event.visitId) : null;
  let interpreting: InterpretingFact | null = null;
  const interpretingFact = (kind: InterpretingFactKind, fields: Partial<InterpretingFact>): InterpretingFact => ({
    eventId: event.eventId,
    kind,
    at: event.at,
    localDate: event.localDate,
    month: event.localDate.slice(0, 7),
    week: isoWeekOf(event.localDate),
    visitId: event.visitId,
    servicePointId: event.servicePointId,
    region: event.region,
    agencyId: event.agencyId,
    language: code(data.language),
    providerId: code(data.providerId),
    onDemand: null,
    answerMs: null,
    durationMs: null,
    ...fields,
  });
  switch (event.kind) {
    case 'ticketIssued':
      if (visit) {
        Object.assign(visit, {
          issuedAt: event.at,
          localDate: event.localDate,
          month: event.localDate.slice(0, 7),
          week: isoWeekOf(event.localDate),
          hour: event.hour,
          weekday: event.weekday,
          servicePointId: event.servicePointId,
          pointKind: event.pointKind,
          region: event.region,
          municipality: event.municipality,
          stopPlace: event.stopPlace,
          agencyId: event.agencyId,
          serviceId: event.serviceId,
          channel: event.channel,
          language: event.language,
        } satisfies Partial<VisitFact>);
      }
      break;
    case 'sessionStarted':
      if (visit) Object.assign(visit, { startedAt: event.at, waitMs: wholeMs(data.waitMs) });
      break;
    case 'sessionEnded':
      if (visit) Object.assign(visit, { serviceMs: wholeMs(data.serviceMs) ?? 0, sessionsEnded: 1 });
      break;
    case 'noShow':
      if (visit) visit.noShows = 1;
      break;
    case 'transfer':
      if (visit) visit.transfers = 1;
      break;
    case 'feedback':
      if (visit) Object.assign(visit, { feedbackAt: event.at, ces: score(data.ces, 1, 5), csat: score(data.csat, 1, 5), nps: score(data.nps, 0, 10) });
      break;
    case 'interpreterRequested':
      if (visit) visit.interpreterRequests = 1;
      interpreting = interpretingFact('interpreterRequested', { onDemand: data.onDemand === true ? 1 : 0 });
      break;
    case 'interpreterAnswered':
      interpreting = interpretingFact('interpreterAnswered', { answerMs: wholeMs(data.answerMs) });
      break;
    case 'interpreterLeft': {
      const minutes = finite(data.minutes);
      const durationMs = minutes === null ? 0 : Math.max(0, Math.round(minutes * 60_000));
      if (visit) Object.assign(visit, { interpreterSessions: 1, interpreterMs: durationMs });
      interpreting = interpretingFact('interpreterLeft', { durationMs });
      break;
    }
    case 'deviceUsed':
      if (visit) visit.deviceUses = 1;
      break;
    case 'mediaQuality': {
      const rtt = finite(data.rttMs);
      const loss = finite(data.lossPct);
      if (visit && rtt !== null && loss !== null) {
        Object.assign(visit, { mediaSamples: 1, mediaRttSum: Math.max(0, Math.round(rtt)), mediaLossSum: Math.max(0, Math.round(loss * 100)) });
      } else visit = null;
      break;
    }
    default:
      // bookingCheckedIn, interpreterJoined: kept in the event log only.
      visit = null;
  }
  return { visit, interpreting };
}

// ---------------------------------------------------------------------------------------------
// Aggregates as the stores return them: exact counts and sums, percentiles, no rounding.
// ---------------------------------------------------------------------------------------------

export type FactKey = (string | number | null)[];

export interface VisitFactQuery {
  from: LocalDate;
  to: LocalDate;
  groupBy: StatisticsGroupBy[];
  agencyId?: string | undefined;
  servicePointId?: string | undefined;
  region?: string | undefined;
}

export interface VisitAggregate {
  /** The group key values in groupBy order. */
  key: FactKey;
  visits: number;
  served: number;
  walkIn: number;
  booked: number;
  noShows: number;
  transfers: number;
  waitCount: number;
  waitSumMs: number;
  waitMedianMs: number | null;
  waitP90Ms: number | null;
  serviceCount: number;
  serviceSumMs: number;
  serviceMedianMs: number | null;
  feedbackCount: number;
  cesCount: number;
  cesSum: number;
  csatCount: number;
  csatSum: number;
  npsCount: number;
  npsPromoters: number;
  npsDetractors: number;
  interpreterRequests: number;
  interpreterSessions: number;
  interpreterMs: number;
  deviceUses: number;
  mediaVisits: number;
  mediaRttMedianMs: number | null;
  mediaSamples: number;
  mediaLossSum: number;
}

export interface InterpretingFactQuery {
  from: LocalDate;
  to: LocalDate;
  groupBy: InterpretingGroupBy[];
  agencyId?: string | undefined;
  providerId?: string | undefined;
  language?: string | undefined;
}

export interface InterpretingAggregate {
  key: FactKey;
  requests: number;
  onDemandRequests: number;
  answered: number;
  answerMedianMs: number | null;
  sessions: number;
  durationMs: number;
}

export interface BillingFactQuery {
  month: string;
  agencyId?: string | undefined;
  providerId?: string | undefined;
}

export interface BillingAggregate {
  agencyId: string | null;
  providerId: string | null;
  language: string | null;
  sessions: number;
  durationMs: number;
}
