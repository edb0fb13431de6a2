/**
 * A known synthetic event stream for the statistics tests, and an independent reference that
 * computes every exported figure from the visit specifications (not from events or SQL).
 */
import {
  defaultQueuePolicy,
  type BillingRow,
  type Channel,
  type InterpretingGroupBy,
  type InterpretingRow,
  type Language,
  type ServicePointDetails,
  type StatisticsGroupBy,
  type UsageEvent,
  type UsageEventKind,
  type VisitsRow,
} from '@etapiste/shared';
import type { Storage } from '../storage/repositories.ts';
import { epochOf, localDateOf, localTimeOf, weekdayOf } from '../time/helsinki-time.ts';
import { isoWeekOf } from './facts.ts';
import { UsageRecorder, type UsageContext } from './usage-recorder.ts';

const text = (fi: string) => ({ fi, sv: `${fi} (sv)`, en: `${fi} (en)` });

export const points = [
  { id: 'p-hki', kind: 'S', name: 'Kallion kirjasto', municipality: 'Helsinki', region: 'Uusimaa' },
  { id: 'p-esp', kind: 'S', name: 'Kirjasto "Sello"; 2. krs', municipality: 'Espoo', region: 'Uusimaa' },
  { id: 'p-oulu', kind: 'S', name: 'Oulun asiointipiste', municipality: 'Oulu', region: 'Pohjois-Pohjanmaa' },
  { id: 'p-bus', kind: 'XS', name: 'Asiointiauto', municipality: 'Inari', region: 'Lappi' },
] as const;
type PointId = (typeof points)[number]['id'];

/** The bus stops at one place on Tuesdays and another on Thursdays (08–18). */
const busPlace = (date: string) => (weekdayOf(date) === 2 ? 'Ivalo, tori' : 'Inari; kylä "keskusta"');

export const agencies = [
  { id: 'kela', name: 'Kela' },
  { id: 'vero', name: 'Verohallinto' },
  { id: 'migri', name: 'Maahanmuuttovirasto' },
] as const;
const servicesOf: Record<string, string[]> = { kela: ['kela-general', 'kela-housing'], vero: ['vero-tax-card'], migri: ['migri-permit'] };

export interface InterpreterSpec {
  language: string;
  providerId: string;
  onDemand: boolean;
  /** Seconds to answer; null: never answered (and never joined). */
  answerSec: number | null;
  minutes: number | null;
}

export interface VisitSpec {
  visitId: string;
  pointId: PointId;
  agencyId: string;
  serviceId: string;
  channel: Channel;
  language: Language;
  issuedAt: number;
  outcome: 'served' | 'noShow' | 'left';
  waitMin: number;
  serviceMin: number;
  transfer: { agencyId: string; serviceId: string; waitMin: number; serviceMin: number } | null;
  feedback: { ces: number | null; csat: number | null; nps: number | null } | null;
  interpreter: InterpreterSpec | null;
  devices: number;
  media: { rtt: number; loss: number }[];
}

/** Deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Dates over a year boundary (2024-12-30 is in ISO week 2025-W01), four months, all weekdays. */
export const dates = [
  '2024-12-29', '2024-12-30', '2024-12-31', '2025-01-02', '2025-01-07', '2025-01-09', '2025-01-14', '2025-01-16',
  '2025-01-31', '2025-02-04', '2025-02-06', '2025-02-11', '2025-02-13', '2025-03-01', '2025-03-04', '2025-03-06',
];

const base = (overrides: Partial<VisitSpec> & Pick<VisitSpec, 'visitId' | 'issuedAt'>): VisitSpec => ({
  pointId: 'p-hki',
  agencyId: 'kela',
  serviceId: 'kela-general',
  channel: 'walkIn',
  language: 'fi',
  outcome: 'served',
  waitMin: 5,
  serviceMin: 10,
  transfer: null,
  feedback: null,
  interpreter: null,
  devices: 0,
  media: [],
  ...overrides,
});

