import { Language, type CatalogueSnapshot, type GroupKeyValue, type LocalDate, type StatisticsGroupBy, type VisitFigure } from '@etapiste/shared';
import type { MessageKey, Translate } from '@etapiste/shared/i18n';

export const locales = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;
type UiLanguage = keyof typeof locales;

/** The groupings offered in the filters, in this order. */
export const groupings: readonly StatisticsGroupBy[] = [
  'servicePoint',
  'agency',
  'service',
  'region',
  'municipality',
  'stop',
  'day',
  'week',
  'month',
  'weekday',
  'hour',
  'channel',
  'language',
];

/** The figures of the results table (the downloads have all of them). */
export const tableFigures: readonly VisitFigure[] = [
  'visits',
  'served',
  'walkIn',
  'booked',
  'noShows',
  'transfers',
  'waitMedianMin',
  'waitP90Min',
  'serviceMedianMin',
  'feedbackCount',
  'cesMean',
  'csatMean',
  'npsScore',
  'interpreterRequests',
  'interpreterMinutes',
];

/** Counts are whole numbers; means and minutes get one decimal, in the UI language's style. */
export function formatNumber(value: number, language: UiLanguage): string {
  return new Intl.NumberFormat(locales[language], { maximumFractionDigits: 1 }).format(value);
}

export function formatDay(date: LocalDate, language: UiLanguage): string {
  return new Intl.DateTimeFormat(locales[language], { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** "10–11": the hour of day as a span. */
export const hourSpan = (hour: number) => `${String(hour).padStart(2, '0')}–${String((hour + 1) % 24).padStart(2, '0')}`;

export function weekdayName(weekday: number, t: Translate): string {
  return weekday >= 1 && weekday <= 7 ? t(`admin.weekday.${weekday}` as MessageKey) : String(weekday);
}

/** The name of an interpreting language code ("ar", "fse") in the UI language, or the code. */
export function interpretingLanguageName(code: string | null, language: UiLanguage, t: Translate): string {
  if (!code) return t('stats.unknown');
  try {
    const name = new Intl.DisplayNames([locales[language]], { type: 'language', fallback: 'none' }).of(code);
    return name ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** A group key value as people read it: names instead of ids, weekdays and hours in words. */
export function keyLabel(
  grouping: StatisticsGroupBy,
  value: GroupKeyValue | undefined,
  context: { catalogue: CatalogueSnapshot | null; language: UiLanguage; t: Translate },
): string {
  const { catalogue, language, t } = context;
  if (value === null || value === undefined) return grouping === 'stop' ? t('stats.noStop') : t('stats.unknown');
  const text = String(value);
  switch (grouping) {
    case 'agency':
      return catalogue?.agencies.find((agency) => agency.id === text)?.name[language] ?? text;
    case 'service':
      return catalogue?.services.find((service) => service.id === text)?.name[language] ?? text;
    case 'servicePoint':
      return catalogue?.servicePoints.find((point) => point.id === text)?.name[language] ?? text;
    case 'day':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDay(text, language) : text;
    case 'weekday':
      return weekdayName(Number(value), t);
    case 'hour':
      return hourSpan(Number(value));
    case 'channel':
      return text === 'walkIn' || text === 'booked' ? t(`stats.channel.${text}`) : text;
    case 'language': {
      const parsed = Language.safeParse(text);
      return parsed.success ? t(`language.${parsed.data}`) : text;
    }
    default:
      return text;
  }
}

/** A stable test id part for a row: its key values joined with "-". */
export function rowKeyId(key: Partial<Record<string, GroupKeyValue>>, groupBy: readonly string[]): string {
  return groupBy.map((grouping) => String(key[grouping] ?? 'none')).join('-');
}
