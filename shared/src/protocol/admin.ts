import { z } from 'zod';
import { LocalDate, ServicePointDetails, ServiceWindow, Stop, TimeOfDay, Weekday } from '../catalogue.ts';
import { Agency, Id, LocalizedText, Service } from '../domain.ts';
import { daysBetween, minutesOf } from '../calendar.ts';

/**
 * REST bodies of the admin API (`/api/admin`), shared by the server and the admin screens.
 * They reuse the catalogue shapes; on create the client may omit `id` and the server makes one
 * (`ag_…`, `sv_…`, `sp_…`, `st_…`, `w_…`). Every cross-field rule carries the path of the
 * field it is about, so a form can show the message next to that field.
 */

/** A name the customer reads: non-empty in all three languages. */
const requiredText = z.string().trim().min(1, 'required').max(300);
export const RequiredLocalizedText = LocalizedText.extend({ fi: requiredText, sv: requiredText, en: requiredText });

type Ctx = z.core.$RefinementCtx<unknown>;
const issue = (ctx: Ctx, path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
/** `from` before `to`, reported on `to`. */
const checkSpan = (value: { from: string; to: string }, ctx: Ctx, path: PropertyKey[] = []) => {
  if (value.from >= value.to) issue(ctx, [...path, 'to'], 'from must be before to');
};

export const SaveAgencyRequest = Agency.omit({ id: true })
  .extend({ id: Id.optional(), code: z.string().trim().min(1, 'required').max(16), name: RequiredLocalizedText })
  .strict();
export type SaveAgencyRequest = z.infer<typeof SaveAgencyRequest>;

export const SaveServiceRequest = Service.omit({ id: true })
  .extend({ id: Id.optional(), name: RequiredLocalizedText, notRemoteInstructions: RequiredLocalizedText.nullable() })
  .strict()
  .superRefine((service, ctx) => {
    if (!service.remoteCapable && !service.notRemoteInstructions) {
      issue(ctx, ['notRemoteInstructions'], 'a service that is not remote-capable must say where to go instead');
    }
  });
export type SaveServiceRequest = z.infer<typeof SaveServiceRequest>;

const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }) => a.from < b.to && b.from < a.to;

/** S: host organisation, address, weekly opening hours, exceptions. XS: no host; its availability is its stops. */
export const SaveServicePointRequest = ServicePointDetails.omit({ id: true })
  .extend({ id: Id.optional(), name: RequiredLocalizedText, municipality: z.string().trim().min(1, 'required').max(100), region: z.string().trim().min(1, 'required').max(100) })
  .strict()
  .superRefine((point, ctx) => {
    if (point.kind === 'S' && !point.hostOrganisation) issue(ctx, ['hostOrganisation'], 'an S point needs its host organisation');
    if (point.kind === 'XS') {
      if (point.hostOrganisation) issue(ctx, ['hostOrganisation'], 'an XS point (service bus) has no host organisation');
      if (point.openingHours.length > 0) issue(ctx, ['openingHours'], 'an XS point has stops, not opening hours');
      if (point.exceptions.length > 0) issue(ctx, ['exceptions'], 'an XS point has stops, not opening exceptions');
    }
    point.openingHours.forEach((hours, index) => {
      const clash = point.openingHours.findIndex((other, j) => j < index && other.weekday === hours.weekday && overlaps(other, hours));
      if (clash >= 0) issue(ctx, ['openingHours', index, 'from'], `overlaps opening hours row ${clash + 1}`);
    });
    const dates = new Set<string>();
    point.exceptions.forEach((exception, index) => {
      if (dates.has(exception.date)) issue(ctx, ['exceptions', index, 'date'], 'this date is listed twice');
      dates.add(exception.date);
      if (exception.closed && (exception.from !== null || exception.to !== null)) {
        issue(ctx, ['exceptions', index, 'from'], 'a closed day has no hours');
      }
      if (!exception.closed) {
        if (exception.from === null) issue(ctx, ['exceptions', index, 'from'], 'special hours need from');
        if (exception.to === null) issue(ctx, ['exceptions', index, 'to'], 'special hours need to');
        if (exception.from !== null && exception.to !== null) checkSpan({ from: exception.from, to: exception.to }, ctx, ['exceptions', index]);
      }
    });
    if (new Set(point.agencyIds).size !== point.agencyIds.length) issue(ctx, ['agencyIds'], 'an agency is listed twice');
    const graced = new Set<string>();
    point.agencyGraceSeconds.forEach((grace, index) => {
      if (!point.agencyIds.includes(grace.agencyId)) issue(ctx, ['agencyGraceSeconds', index, 'agencyId'], 'the agency does not serve at this point');
      if (graced.has(grace.agencyId)) issue(ctx, ['agencyGraceSeconds', index, 'agencyId'], 'this agency is listed twice');
      graced.add(grace.agencyId);
    });
  });