export function visitSpecs(): VisitSpec[] {
  const specs: VisitSpec[] = [];
  // Vero: exactly 5 visits (shown), every figure computable and hand-checked in the test.
  const vero = (index: number, overrides: Partial<VisitSpec>) =>
    specs.push(base({ visitId: `v-vero-${index}`, issuedAt: epochOf('2025-01-14', `1${index}:05`), agencyId: 'vero', serviceId: 'vero-tax-card', ...overrides }));
  vero(0, { waitMin: 2, serviceMin: 10, feedback: { ces: 5, csat: 5, nps: 10 }, media: [{ rtt: 30, loss: 1 }, { rtt: 50, loss: 0.5 }], devices: 1 });
  vero(1, { waitMin: 4, serviceMin: 10, feedback: { ces: 4, csat: 5, nps: 9 }, media: [{ rtt: 50, loss: 0 }], channel: 'booked' });
  vero(2, { waitMin: 6, serviceMin: 10, feedback: { ces: 4, csat: 4, nps: 9 }, media: [{ rtt: 60, loss: 0.25 }], devices: 1, language: 'sv' });
  vero(3, { waitMin: 8, serviceMin: 20, feedback: { ces: 3, csat: 4, nps: 7 }, media: [{ rtt: 70, loss: 2 }], channel: 'booked' });
  vero(4, { waitMin: 10, serviceMin: 30, feedback: { ces: 5, csat: 3, nps: 2 }, media: [{ rtt: 80, loss: 0 }] });
  // Migri: exactly 4 visits (suppressed), two of them with a sign-language interpreter.
  const migri = (index: number, overrides: Partial<VisitSpec>) =>
    specs.push(
      base({ visitId: `v-migri-${index}`, issuedAt: epochOf('2025-02-04', ['09:10', '10:20', '11:30', '12:40'][index]!), pointId: 'p-oulu', agencyId: 'migri', serviceId: 'migri-permit', language: 'en', ...overrides }),
    );
  migri(0, { interpreter: { language: 'fse', providerId: 'pr-sign', onDemand: true, answerSec: 45, minutes: 12.5 } });
  migri(1, { interpreter: { language: 'fse', providerId: 'pr-sign', onDemand: false, answerSec: 90, minutes: 30 }, serviceMin: 35 });
  migri(2, { outcome: 'noShow', waitMin: 15 });
  migri(3, { outcome: 'left', waitMin: 0 });

  // Kela: 150 generated visits at every point, on every date, walk-in and booked.
  const next = random(20250301);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  for (let index = 0; index < 150; index++) {
    const pointId = pick(points).id;
    const date = pointId === 'p-bus' ? pick(dates.filter((entry) => [2, 4].includes(weekdayOf(entry)))) : pick(dates);
    const outcomeRoll = next();
    const outcome = outcomeRoll < 0.75 ? 'served' : outcomeRoll < 0.87 ? 'noShow' : 'left';
    const served = outcome === 'served';
    const interpreterRoll = next();
    const language = pick(['ar', 'so', 'fse'] as const);
    specs.push(
      base({
        visitId: `v-kela-${index}`,
        pointId,
        serviceId: pick(servicesOf.kela!),
        channel: next() < 0.3 ? 'booked' : 'walkIn',
        language: pick(['fi', 'fi', 'sv', 'en'] as const),
        issuedAt: epochOf(date, `${String(int(8, 15)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}`),
        outcome,
        waitMin: int(0, 40),
        serviceMin: int(3, 30),
        transfer: served && next() < 0.12 ? { agencyId: 'vero', serviceId: 'vero-tax-card', waitMin: int(0, 10), serviceMin: int(2, 15) } : null,
        feedback: served && next() < 0.55 ? { ces: next() < 0.9 ? int(1, 5) : null, csat: next() < 0.9 ? int(1, 5) : null, nps: next() < 0.85 ? int(0, 10) : null } : null,
        interpreter:
          served && interpreterRoll < 0.2
            ? {
                language,
                providerId: language === 'fse' ? 'pr-sign' : pick(['pr-a', 'pr-b']),
                onDemand: next() < 0.6,
                answerSec: next() < 0.85 ? int(5, 240) : null,
                minutes: null,
              }
            : null,
        devices: served ? int(0, 3) : 0,
        media: served ? Array.from({ length: int(0, 3) }, () => ({ rtt: int(20, 200), loss: int(0, 500) / 100 })) : [],
      }),
    );
    const spec = specs.at(-1)!;
    if (spec.interpreter?.answerSec !== null && spec.interpreter) spec.interpreter.minutes = int(1, 20) + (next() < 0.5 ? 0.5 : 0);
  }
  return specs;
}

// ---------------------------------------------------------------------------------------------
// Feeding: through the real UsageRecorder (its place, stop and time dimensions)
// ---------------------------------------------------------------------------------------------

