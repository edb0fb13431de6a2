import type { CatalogueSnapshot, LocalDate, ServicePointDetails } from '@etapiste/shared';
import { useShallow } from 'zustand/react/shallow';
import { useAgentStore } from '../store/index.ts';

/** Today in Finland, "YYYY-MM-DD". */
export function todayInFinland(now = new Date()): LocalDate {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(now);
}

export { addDays } from '@etapiste/shared';

const emptyCatalogue: CatalogueSnapshot = { agencies: [], services: [], servicePoints: [] };

/** The catalogue (empty until loaded) and whether this user may change it (admins only). */
export function useCatalogue(): { catalogue: CatalogueSnapshot; readOnly: boolean } {
  return useAgentStore(
    useShallow((state) => ({ catalogue: state.adminCatalogue ?? emptyCatalogue, readOnly: state.principal?.role !== 'admin' })),
  );
}

/** The point the timetable, windows, policy and bookings screens work on. */
export function useSelectedPoint(): ServicePointDetails | null {
  return useAgentStore((state) => state.adminCatalogue?.servicePoints.find((point) => point.id === state.adminPointId) ?? null);
}

const locales = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;

/** "ke 5.3.2031" / "Wed 05/03/2031": a calendar date with its weekday, in the UI language. */
export function formatDate(date: LocalDate, language: keyof typeof locales): string {
  return new Intl.DateTimeFormat(locales[language], { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
