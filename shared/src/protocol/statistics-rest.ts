import { z } from 'zod';
import { LocalDate } from '../catalogue.ts';
import { Id, Language } from '../domain.ts';
import { StatisticsGroupBy } from '../statistics.ts';

/**
 * The statistics REST API, mounted at /api/statistics (see docs/statistics.md). Roles:
 * `admin` reads everything; `supervisor` reads only their own agency (agencyId is forced to
 * theirs; another agencyId is FORBIDDEN); every other role is FORBIDDEN.
 *
 *   GET /api/statistics/visits?from&to&groupBy=agency,month[&agencyId][&servicePointId][&region][&format=json|csv]
 *   GET /api/statistics/interpreting?from&to&groupBy=language,provider[&agencyId][&providerId][&language][&format]
 *   GET /api/statistics/billing?month=YYYY-MM[&agencyId][&providerId][&format]
 *   GET /api/statistics/feedback-texts?from&to[&agencyId][&servicePointId][&format]
 *
 * JSON answers are the `*Report` objects below. CSV answers are UTF-8 with a BOM, `;` between
 * cells, the decimal comma, CRLF line ends, RFC 4180 quoting and an English header row, sent
 * as an attachment named `etapiste-<report>-<from>-<to>.csv` (billing: `etapiste-billing-<month>.csv`).
 */

/** Cells computed from 1–4 visits (or answers, samples, …) are suppressed; 0 is shown as 0. */
export const SUPPRESSION_THRESHOLD = 5;
/** An export may have at most this many rows; narrow the period or the grouping otherwise (VALIDATION_FAILED). */
export const MAX_EXPORT_ROWS = 100_000;

export const StatisticsFormat = z.enum(['json', 'csv']);
export type StatisticsFormat = z.infer<typeof StatisticsFormat>;

/** A calendar month "YYYY-MM". */
export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
export type YearMonth = z.infer<typeof YearMonth>;

/** `groupBy=agency,month` in the query string (an array is accepted too). */
const commaList = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : value),
    z
      .array(item)
      .min(1)
      .max(3)
      .refine((list) => new Set(list).size === list.length, 'a grouping may appear once'),
  );

const period = <T extends { from: string; to: string }>(query: T) => query.from <= query.to;
const periodMessage = { message: 'from must not be after to', path: ['to'] };

// ---------------------------------------------------------------------------------------------
// Visits
// ---------------------------------------------------------------------------------------------

/**
 * GET /api/statistics/visits. Groupings (up to 3): day, week (ISO "YYYY-Www"), month
 * ("YYYY-MM"), servicePoint, region, municipality, agency, service, hour (0–23), weekday
 * (1 = Monday … 7), stop (the bus stop's place; null for S points), channel, language (the
 * customer's UI language). A visit belongs to the date, hour, point, agency, service, channel
 * and language of its first ticket (its first `ticketIssued` event).
 */
export const VisitsQuery = z
  .object({
    from: LocalDate,
    to: LocalDate,
    groupBy: commaList(StatisticsGroupBy),
    agencyId: Id.optional(),
    servicePointId: Id.optional(),
    region: z.string().min(1).max(100).optional(),
    format: StatisticsFormat.default('json'),
  })
  .strict()
  .refine(period, periodMessage);
export type VisitsQuery = z.infer<typeof VisitsQuery>;

/** A group key value: a date/week/month/id/name string, an hour or weekday number, or null (e.g. no bus stop). */
export const GroupKeyValue = z.union([z.string(), z.number().int(), z.null()]);
export type GroupKeyValue = z.infer<typeof GroupKeyValue>;

/** The figures of a visits row, in export (CSV column) order. */
export const visitFigures = [
  'visits',
  'served',
  'walkIn',
  'booked',
  'noShows',
  'transfers',
  'waitMeanMin',
  'waitMedianMin',
  'waitP90Min',
  'serviceMeanMin',
  'serviceMedianMin',
  'feedbackCount',
  'cesMean',
  'csatMean',
  'npsScore',
  'interpreterRequests',
  'interpreterMinutes',
  'deviceUses',
  'mediaRttMedianMs',
  'mediaLossMeanPct',
] as const;
export const VisitFigure = z.enum(visitFigures);
export type VisitFigure = z.infer<typeof VisitFigure>;

const count = z.number().int().min(0).nullable();
const figure = z.number().nullable();

