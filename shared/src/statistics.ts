import { z } from 'zod';
import { LocalDate } from './catalogue.ts';
import { Id, Language, ServicePointKind } from './domain.ts';

/**
 * Usage statistics. Never personal data: no names, codes, addresses, IP addresses or content.
 * A visit is identified only by its random visit id.
 */
export const UsageEventKind = z.enum([
  'ticketIssued',
  'bookingCheckedIn',
  'ticketCalled',
  'noShow',
  'sessionStarted',
  'sessionEnded',
  'transfer',
  'interpreterRequested',
  /** One interpreter rung for a request (data: batch, providerId, language). */
  'interpreterRung',
  'interpreterAnswered',
  'interpreterJoined',
  'interpreterLeft',
  /** A request that ended without an interpreter (data.outcome: unanswered | cancelled). */
  'interpreterRequestEnded',
  'deviceUsed',
  'feedback',
  'mediaQuality',
]);
export type UsageEventKind = z.infer<typeof UsageEventKind>;

export const Channel = z.enum(['walkIn', 'booked']);
export type Channel = z.infer<typeof Channel>;

/** One append-only statistics record with its place and time dimensions. */
export const UsageEvent = z.object({
  eventId: Id,
  kind: UsageEventKind,
  /** Epoch ms. */
  at: z.number().int(),
  /** Europe/Helsinki local date, hour (0–23) and ISO weekday of `at`. */
  localDate: LocalDate,
  hour: z.number().int().min(0).max(23),
  weekday: z.number().int().min(1).max(7),
  visitId: Id.nullable(),
  sessionId: Id.nullable(),
  servicePointId: Id,
  pointKind: ServicePointKind,
  region: z.string(),
  municipality: z.string(),
  /** XS points: the bus stop's place. */
  stopPlace: z.string().nullable(),
  agencyId: Id.nullable(),
  serviceId: Id.nullable(),
  channel: Channel.nullable(),
  language: Language.nullable(),
  /** Kind-specific numbers and codes (durations in ms, scores, device kind, …); never content. */
  data: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
});
export type UsageEvent = z.infer<typeof UsageEvent>;

/** End-of-visit feedback: anonymous, every answer optional. */
export const FeedbackAnswers = z
  .object({
    /** Customer Effort Score 1 (very hard) – 5 (very easy). */
    ces: z.number().int().min(1).max(5).nullable(),
    /** Customer Satisfaction 1–5. */
    csat: z.number().int().min(1).max(5).nullable(),
    /** Net Promoter Score 0–10. */
    nps: z.number().int().min(0).max(10).nullable(),
    /** Free text, stored for reading but never exported per visit. */
    text: z.string().max(2000).nullable(),
  })
  .strict();
export type FeedbackAnswers = z.infer<typeof FeedbackAnswers>;

export const StatisticsGroupBy = z.enum([
  'day',
  'week',
  'month',
  'servicePoint',
  'region',
  'municipality',
  'agency',
  'service',
  'hour',
  'weekday',
  'stop',
  'channel',
  'language',
]);
export type StatisticsGroupBy = z.infer<typeof StatisticsGroupBy>;

export const StatisticsQuery = z
  .object({
    from: LocalDate,
    to: LocalDate,
    groupBy: z.array(StatisticsGroupBy).min(1).max(3),
    agencyId: Id.optional(),
    servicePointId: Id.optional(),
    region: z.string().max(100).optional(),
  })
  .strict();
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;
