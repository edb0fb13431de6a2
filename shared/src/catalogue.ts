import { z } from 'zod';
import { Agency, Id, LocalizedText, Service, ServicePoint } from './domain.ts';

/** Local (Europe/Helsinki) wall-clock time "HH:MM". */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
export type TimeOfDay = z.infer<typeof TimeOfDay>;
/** Local (Europe/Helsinki) calendar date "YYYY-MM-DD". */
export const LocalDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');
export type LocalDate = z.infer<typeof LocalDate>;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const Weekday = z.number().int().min(1).max(7);
export type Weekday = z.infer<typeof Weekday>;

/** A span of local time on one day; `from` < `to`. */
const span = { from: TimeOfDay, to: TimeOfDay };
const spanOrdered = (value: { from: string; to: string }) => value.from < value.to;

export const OpeningHours = z.object({ weekday: Weekday, ...span }).refine(spanOrdered, 'from must be before to');
export type OpeningHours = z.infer<typeof OpeningHours>;

/** A holiday (closed) or a day with special hours. */
export const OpeningException = z.object({
  date: LocalDate,
  closed: z.boolean(),
  from: TimeOfDay.nullable(),
  to: TimeOfDay.nullable(),
  note: z.string().max(200).nullable(),
});
export type OpeningException = z.infer<typeof OpeningException>;

export const HostOrganisation = z.object({ name: z.string().min(1).max(200), address: z.string().max(300) });
export type HostOrganisation = z.infer<typeof HostOrganisation>;

/** Per point (and optionally per agency) queue rules. */
export const QueuePolicy = z.object({
  /** How long a called number waits for the customer before it is marked no-show (120–180 s typical). */
  noShowGraceSeconds: z.number().int().min(5).max(900),
  /** Booking check-in window around the slot start. */
  checkInEarlyMinutes: z.number().int().min(0).max(120),
  checkInLateMinutes: z.number().int().min(0).max(120),
});
export type QueuePolicy = z.infer<typeof QueuePolicy>;
export const defaultQueuePolicy: QueuePolicy = { noShowGraceSeconds: 150, checkInEarlyMinutes: 15, checkInLateMinutes: 10 };

/** Everything about a point: S rooms have a host and opening hours, XS buses have stops. */
export const ServicePointDetails = ServicePoint.extend({
  address: z.string().max(300),
  hostOrganisation: HostOrganisation.nullable(),
  openingHours: z.array(OpeningHours).max(50),
  exceptions: z.array(OpeningException).max(400),
  queuePolicy: QueuePolicy,
  /** Per-agency override of the no-show grace period at this point. */
  agencyGraceSeconds: z.array(z.object({ agencyId: Id, noShowGraceSeconds: z.number().int().min(5).max(900) })).max(50),
  agencyIds: z.array(Id),
});
export type ServicePointDetails = z.infer<typeof ServicePointDetails>;

/** One scheduled halt of a service bus. */
export const Stop = z
  .object({ id: Id, servicePointId: Id, place: z.string().min(1).max(200), date: LocalDate, ...span })
  .refine(spanOrdered, 'from must be before to');
export type Stop = z.infer<typeof Stop>;

export const ServiceWindowKind = z.enum(['bookable', 'walkIn']);
export type ServiceWindowKind = z.infer<typeof ServiceWindowKind>;

/**
 * When an agency serves at a point. Recurring weekly (`weekday`) at S points, or on one date
 * (`date`), or during one bus stop (`stopId`, whose date it takes). Bookable windows are cut
 * into slots of `slotMinutes`.
 */
export const ServiceWindow = z
  .object({
    id: Id,
    servicePointId: Id,
    agencyId: Id,
    kind: ServiceWindowKind,
    weekday: Weekday.nullable(),
    date: LocalDate.nullable(),
    stopId: Id.nullable(),
    ...span,
    slotMinutes: z.number().int().min(5).max(240),
  })
  .refine(spanOrdered, 'from must be before to')
  .refine((window) => [window.weekday, window.date, window.stopId].filter((value) => value !== null).length === 1, {
    message: 'exactly one of weekday, date, stopId',
  });
export type ServiceWindow = z.infer<typeof ServiceWindow>;

export const CatalogueSnapshot = z.object({
  agencies: z.array(Agency),
  services: z.array(Service),
  servicePoints: z.array(ServicePointDetails),
});
export type CatalogueSnapshot = z.infer<typeof CatalogueSnapshot>;