/**
 * One group of visits. Every figure is null when suppressed (see `suppressed` and
 * `suppressedFields`) or when it cannot be computed (a mean of nothing); counts of 0 are 0.
 */
export const VisitsRow = z.object({
  /** The group keys, named by the groupBy values: e.g. `{ agency: 'kela', month: '2025-03' }`. */
  key: z.partialRecord(StatisticsGroupBy, GroupKeyValue),
  /** True when any figure of the row was suppressed (the whole row when visits is 1–4). */
  suppressed: z.boolean(),
  /** The figures blanked by suppression. */
  suppressedFields: z.array(VisitFigure),
  /** Visits: distinct visit ids with a ticketIssued event in the group. */
  visits: count,
  /** Visits with at least one service session that started (the customer answered the call). */
  served: count,
  /** Visits whose first ticket was a walk-in number / came from a booking check-in. */
  walkIn: count,
  booked: count,
  /** Visits with at least one no-show (called, did not answer within the grace period). */
  noShows: count,
  /** Transfers (chaining to another agency) during the visits. */
  transfers: count,
  /** Minutes from the first ticket to the first service start, over served visits. Median/p90: linear interpolation. */
  waitMeanMin: figure,
  waitMedianMin: figure,
  waitP90Min: figure,
  /** Minutes in service (all of a visit's sessions together), over visits with an ended session. */
  serviceMeanMin: figure,
  serviceMedianMin: figure,
  /** Feedback answers given (one per visit). */
  feedbackCount: count,
  /** Mean CES (1–5) and CSAT (1–5) over the answers that gave that score. */
  cesMean: figure,
  csatMean: figure,
  /** NPS: % promoters (9–10) − % detractors (0–6) of the NPS answers, −100 … 100. */
  npsScore: figure,
  interpreterRequests: count,
  /** Interpreter minutes of the visits (interpreters leaving the session). */
  interpreterMinutes: figure,
  deviceUses: count,
  /** Median over the visits with media samples of each visit's mean round-trip time. */
  mediaRttMedianMs: figure,
  /** Mean packet loss (%) over all media samples of the visits. */
  mediaLossMeanPct: figure,
});
export type VisitsRow = z.infer<typeof VisitsRow>;

export const VisitsReport = z.object({
  report: z.literal('visits'),
  from: LocalDate,
  to: LocalDate,
  groupBy: z.array(StatisticsGroupBy),
  /** The agency filter applied (a supervisor's own agency is always applied). */
  agencyId: Id.nullable(),
  servicePointId: Id.nullable(),
  region: z.string().nullable(),
  suppressionThreshold: z.number().int(),
  /** Epoch ms. */
  generatedAt: z.number().int(),
  /** Sorted by the group keys in groupBy order (numbers numerically, strings by code point, null last). */
  rows: z.array(VisitsRow),
});
export type VisitsReport = z.infer<typeof VisitsReport>;

// ---------------------------------------------------------------------------------------------
// Interpreting
// ---------------------------------------------------------------------------------------------

/**
 * Groupings of interpreting figures. `language` here is the interpreting language (e.g. "ar",
 * "fse" Finnish sign language), not the customer's UI language. Interpreting events are dated
 * by their own time (a request by its request time, minutes by the time the interpreter left).
 */
export const InterpretingGroupBy = z.enum(['agency', 'provider', 'language', 'month', 'week', 'day', 'region', 'servicePoint']);
export type InterpretingGroupBy = z.infer<typeof InterpretingGroupBy>;

export const InterpretingQuery = z
  .object({
    from: LocalDate,
    to: LocalDate,
    groupBy: commaList(InterpretingGroupBy),
    agencyId: Id.optional(),
    providerId: Id.optional(),
    language: z.string().min(1).max(20).optional(),
    format: StatisticsFormat.default('json'),
  })
  .strict()
  .refine(period, periodMessage);
export type InterpretingQuery = z.infer<typeof InterpretingQuery>;

export const interpretingFigures = ['requests', 'onDemandRequests', 'answered', 'answerMedianSec', 'sessions', 'minutes'] as const;
export const InterpretingFigure = z.enum(interpretingFigures);
export type InterpretingFigure = z.infer<typeof InterpretingFigure>;

