import {
  ErrorCode,
  EtapisteError,
  type Agency,
  type Booking,
  type BookingSlot,
  type CatalogueSnapshot,
  type CreateStopRequest,
  type CreateStopsBatchRequest,
  type LocalDate,
  type SaveAgencyRequest,
  type SaveServicePointRequest,
  type SaveServiceRequest,
  type SaveServiceWindowRequest,
  type Service,
  type ServicePointDetails,
  type ServiceWindow,
  type Stop,
} from '@etapiste/shared';
import type { StateCreator } from 'zustand';
import { createAdminApi, storedToken, type BookingQuery, type CreateBookingBody, type RebookBody } from '../admin/admin-api.ts';
import type { AgentState } from './types.ts';

export type AdminView = 'agencies' | 'points' | 'policy' | 'timetable' | 'windows' | 'bookings' | 'interpreting';
/** What a save or delete came to: the forms show `error` (with its field paths) next to the fields. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: EtapisteError };
export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

/** The admin area: catalogue, bus stops, service windows and bookings, over the REST API. */
export interface AdminSlice {
  adminView: AdminView;
  setAdminView: (view: AdminView) => void;
  adminCatalogue: CatalogueSnapshot | null;
  adminCatalogueStatus: 'idle' | 'loading' | 'ready' | 'failed';
  /** The point the timetable, windows, policy and bookings screens work on. */
  adminPointId: string | null;
  selectAdminPoint: (pointId: string | null) => void;
  /** Stops of `adminPointId` in the range last loaded. */
  adminStops: Stop[];
  adminWindows: ServiceWindow[];
  /** Slots and bookings of the day the bookings screen shows. */
  adminSlots: BookingSlot[];
  adminBookings: Booking[];
  loadAdminCatalogue: () => Promise<void>;
  saveAgency: (body: SaveAgencyRequest, id: string | null) => Promise<Outcome<Agency>>;
  saveService: (body: SaveServiceRequest, id: string | null) => Promise<Outcome<Service>>;
  savePoint: (body: SaveServicePointRequest, id: string | null) => Promise<Outcome<ServicePointDetails>>;
  loadStops: (pointId: string, range: DateRange) => Promise<Outcome<Stop[]>>;
  addStop: (pointId: string, body: CreateStopRequest) => Promise<Outcome<Stop>>;
  addStops: (pointId: string, body: CreateStopsBatchRequest) => Promise<Outcome<Stop[]>>;
  deleteStop: (stopId: string) => Promise<Outcome<string>>;
  loadWindows: (pointId: string) => Promise<Outcome<ServiceWindow[]>>;
  saveWindow: (body: SaveServiceWindowRequest, id: string | null) => Promise<Outcome<ServiceWindow>>;
  deleteWindow: (windowId: string) => Promise<Outcome<string>>;
  /** Loads the slots and the bookings of one point, agency and day. */
  loadBookingDay: (query: BookingQuery) => Promise<Outcome<BookingSlot[]>>;
  bookSlot: (body: CreateBookingBody) => Promise<Outcome<Booking>>;
  cancelBooking: (bookingId: string) => Promise<Outcome<Booking>>;
  rebookBooking: (bookingId: string, body: RebookBody) => Promise<Outcome<Booking>>;
  /** Forgets everything (logout). */
  resetAdmin: () => void;
}

const empty = {
  adminCatalogue: null,
  adminCatalogueStatus: 'idle',
  adminPointId: null,
  adminStops: [],
  adminWindows: [],
  adminSlots: [],
  adminBookings: [],
} satisfies Partial<AdminSlice>;

async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof EtapisteError) return { ok: false, error };
    console.error('admin request failed', error);
    return { ok: false, error: new EtapisteError(ErrorCode.Internal, String(error)) };
  }
}

const replaceById = <T extends { id: string }>(list: T[], item: T): T[] =>
  list.some((existing) => existing.id === item.id) ? list.map((existing) => (existing.id === item.id ? item : existing)) : [...list, item];