export async function seedStatisticsCatalogue(storage: Storage): Promise<void> {
  for (const agency of agencies) {
    await storage.catalogue.upsertAgency({ id: agency.id, code: agency.id.toUpperCase(), name: text(agency.name) });
    for (const serviceId of servicesOf[agency.id]!) {
      await storage.catalogue.upsertService({ id: serviceId, agencyId: agency.id, name: text(`Palvelu ${serviceId}`), remoteCapable: true, notRemoteInstructions: null });
    }
  }
  for (const point of points) {
    const details: ServicePointDetails = {
      id: point.id,
      kind: point.kind,
      name: text(point.name),
      municipality: point.municipality,
      region: point.region,
      address: '',
      hostOrganisation: null,
      openingHours: [],
      exceptions: [],
      queuePolicy: defaultQueuePolicy,
      agencyGraceSeconds: [],
      agencyIds: agencies.map((agency) => agency.id),
    };
    await storage.catalogue.saveServicePoint(details);
  }
  for (const date of dates.filter((entry) => [2, 4].includes(weekdayOf(entry)))) {
    await storage.catalogue.saveStop({ id: `stop-${date}`, servicePointId: 'p-bus', place: busPlace(date), date, from: '08:00', to: '18:00' });
  }
}

export interface TimedEvent {
  kind: UsageEventKind;
  context: UsageContext;
  data: UsageEvent['data'];
}

/** The events of the visits as the queue, chaining, booking and feedback services record them. */
export function eventsOf(specs: readonly VisitSpec[]): TimedEvent[] {
  const events: TimedEvent[] = [];
  for (const spec of specs) {
    const ctx = (at: number, overrides: Partial<UsageContext> = {}): UsageContext => ({
      servicePointId: spec.pointId,
      agencyId: spec.agencyId,
      serviceId: spec.serviceId,
      visitId: spec.visitId,
      sessionId: `s-${spec.visitId}`,
      channel: spec.channel,
      language: spec.language,
      at,
      ...overrides,
    });
    const push = (kind: UsageEventKind, context: UsageContext, data: UsageEvent['data'] = {}) => events.push({ kind, context, data });
    const issued = spec.issuedAt;
    push('ticketIssued', ctx(issued), { priority: spec.channel === 'booked' ? 'booked' : 'normal' });
    if (spec.channel === 'booked') push('bookingCheckedIn', ctx(issued), { outcome: 'checkedIn', minutesFromSlot: -3 });
    const called = issued + spec.waitMin * 60_000;
    if (spec.outcome === 'left') continue;
    push('ticketCalled', ctx(Math.max(issued, called - 20_000)), { waitMs: Math.max(0, called - 20_000 - issued) });
    if (spec.outcome === 'noShow') {
      push('noShow', ctx(called + 150_000), { waitMs: called - issued });
      continue;
    }
    push('sessionStarted', ctx(called), { waitMs: called - issued });
    let at = called;
    if (spec.interpreter) {
      const interpreter = spec.interpreter;
      const requested = called + 60_000;
      push('interpreterRequested', ctx(requested), { language: interpreter.language, providerId: interpreter.providerId, onDemand: interpreter.onDemand });
      if (interpreter.answerSec !== null) {
        const answered = requested + interpreter.answerSec * 1000;
        push('interpreterAnswered', ctx(answered), { answerMs: interpreter.answerSec * 1000, language: interpreter.language, providerId: interpreter.providerId });
        push('interpreterJoined', ctx(answered + 5000), { language: interpreter.language, providerId: interpreter.providerId });
        if (interpreter.minutes !== null) {
          push('interpreterLeft', ctx(answered + 5000 + interpreter.minutes * 60_000), {
            minutes: interpreter.minutes,
            language: interpreter.language,
            providerId: interpreter.providerId,
          });
        }
      }
    }
    for (let index = 0; index < spec.devices; index++) push('deviceUsed', ctx(called + (index + 1) * 30_000), { device: 'printer', success: true, durationMs: 4000 });
    spec.media.forEach((sample, index) => push('mediaQuality', ctx(called + (index + 1) * 45_000), { rttMs: sample.rtt, lossPct: sample.loss, reconnects: 0 }));
    at = called + spec.serviceMin * 60_000;
    push('sessionEnded', ctx(at, { channel: null }), { serviceMs: spec.serviceMin * 60_000, reason: spec.transfer ? 'transferred' : 'hangup' });
    if (spec.transfer) {
      const transfer = spec.transfer;
      push('transfer', ctx(at), { toAgencyId: transfer.agencyId, toServiceId: transfer.serviceId });
      const chained = at + 1000;
      const chainedCtx = (when: number, overrides: Partial<UsageContext> = {}) =>
        ctx(when, { agencyId: transfer.agencyId, serviceId: transfer.serviceId, channel: 'walkIn', sessionId: `s2-${spec.visitId}`, ...overrides });
      push('ticketIssued', chainedCtx(chained), { priority: 'transfer' });
      const started = chained + transfer.waitMin * 60_000;
      push('ticketCalled', chainedCtx(started), { waitMs: started - chained });
      push('sessionStarted', chainedCtx(started), { waitMs: started - chained });
      at = started + transfer.serviceMin * 60_000;
      push('sessionEnded', chainedCtx(at, { channel: null }), { serviceMs: transfer.serviceMin * 60_000, reason: 'hangup' });
    }
    // FeedbackService records the last session's agency and service.
    const last = spec.transfer ? { agencyId: spec.transfer.agencyId, serviceId: spec.transfer.serviceId } : {};
    if (spec.feedback) push('feedback', ctx(at + 60_000, { channel: null, sessionId: null, ...last }), { ...spec.feedback, hasText: false });
  }
  return events;
}

