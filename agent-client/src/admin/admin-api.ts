import {
  ErrorCode,
  errorCodes,
  EtapisteError,
  type Agency,
  type Booking,
  type BookingSlot,
  type CatalogueSnapshot,
  type CreateStopRequest,
  type CreateStopsBatchRequest,
  type CreateStopsBatchResponse,
  type DeleteStopResponse,
  type CreateInterpreterRequest,
  type InterpreterAccount,
  type InterpreterContract,
  type InterpreterProvider,
  type InterpretingCatalogue,
  type InterpretingSkill,
  type SaveProviderRequest,
  type UpdateInterpreterRequest,
  type Language,
  type LocalDate,
  type SaveAgencyRequest,
  type SaveServicePointRequest,
  type SaveServiceRequest,
  type SaveServiceWindowRequest,
  type Service,
  type ServicePointDetails,
  type ServiceWindow,
  type Stop,
  type TimeOfDay,
} from '@etapiste/shared';

/** `POST /api/bookings` body. */
export interface CreateBookingBody {
  servicePointId: string;
  agencyId: string;
  serviceId: string;
  date: LocalDate;
  from: TimeOfDay;
  stopId: string | null;
  language: Language;
  /** The booking requires an interpreter with this skill (one is assigned automatically). */
  interpreterNeed?: InterpretingSkill | null;
}
/** `POST /api/bookings/:id/rebook` body. */
export type RebookBody = Pick<CreateBookingBody, 'date' | 'from' | 'stopId'>;
export interface BookingQuery {
  servicePointId: string;
  agencyId: string;
  date: LocalDate;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The admin and bookings REST API of the signalling server, with the staff member's token. */
export function createAdminApi(token: () => string | null) {
  async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    const current = token();
    if (current) headers.authorization = `Bearer ${current}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new EtapisteError(ErrorCode.ConnectionClosed, 'server unreachable');
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
      const code = errorCodes.includes(error?.code as ErrorCode) ? (error?.code as ErrorCode) : ErrorCode.Internal;
      throw new EtapisteError(code, error?.message ?? `HTTP ${response.status}`, error?.details);
    }
    return json as T;
  }
  const query = (params: Record<string, string | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
    const text = search.toString();
    return text ? `?${text}` : '';
  };
  const saveTo = <T>(collection: string, id: string | null, body: unknown) =>
    id ? call<T>('PUT', `/api/admin/${collection}/${encodeURIComponent(id)}`, body) : call<T>('POST', `/api/admin/${collection}`, body);

  return {
    catalogue: () => call<CatalogueSnapshot>('GET', '/api/admin/catalogue'),
    saveAgency: (body: SaveAgencyRequest, id: string | null) => saveTo<Agency>('agencies', id, body),
    saveService: (body: SaveServiceRequest, id: string | null) => saveTo<Service>('services', id, body),
    savePoint: (body: SaveServicePointRequest, id: string | null) => saveTo<ServicePointDetails>('service-points', id, body),

    stops: (pointId: string, range: { from: LocalDate; to: LocalDate }) =>
      call<Stop[]>('GET', `/api/admin/service-points/${encodeURIComponent(pointId)}/stops${query(range)}`),
    addStop: (pointId: string, body: CreateStopRequest) => call<Stop>('POST', `/api/admin/service-points/${encodeURIComponent(pointId)}/stops`, body),
    addStops: (pointId: string, body: CreateStopsBatchRequest) =>
      call<CreateStopsBatchResponse>('POST', `/api/admin/service-points/${encodeURIComponent(pointId)}/stops/batch`, body),
    deleteStop: (stopId: string) => call<DeleteStopResponse>('DELETE', `/api/admin/stops/${encodeURIComponent(stopId)}`),

    windows: (servicePointId: string) => call<ServiceWindow[]>('GET', `/api/admin/windows${query({ servicePointId })}`),
    saveWindow: (body: SaveServiceWindowRequest, id: string | null) => saveTo<ServiceWindow>('windows', id, body),
    deleteWindow: (windowId: string) => call<{ windowId: string }>('DELETE', `/api/admin/windows/${encodeURIComponent(windowId)}`),

    slots: (q: BookingQuery) => call<BookingSlot[]>('GET', `/api/bookings/slots${query({ ...q })}`),
    bookings: (q: BookingQuery) => call<Booking[]>('GET', `/api/bookings${query({ ...q })}`),
    book: (body: CreateBookingBody) => call<Booking>('POST', '/api/bookings', body),
    cancelBooking: (bookingId: string) => call<Booking>('POST', `/api/bookings/${encodeURIComponent(bookingId)}/cancel`, {}),
    rebook: (bookingId: string, body: RebookBody) => call<Booking>('POST', `/api/bookings/${encodeURIComponent(bookingId)}/rebook`, body),
    setBookingInterpreter: (bookingId: string, interpreterId: string | null) =>
      call<Booking>('PUT', `/api/bookings/${encodeURIComponent(bookingId)}/interpreter`, { interpreterId }),

    interpreting: () => call<InterpretingCatalogue>('GET', '/api/admin/interpreting'),
    saveProvider: (body: SaveProviderRequest, id: string | null) =>
      id
        ? call<InterpreterProvider>('PUT', `/api/admin/interpreting/providers/${encodeURIComponent(id)}`, body)
        : call<InterpreterProvider>('POST', '/api/admin/interpreting/providers', body),
    addContract: (contract: InterpreterContract) => call<InterpreterContract>('POST', '/api/admin/interpreting/contracts', contract),
    removeContract: ({ agencyId, providerId }: InterpreterContract) =>
      call<null>('DELETE', `/api/admin/interpreting/contracts/${encodeURIComponent(agencyId)}/${encodeURIComponent(providerId)}`),
    createInterpreter: (body: CreateInterpreterRequest) => call<InterpreterAccount>('POST', '/api/admin/interpreting/interpreters', body),
    updateInterpreter: (id: string, body: UpdateInterpreterRequest) =>
      call<InterpreterAccount>('PUT', `/api/admin/interpreting/interpreters/${encodeURIComponent(id)}`, body),
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;

/** The token the staff login keeps in sessionStorage (refreshed there before it expires). */
export function storedToken(storageKey: string): string | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as { token?: unknown } | null;
    return typeof value?.token === 'string' ? value.token : null;
  } catch {
    return null;
  }
}