export const InterpretingRow = z.object({
  key: z.partialRecord(InterpretingGroupBy, GroupKeyValue),
  /** True when any figure was suppressed (the whole row when its largest count is 1–4). */
  suppressed: z.boolean(),
  suppressedFields: z.array(InterpretingFigure),
  /** interpreterRequested events; of them on demand (not booked in advance). */
  requests: count,
  onDemandRequests: count,
  /** interpreterAnswered events, and the median seconds from request to answer. */
  answered: count,
  answerMedianSec: figure,
  /** interpreterLeft events (an interpreter's part in one session) and their minutes. */
  sessions: count,
  minutes: figure,
});
export type InterpretingRow = z.infer<typeof InterpretingRow>;

export const InterpretingReport = z.object({
  report: z.literal('interpreting'),
  from: LocalDate,
  to: LocalDate,
  groupBy: z.array(InterpretingGroupBy),
  agencyId: Id.nullable(),
  providerId: Id.nullable(),
  language: z.string().nullable(),
  suppressionThreshold: z.number().int(),
  generatedAt: z.number().int(),
  rows: z.array(InterpretingRow),
});
export type InterpretingReport = z.infer<typeof InterpretingReport>;

// ---------------------------------------------------------------------------------------------
// Interpreter billing
// ---------------------------------------------------------------------------------------------

/**
 * GET /api/statistics/billing: interpreter minutes per agency, provider and language for one
 * month (by the time the interpreter left). An accounting report that must add up to the
 * provider's invoice: it has no place or time finer than the month and is NOT suppressed.
 */
export const BillingQuery = z
  .object({
    month: YearMonth,
    agencyId: Id.optional(),
    providerId: Id.optional(),
    format: StatisticsFormat.default('json'),
  })
  .strict();
export type BillingQuery = z.infer<typeof BillingQuery>;

export const BillingRow = z.object({
  agencyId: Id.nullable(),
  providerId: z.string().nullable(),
  language: z.string().nullable(),
  month: YearMonth,
  /** Interpreter sessions (interpreterLeft events) and their minutes (1 decimal). */
  sessions: z.number().int().min(0),
  minutes: z.number().min(0),
});
export type BillingRow = z.infer<typeof BillingRow>;

export const BillingReport = z.object({
  report: z.literal('billing'),
  month: YearMonth,
  agencyId: Id.nullable(),
  providerId: Id.nullable(),
  generatedAt: z.number().int(),
  /** Sorted by agency, provider, language. */
  rows: z.array(BillingRow),
  totalSessions: z.number().int().min(0),
  totalMinutes: z.number().min(0),
});
export type BillingReport = z.infer<typeof BillingReport>;

// ---------------------------------------------------------------------------------------------
// Free-text feedback
// ---------------------------------------------------------------------------------------------

/** GET /api/statistics/feedback-texts: the anonymous free texts, for reading. */
export const FeedbackTextsQuery = z
  .object({
    from: LocalDate,
    to: LocalDate,
    agencyId: Id.optional(),
    servicePointId: Id.optional(),
    format: StatisticsFormat.default('json'),
  })
  .strict()
  .refine(period, periodMessage);
export type FeedbackTextsQuery = z.infer<typeof FeedbackTextsQuery>;

/** A free text with its date only (no time, no visit): it cannot be tied to a visit. */
export const FeedbackTextEntry = z.object({
  date: LocalDate,
  servicePointId: Id,
  agencyId: Id,
  /** The language the booth's screen was in. */
  language: Language,
  text: z.string(),
});
export type FeedbackTextEntry = z.infer<typeof FeedbackTextEntry>;

export const FeedbackTextsReport = z.object({
  report: z.literal('feedbackTexts'),
  from: LocalDate,
  to: LocalDate,
  agencyId: Id.nullable(),
  servicePointId: Id.nullable(),
  generatedAt: z.number().int(),
  /** Sorted by date, point and text (not by time). At most MAX_EXPORT_ROWS. */
  texts: z.array(FeedbackTextEntry),
  truncated: z.boolean(),
});
export type FeedbackTextsReport = z.infer<typeof FeedbackTextsReport>;

// ---------------------------------------------------------------------------------------------
// Client helpers
// ---------------------------------------------------------------------------------------------

/** The query string of a statistics request: arrays joined with commas, undefined left out. */
export function statisticsSearchParams(query: Record<string, string | number | readonly string[] | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params.toString();
}