/** Records every event through the real UsageRecorder (place, stop and local time dimensions). */
export async function recordEvents(storage: Storage, events: readonly TimedEvent[]): Promise<void> {
  const recorder = new UsageRecorder(storage);
  for (const event of events) await recorder.record(event.kind, event.context, event.data);
}

// ---------------------------------------------------------------------------------------------
// The reference: every figure straight from the specs
// ---------------------------------------------------------------------------------------------

const roundHalfUp = (value: number, decimals: number) => {
  const rounded = Number(`${Math.round(Number(`${value}e${decimals}`))}e-${decimals}`);
  return Object.is(rounded, -0) ? 0 : rounded;
};
const percentileCont = (values: number[], fraction: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * fraction;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
};
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const small = (count: number) => count >= 1 && count <= 4;

function pointOf(id: string) {
  return points.find((point) => point.id === id)!;
}

/** The group key of a spec (its first ticket's dimensions). */
function visitKey(spec: VisitSpec, group: StatisticsGroupBy): string | number | null {
  const date = localDateOf(spec.issuedAt);
  const point = pointOf(spec.pointId);
  switch (group) {
    case 'day':
      return date;
    case 'week':
      return isoWeekOf(date);
    case 'month':
      return date.slice(0, 7);
    case 'servicePoint':
      return spec.pointId;
    case 'region':
      return point.region;
    case 'municipality':
      return point.municipality;
    case 'agency':
      return spec.agencyId;
    case 'service':
      return spec.serviceId;
    case 'hour':
      return Number(localTimeOf(spec.issuedAt).slice(0, 2));
    case 'weekday':
      return weekdayOf(date);
    case 'stop':
      return point.kind === 'XS' ? busPlace(date) : null;
    case 'channel':
      return spec.channel;
    case 'language':
      return spec.language;
  }
}

