import {
  ErrorCode,
  errorCodes,
  EtapisteError,
  statisticsSearchParams,
  type FeedbackTextsReport,
  type InterpretingGroupBy,
  type InterpretingReport,
  type LocalDate,
  type StatisticsFormat,
  type StatisticsGroupBy,
  type VisitsReport,
} from '@etapiste/shared';

/** `GET /api/statistics/visits` parameters (a supervisor's own agency is applied by the server). */
export interface VisitsParams {
  from: LocalDate;
  to: LocalDate;
  groupBy: readonly StatisticsGroupBy[];
  agencyId?: string | undefined;
  servicePointId?: string | undefined;
}
export interface InterpretingParams {
  from: LocalDate;
  to: LocalDate;
  groupBy: readonly InterpretingGroupBy[];
  agencyId?: string | undefined;
}
export interface FeedbackTextsParams {
  from: LocalDate;
  to: LocalDate;
  agencyId?: string | undefined;
  servicePointId?: string | undefined;
}

type Report = 'visits' | 'interpreting' | 'feedback-texts';

/** The address of a statistics report with its query string. */
export function statisticsPath(report: Report, params: object, format: StatisticsFormat = 'json'): string {
  const query = statisticsSearchParams({ ...(params as Record<string, string | readonly string[] | undefined>), format });
  return `/api/statistics/${report}?${query}`;
}

/** The statistics REST API of the signalling server, with the staff member's token. */
export function createStatsApi(token: () => string | null) {
  async function request(path: string): Promise<Response> {
    const headers: Record<string, string> = {};
    const current = token();
    if (current) headers.authorization = `Bearer ${current}`;
    let response: Response;
    try {
      response = await fetch(path, { headers });
    } catch {
      throw new EtapisteError(ErrorCode.ConnectionClosed, 'server unreachable');
    }
    if (!response.ok) {
      const json: unknown = await response.json().catch(() => null);
      const error = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
      const code = errorCodes.includes(error?.code as ErrorCode) ? (error?.code as ErrorCode) : ErrorCode.Internal;
      throw new EtapisteError(code, error?.message ?? `HTTP ${response.status}`, error?.details);
    }
    return response;
  }
  const json = async <T>(path: string): Promise<T> => (await (await request(path)).json()) as T;

  return {
    visits: (params: VisitsParams) => json<VisitsReport>(statisticsPath('visits', params)),
    interpreting: (params: InterpretingParams) => json<InterpretingReport>(statisticsPath('interpreting', params)),
    feedbackTexts: (params: FeedbackTextsParams) => json<FeedbackTextsReport>(statisticsPath('feedback-texts', params)),
    /**
     * Downloads a report as a file (the request needs the token, so a plain link cannot do it):
     * fetched as a blob and saved under the server's file name.
     */
    download: async (report: Report, params: object, format: StatisticsFormat): Promise<string> => {
      const response = await request(statisticsPath(report, params, format));
      const blob = await response.blob();
      const name = fileNameOf(response.headers.get('content-disposition')) ?? `etapiste-${report}.${format}`;
      saveBlob(blob, name);
      return name;
    },
  };
}

export type StatsApi = ReturnType<typeof createStatsApi>;

/** The file name of a `Content-Disposition: attachment; filename="…"` header. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // fall back to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