/** `loginStorageKey`: where the staff login keeps its token (the REST calls send it). */
export function createAdminSlice(loginStorageKey: string): StateCreator<AgentState, [], [], AdminSlice> {
  return (set, get) => {
    const api = createAdminApi(() => storedToken(loginStorageKey));
    let stopsQuery: { pointId: string; range: DateRange } | null = null;
    let bookingQuery: BookingQuery | null = null;
    const updateCatalogue = (change: (catalogue: CatalogueSnapshot) => Partial<CatalogueSnapshot>) => {
      const catalogue = get().adminCatalogue;
      if (catalogue) set({ adminCatalogue: { ...catalogue, ...change(catalogue) } });
    };
    const reloadStops = async () => {
      if (stopsQuery) await get().loadStops(stopsQuery.pointId, stopsQuery.range);
    };
    const reloadBookings = async () => {
      if (bookingQuery) await get().loadBookingDay(bookingQuery);
    };

    return {
      ...empty,
      adminView: 'points',
      setAdminView: (adminView) => set({ adminView }),
      selectAdminPoint: (adminPointId) => {
        if (adminPointId !== get().adminPointId) set({ adminPointId, adminStops: [], adminWindows: [] });
      },

      loadAdminCatalogue: async () => {
        set({ adminCatalogueStatus: 'loading' });
        const outcome = await attempt(api.catalogue);
        if (outcome.ok) set({ adminCatalogue: outcome.value, adminCatalogueStatus: 'ready' });
        else set({ adminCatalogueStatus: 'failed' });
      },
      saveAgency: async (body, id) => {
        const outcome = await attempt(() => api.saveAgency(body, id));
        if (outcome.ok) updateCatalogue((catalogue) => ({ agencies: replaceById(catalogue.agencies, outcome.value) }));
        return outcome;
      },
      saveService: async (body, id) => {
        const outcome = await attempt(() => api.saveService(body, id));
        if (outcome.ok) updateCatalogue((catalogue) => ({ services: replaceById(catalogue.services, outcome.value) }));
        return outcome;
      },
      savePoint: async (body, id) => {
        const outcome = await attempt(() => api.savePoint(body, id));
        if (outcome.ok) updateCatalogue((catalogue) => ({ servicePoints: replaceById(catalogue.servicePoints, outcome.value) }));
        return outcome;
      },

      loadStops: async (pointId, range) => {
        stopsQuery = { pointId, range };
        const outcome = await attempt(() => api.stops(pointId, range));
        if (outcome.ok && stopsQuery.pointId === pointId) set({ adminStops: outcome.value });
        return outcome;
      },
      addStop: async (pointId, body) => {
        const outcome = await attempt(() => api.addStop(pointId, body));
        if (outcome.ok) await reloadStops();
        return outcome;
      },
      addStops: async (pointId, body) => {
        const outcome = await attempt(async () => (await api.addStops(pointId, body)).stops);
        if (outcome.ok) await reloadStops();
        return outcome;
      },
      deleteStop: async (stopId) => {
        const outcome = await attempt(async () => (await api.deleteStop(stopId)).stopId);
        if (outcome.ok) {
          set({ adminStops: get().adminStops.filter((stop) => stop.id !== stopId), adminWindows: get().adminWindows.filter((window) => window.stopId !== stopId) });
        }
        return outcome;
      },

      loadWindows: async (pointId) => {
        const outcome = await attempt(() => api.windows(pointId));
        if (outcome.ok && get().adminPointId === pointId) set({ adminWindows: outcome.value });
        return outcome;
      },
      saveWindow: async (body, id) => {
        const outcome = await attempt(() => api.saveWindow(body, id));
        if (outcome.ok) set({ adminWindows: replaceById(get().adminWindows, outcome.value) });
        return outcome;
      },
      deleteWindow: async (windowId) => {
        const outcome = await attempt(async () => (await api.deleteWindow(windowId)).windowId);
        if (outcome.ok) set({ adminWindows: get().adminWindows.filter((window) => window.id !== windowId) });
        return outcome;
      },

      loadBookingDay: async (query) => {
        bookingQuery = query;
        const [slots, bookings] = await Promise.all([attempt(() => api.slots(query)), attempt(() => api.bookings(query))]);
        if (bookingQuery !== query) return slots;
        set({ adminSlots: slots.ok ? slots.value : [], adminBookings: bookings.ok ? bookings.value : [] });
        return slots.ok ? (bookings.ok ? slots : { ok: false, error: bookings.error }) : slots;
      },
      bookSlot: async (body) => {
        const outcome = await attempt(() => api.book(body));
        if (outcome.ok) await reloadBookings();
        return outcome;
      },
      cancelBooking: async (bookingId) => {
        const outcome = await attempt(() => api.cancelBooking(bookingId));
        if (outcome.ok) await reloadBookings();
        return outcome;
      },
      rebookBooking: async (bookingId, body) => {
        const outcome = await attempt(() => api.rebook(bookingId, body));
        if (outcome.ok) await reloadBookings();
        return outcome;
      },

      resetAdmin: () => {
        stopsQuery = null;
        bookingQuery = null;
        set({ ...empty });
      },
    };
  };
}
