import {
  ErrorCode,
  EtapisteError,
  type FeedbackTextsReport,
  type InterpretingReport,
  type LocalDate,
  type StatisticsFormat,
  type StatisticsGroupBy,
  type VisitsReport,
} from '@etapiste/shared';
import type { StateCreator } from 'zustand';
import { storedToken } from '../admin/admin-api.ts';
import { createStatsApi, type VisitsParams } from '../stats/stats-api.ts';
import { daysBetween, finnishToday, shiftDate } from '../stats/stats-dates.ts';
import type { AgentState } from './types.ts';

/** What the statistics screen asks for. */
export interface StatsFilters {
  from: LocalDate;
  to: LocalDate;
  /** One or two groupings of the results table. */
  groupBy: StatisticsGroupBy[];
  /** Admins only: one agency or all (supervisors always see their own). */
  agencyId: string | null;
  servicePointId: string | null;
}

export type StatsStatus = 'idle' | 'loading' | 'ready' | 'failed';
export type StatsDownload = { ok: true; fileName: string } | { ok: false; error: EtapisteError };

/** The statistics area of supervisors (own agency) and admins: reports, charts, feedback texts, downloads. */
export interface StatsSlice {
  /** The statistics area is shown instead of an admin screen. */
  statsOpen: boolean;
  openStats: (open: boolean) => void;
  statsFilters: StatsFilters;
  setStatsFilters: (change: Partial<StatsFilters>) => void;
  statsStatus: StatsStatus;
  statsError: EtapisteError | null;
  /** The results table (the filters' grouping). */
  statsReport: VisitsReport | null;
  /** Visits by weekday and hour, for the chart. */
  statsHours: VisitsReport | null;
  /** Waiting time by day (or by week over long periods), for the trend chart. */
  statsWait: VisitsReport | null;
  /** Interpreter answer times by interpreting language. */
  statsInterpreting: InterpretingReport | null;
  statsTexts: FeedbackTextsReport | null;
  /** Loads the table, the charts and the feedback texts for the filters. */
  runStats: () => Promise<void>;
  /** Downloads the results table of the last run as CSV or JSON. */
  downloadStats: (format: StatisticsFormat) => Promise<StatsDownload>;
  resetStats: () => void;
}

/** Over this many days the waiting-time trend is by week instead of by day. */
const dailyTrendMaxDays = 62;

const defaultFilters = (): StatsFilters => {
  const to = finnishToday();
  return { from: shiftDate(to, -29), to, groupBy: ['servicePoint'], agencyId: null, servicePointId: null };
};

const empty = {
  statsStatus: 'idle',
  statsError: null,
  statsReport: null,
  statsHours: null,
  statsWait: null,
  statsInterpreting: null,
  statsTexts: null,
} satisfies Partial<StatsSlice>;

const asError = (error: unknown): EtapisteError =>
  error instanceof EtapisteError ? error : new EtapisteError(ErrorCode.Internal, String(error));
const valueOf = <T>(result: PromiseSettledResult<T>): T | null => (result.status === 'fulfilled' ? result.value : null);

/** `loginStorageKey`: where the staff login keeps its token (the REST calls send it). */
export function createStatsSlice(loginStorageKey: string): StateCreator<AgentState, [], [], StatsSlice> {
  return (set, get) => {
    const api = createStatsApi(() => storedToken(loginStorageKey));
    let run = 0;
    /** The query of the table on screen: downloads export exactly it. */
    let shown: VisitsParams | null = null;

    return {
      ...empty,
      statsOpen: false,
      openStats: (statsOpen) => set({ statsOpen }),
      statsFilters: defaultFilters(),
      setStatsFilters: (change) => set({ statsFilters: { ...get().statsFilters, ...change } }),

      runStats: async () => {
        const mine = ++run;
        const { from, to, groupBy, agencyId, servicePointId } = get().statsFilters;
        // Supervisors: the server applies their own agency whatever is asked.
        const agency = get().principal?.role === 'admin' ? (agencyId ?? undefined) : undefined;
        const point = servicePointId ?? undefined;
        const params: VisitsParams = { from, to, groupBy, agencyId: agency, servicePointId: point };
        const trend: StatisticsGroupBy = daysBetween(from, to) > dailyTrendMaxDays ? 'week' : 'day';
        set({ statsStatus: 'loading', statsError: null });
        const [table, hours, wait, interpreting, texts] = await Promise.allSettled([
          api.visits(params),
          api.visits({ ...params, groupBy: ['weekday', 'hour'] }),
          api.visits({ ...params, groupBy: [trend] }),
          api.interpreting({ from, to, groupBy: ['language'], agencyId: agency }),
          api.feedbackTexts({ from, to, agencyId: agency, servicePointId: point }),
        ]);
        if (mine !== run) return;
        for (const result of [hours, wait, interpreting, texts]) {
          if (result.status === 'rejected') console.warn('statistics request failed', result.reason);
        }
        if (table.status === 'rejected') {
          shown = null;
          set({ ...empty, statsStatus: 'failed', statsError: asError(table.reason) });
          return;
        }
        shown = params;
        set({
          statsStatus: 'ready',
          statsReport: table.value,
          statsHours: valueOf(hours),
          statsWait: valueOf(wait),
          statsInterpreting: valueOf(interpreting),
          statsTexts: valueOf(texts),
        });
      },

      downloadStats: async (format) => {
        if (!shown) return { ok: false, error: new EtapisteError(ErrorCode.ValidationFailed, 'run the report first') };
        try {
          return { ok: true, fileName: await api.download('visits', shown, format) };
        } catch (error) {
          console.error('statistics download failed', error);
          return { ok: false, error: asError(error) };
        }
      },

      resetStats: () => {
        run++;
        shown = null;
        set({ ...empty, statsOpen: false, statsFilters: defaultFilters() });
      },
    };
  };
}