const orderKeys = (a: (string | number | null)[], b: (string | number | null)[]) => {
  for (let index = 0; index < a.length; index++) {
    const x = a[index]!;
    const y = b[index]!;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
};

function groupSpecs<T>(items: readonly T[], keyOf: (item: T) => (string | number | null)[]): [(string | number | null)[], T[]][] {
  const groups = new Map<string, [(string | number | null)[], T[]]>();
  for (const item of items) {
    const key = keyOf(item);
    const id = JSON.stringify(key);
    if (!groups.has(id)) groups.set(id, [key, []]);
    groups.get(id)![1].push(item);
  }
  return [...groups.values()].sort((a, b) => orderKeys(a[0], b[0]));
}

export interface VisitFilter {
  from: string;
  to: string;
  agencyId?: string;
  servicePointId?: string;
  region?: string;
}

export function expectedVisitRows(specs: readonly VisitSpec[], groupBy: StatisticsGroupBy[], filter: VisitFilter): VisitsRow[] {
  const chosen = specs.filter((spec) => {
    const date = localDateOf(spec.issuedAt);
    return (
      date >= filter.from &&
      date <= filter.to &&
      (!filter.agencyId || spec.agencyId === filter.agencyId) &&
      (!filter.servicePointId || spec.pointId === filter.servicePointId) &&
      (!filter.region || pointOf(spec.pointId).region === filter.region)
    );
  });
  return groupSpecs(chosen, (spec) => groupBy.map((group) => visitKey(spec, group))).map(([keyValues, group]) => {
    const key = Object.fromEntries(groupBy.map((name, index) => [name, keyValues[index]!]));
    const figures = [
      'visits', 'served', 'walkIn', 'booked', 'noShows', 'transfers', 'waitMeanMin', 'waitMedianMin', 'waitP90Min', 'serviceMeanMin',
      'serviceMedianMin', 'feedbackCount', 'cesMean', 'csatMean', 'npsScore', 'interpreterRequests', 'interpreterMinutes', 'deviceUses',
      'mediaRttMedianMs', 'mediaLossMeanPct',
    ] as const;
    if (small(group.length)) {
      return { key, suppressed: true, suppressedFields: [...figures], ...Object.fromEntries(figures.map((figure) => [figure, null])) } as VisitsRow;
    }
    const suppressedFields: VisitsRow['suppressedFields'] = [];
    const gated = (field: VisitsRow['suppressedFields'][number], count: number, value: () => number, none: number | null = null) => {
      if (count === 0) return none;
      if (small(count)) {
        suppressedFields.push(field);
        return null;
      }
      return value();
    };
    const served = group.filter((spec) => spec.outcome === 'served');
    const waits = served.map((spec) => spec.waitMin);
    const services = served.map((spec) => spec.serviceMin + (spec.transfer?.serviceMin ?? 0));
    const feedback = group.flatMap((spec) => (spec.feedback ? [spec.feedback] : []));
    const ces = feedback.flatMap((answer) => (answer.ces === null ? [] : [answer.ces]));
    const csat = feedback.flatMap((answer) => (answer.csat === null ? [] : [answer.csat]));
    const nps = feedback.flatMap((answer) => (answer.nps === null ? [] : [answer.nps]));
    const interpreted = group.filter((spec) => spec.interpreter?.minutes != null);
    const withMedia = group.filter((spec) => spec.media.length > 0);
    const samples = withMedia.flatMap((spec) => spec.media);
    const row: VisitsRow = {
      key,
      suppressed: false,
      suppressedFields,
      visits: group.length,
      served: served.length,
      walkIn: group.filter((spec) => spec.channel === 'walkIn').length,
      booked: group.filter((spec) => spec.channel === 'booked').length,
      noShows: group.filter((spec) => spec.outcome === 'noShow').length,
      transfers: group.filter((spec) => spec.transfer).length,
      waitMeanMin: gated('waitMeanMin', waits.length, () => roundHalfUp(mean(waits), 1)),
      waitMedianMin: gated('waitMedianMin', waits.length, () => roundHalfUp(percentileCont(waits, 0.5)!, 1)),
      waitP90Min: gated('waitP90Min', waits.length, () => roundHalfUp(percentileCont(waits, 0.9)!, 1)),
      serviceMeanMin: gated('serviceMeanMin', services.length, () => roundHalfUp(mean(services), 1)),
      serviceMedianMin: gated('serviceMedianMin', services.length, () => roundHalfUp(percentileCont(services, 0.5)!, 1)),
      feedbackCount: feedback.length,
      cesMean: gated('cesMean', ces.length, () => roundHalfUp(mean(ces), 2)),
      csatMean: gated('csatMean', csat.length, () => roundHalfUp(mean(csat), 2)),
      npsScore: gated('npsScore', nps.length, () =>
        roundHalfUp((100 * (nps.filter((score) => score >= 9).length - nps.filter((score) => score <= 6).length)) / nps.length, 1),
      ),
      interpreterRequests: group.filter((spec) => spec.interpreter).length,
      interpreterMinutes: gated('interpreterMinutes', interpreted.length, () => roundHalfUp(interpreted.reduce((sum, spec) => sum + spec.interpreter!.minutes!, 0), 1), 0),
      deviceUses: group.reduce((sum, spec) => sum + spec.devices, 0),
      mediaRttMedianMs: gated('mediaRttMedianMs', withMedia.length, () =>
        roundHalfUp(percentileCont(withMedia.map((spec) => mean(spec.media.map((sample) => sample.rtt))), 0.5)!, 0),
      ),
      mediaLossMeanPct: gated('mediaLossMeanPct', withMedia.length, () => roundHalfUp(mean(samples.map((sample) => Math.round(sample.loss * 100))), 0) / 100),
    };
    row.suppressed = suppressedFields.length > 0;
    return row;
  });
}

interface InterpretingEventRef {
  kind: 'requested' | 'answered' | 'left';
  at: number;
  spec: VisitSpec;
  interpreter: InterpreterSpec;
}

function interpretingEvents(specs: readonly VisitSpec[]): InterpretingEventRef[] {
  return specs.flatMap((spec) => {
    const interpreter = spec.interpreter;
    if (!interpreter || spec.outcome !== 'served') return [];
    const requested = spec.issuedAt + spec.waitMin * 60_000 + 60_000;
    const events: InterpretingEventRef[] = [{ kind: 'requested', at: requested, spec, interpreter }];
    if (interpreter.answerSec !== null) {
      events.push({ kind: 'answered', at: requested + interpreter.answerSec * 1000, spec, interpreter });
      if (interpreter.minutes !== null) events.push({ kind: 'left', at: requested + interpreter.answerSec * 1000 + 5000 + interpreter.minutes * 60_000, spec, interpreter });
    }
    return events;
  });
}

export function expectedInterpretingRows(
  specs: readonly VisitSpec[],
  groupBy: InterpretingGroupBy[],
  filter: { from: string; to: string; agencyId?: string },
): InterpretingRow[] {
  const chosen = interpretingEvents(specs).filter((event) => {
    const date = localDateOf(event.at);
    return date >= filter.from && date <= filter.to && (!filter.agencyId || event.spec.agencyId === filter.agencyId);
  });
  const keyOf = (event: InterpretingEventRef, group: InterpretingGroupBy): string | null => {
    const date = localDateOf(event.at);
    switch (group) {
      case 'agency':
        return event.spec.agencyId;
      case 'provider':
        return event.interpreter.providerId;
      case 'language':
        return event.interpreter.language;
      case 'month':
        return date.slice(0, 7);
      case 'week':
        return isoWeekOf(date);
      case 'day':
        return date;
      case 'region':
        return pointOf(event.spec.pointId).region;
      case 'servicePoint':
        return event.spec.pointId;
    }
  };
  const figures = ['requests', 'onDemandRequests', 'answered', 'answerMedianSec', 'sessions', 'minutes'] as const;
  return groupSpecs(chosen, (event) => groupBy.map((group) => keyOf(event, group))).map(([keyValues, group]) => {
    const key = Object.fromEntries(groupBy.map((name, index) => [name, keyValues[index]!]));
    const requests = group.filter((event) => event.kind === 'requested');
    const answered = group.filter((event) => event.kind === 'answered');
    const left = group.filter((event) => event.kind === 'left');
    if (small(Math.max(requests.length, answered.length, left.length))) {
      return { key, suppressed: true, suppressedFields: [...figures], ...Object.fromEntries(figures.map((figure) => [figure, null])) } as InterpretingRow;
    }
    const suppressedFields: InterpretingRow['suppressedFields'] = [];
    const gated = (field: InterpretingRow['suppressedFields'][number], count: number, value: () => number, none: number | null = null) => {
      if (count === 0) return none;
      if (small(count)) {
        suppressedFields.push(field);
        return null;
      }
      return value();
    };
    return {
      key,
      suppressed: false,
      suppressedFields,
      requests: requests.length,
      onDemandRequests: requests.filter((event) => event.interpreter.onDemand).length,
      answered: answered.length,
      answerMedianSec: gated('answerMedianSec', answered.length, () => roundHalfUp(percentileCont(answered.map((event) => event.interpreter.answerSec!), 0.5)!, 1)),
      sessions: left.length,
      minutes: gated('minutes', left.length, () => roundHalfUp(left.reduce((sum, event) => sum + event.interpreter.minutes!, 0), 1), 0),
    } satisfies InterpretingRow;
  }).map((row) => ({ ...row, suppressed: row.suppressed || row.suppressedFields.length > 0 }));
}

export function expectedBillingRows(specs: readonly VisitSpec[], month: string, agencyId?: string): BillingRow[] {
  const left = interpretingEvents(specs).filter(
    (event) => event.kind === 'left' && localDateOf(event.at).slice(0, 7) === month && (!agencyId || event.spec.agencyId === agencyId),
  );
  return groupSpecs(left, (event) => [event.spec.agencyId, event.interpreter.providerId, event.interpreter.language]).map(([[agency, provider, language], group]) => ({
    agencyId: agency as string,
    providerId: provider as string,
    language: language as string,
    month,
    sessions: group.length,
    minutes: roundHalfUp(group.reduce((sum, event) => sum + event.interpreter.minutes!, 0), 1),
  }));
}