export type SaveServicePointRequest = z.infer<typeof SaveServicePointRequest>;

const stopFields = z
  .object(Stop.shape)
  .omit({ id: true, servicePointId: true })
  .extend({ id: Id.optional(), place: z.string().trim().min(1, 'required').max(200) });

/** One bus stop; the point comes from the URL. */
export const CreateStopRequest = stopFields.strict().superRefine((stop, ctx) => checkSpan(stop, ctx));
export type CreateStopRequest = z.infer<typeof CreateStopRequest>;

const stopTemplate = stopFields.pick({ place: true, from: true, to: true });

/** A timetable as a list of dates: one stop per date. */
export const StopDatesBatch = stopTemplate
  .extend({ dates: z.array(LocalDate).min(1, 'at least one date').max(366) })
  .strict()
  .superRefine((batch, ctx) => {
    checkSpan(batch, ctx);
    if (new Set(batch.dates).size !== batch.dates.length) issue(ctx, ['dates'], 'a date is listed twice');
  });
export type StopDatesBatch = z.infer<typeof StopDatesBatch>;

/** A timetable as a weekly rule: one stop on every `weekday` from `startDate` to `endDate` (at most a year). */
export const StopWeeklyBatch = stopTemplate
  .extend({ weekday: Weekday, startDate: LocalDate, endDate: LocalDate })
  .strict()
  .superRefine((batch, ctx) => {
    checkSpan(batch, ctx);
    if (batch.startDate > batch.endDate) issue(ctx, ['endDate'], 'endDate must not be before startDate');
    else if (daysBetween(batch.startDate, batch.endDate) > 366) issue(ctx, ['endDate'], 'at most one year at a time');
  });
export type StopWeeklyBatch = z.infer<typeof StopWeeklyBatch>;

export const CreateStopsBatchRequest = z.union([StopDatesBatch, StopWeeklyBatch]);
export type CreateStopsBatchRequest = z.infer<typeof CreateStopsBatchRequest>;

export const StopsQuery = z.object({ from: LocalDate.optional(), to: LocalDate.optional() });
export type StopsQuery = z.infer<typeof StopsQuery>;

/** When an agency serves at a point: exactly one of weekday (S), date (S) or stopId (XS). */
export const SaveServiceWindowRequest = z
  .object(ServiceWindow.shape)
  .omit({ id: true })
  .extend({ id: Id.optional() })
  .strict()
  .superRefine((window, ctx) => {
    checkSpan(window, ctx);
    const set = [window.weekday, window.date, window.stopId].filter((value) => value !== null).length;
    if (set !== 1) issue(ctx, ['weekday'], 'exactly one of weekday, date, stopId');
    if (window.kind === 'bookable' && minutesOf(window.to) - minutesOf(window.from) < window.slotMinutes) {
      issue(ctx, ['slotMinutes'], 'a bookable window must hold at least one slot');
    }
  });
export type SaveServiceWindowRequest = z.infer<typeof SaveServiceWindowRequest>;

export const WindowsQuery = z.object({ servicePointId: Id.optional(), agencyId: Id.optional() });
export type WindowsQuery = z.infer<typeof WindowsQuery>;

export const CreateStopsBatchResponse = z.object({ stops: z.array(Stop) });
export type CreateStopsBatchResponse = z.infer<typeof CreateStopsBatchResponse>;

export const DeleteStopResponse = z.object({ stopId: Id, windowsDeleted: z.number().int() });
export type DeleteStopResponse = z.infer<typeof DeleteStopResponse>;

export const DeleteWindowResponse = z.object({ windowId: Id });
export type DeleteWindowResponse = z.infer<typeof DeleteWindowResponse>;

