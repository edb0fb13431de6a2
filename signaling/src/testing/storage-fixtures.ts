import type { Agency, Booking, QueueTicket, Service, ServicePointDetails } from '@etapiste/shared';
import { defaultQueuePolicy } from '@etapiste/shared';
import type { OutboxMessage, ServiceSessionRecord, Storage } from '../storage/repositories.ts';

/** A small catalogue for storage tests: three agencies, two points (S and XS), booths, a stop. */
export const T0 = Date.UTC(2025, 2, 3, 8, 0, 0);
export const DAY = '2025-03-03';
export const NEXT_DAY = '2025-03-04';

const text = (fi: string) => ({ fi, sv: `${fi} (sv)`, en: `${fi} (en)` });

export const agencies: Agency[] = [
  { id: 'kela', code: 'KELA', name: text('Kela') },
  { id: 'vero', code: 'VERO', name: text('Verohallinto') },
  { id: 'dvv', code: 'DVV', name: text('Digi- ja väestötietovirasto') },
];

export const services: Service[] = [
  { id: 'kela-general', agencyId: 'kela', name: text('Yleinen asiointi'), remoteCapable: true, notRemoteInstructions: null },
  { id: 'kela-housing', agencyId: 'kela', name: text('Asumistuki'), remoteCapable: true, notRemoteInstructions: null },
  { id: 'vero-tax-card', agencyId: 'vero', name: text('Verokortti'), remoteCapable: true, notRemoteInstructions: null },
  {
    id: 'dvv-id',
    agencyId: 'dvv',
    name: text('Henkilökortti'),
    remoteCapable: false,
    notRemoteInstructions: text('Asioi poliisin palvelupisteessä'),
  },
];

export const roomPoint: ServicePointDetails = {
  id: 'p-room',
  kind: 'S',
  name: text('Pyhäjärven asiointipiste'),
  municipality: 'Pyhäjärvi',
  region: 'Pohjois-Pohjanmaa',
  address: 'Kirkkokatu 1, 86800 Pyhäjärvi',
  hostOrganisation: { name: 'Pyhäjärven kunta', address: 'Kirkkokatu 1' },
  openingHours: [
    { weekday: 1, from: '09:00', to: '15:00' },
    { weekday: 3, from: '12:00', to: '18:00' },
  ],
  exceptions: [
    { date: '2025-12-24', closed: true, from: null, to: null, note: 'Jouluaatto' },
    { date: '2025-04-17', closed: false, from: '09:00', to: '12:00', note: null },
  ],
  queuePolicy: { noShowGraceSeconds: 120, checkInEarlyMinutes: 20, checkInLateMinutes: 5 },
  agencyGraceSeconds: [{ agencyId: 'vero', noShowGraceSeconds: 180 }],
  agencyIds: ['vero', 'kela'],
};

export const busPoint: ServicePointDetails = {
  id: 'p-bus',
  kind: 'XS',
  name: text('Asiointiauto'),
  municipality: 'Kuusamo',
  region: 'Pohjois-Pohjanmaa',
  address: '',
  hostOrganisation: null,
  openingHours: [],
  exceptions: [],
  queuePolicy: defaultQueuePolicy,
  agencyGraceSeconds: [],
  agencyIds: ['kela'],
};

export async function seedCatalogue(storage: Storage): Promise<void> {
  for (const agency of agencies) await storage.catalogue.upsertAgency(agency);
  for (const service of services) await storage.catalogue.upsertService(service);
  await storage.catalogue.saveServicePoint(roomPoint);
  await storage.catalogue.saveServicePoint(busPoint);
  await storage.catalogue.upsertBooth({ id: 'booth-1', servicePointId: 'p-room', label: 'Koppi 1' }, 'hash-1');
  await storage.catalogue.upsertBooth({ id: 'booth-2', servicePointId: 'p-room', label: 'Koppi 2' }, 'hash-2');
}

export type TicketDraft = Omit<QueueTicket, 'ticketId' | 'number'> & { number?: string };

export const ticketDraft = (overrides: Partial<TicketDraft> = {}): TicketDraft => ({
  visitId: 'v_1',
  servicePointId: 'p-room',
  agencyId: 'kela',
  serviceId: 'kela-general',
  language: 'fi',
  priority: 'normal',
  status: 'waiting',
  issuedAt: T0,
  queuedAt: T0,
  calledAt: null,
  boothId: 'booth-1',
  expertId: null,
  bookingId: null,
  sessionId: null,
  interpreterNeed: null,
  ...overrides,
});

export const bookingDraft = (overrides: Partial<Omit<Booking, 'bookingId' | 'code'>> = {}): Omit<Booking, 'bookingId' | 'code'> => ({
  agencyId: 'kela',
  serviceId: 'kela-general',
  servicePointId: 'p-room',
  stopId: null,
  date: DAY,
  from: '10:00',
  to: '10:30',
  startsAt: T0 + 2 * 3600_000,
  language: 'sv',
  status: 'booked',
  createdBy: 'staff-1',
  createdAt: T0,
  interpreterNeed: null,
  interpreterId: null,
  ...overrides,
});

export const sessionRecord = (overrides: Partial<ServiceSessionRecord> = {}): ServiceSessionRecord => ({
  sessionId: 's_1',
  visitId: 'v_1',
  ticketId: null,
  agencyId: 'kela',
  serviceId: 'kela-general',
  servicePointId: 'p-room',
  boothId: 'booth-1',
  expertId: null,
  language: 'fi',
  status: 'waiting',
  createdAt: T0,
  startedAt: null,
  endedAt: null,
  endReason: null,
  previousSessionId: null,
  ...overrides,
});

export const outboxDraft = (
  bookingId: string,
  overrides: Partial<Omit<OutboxMessage, 'messageId' | 'createdAt' | 'sentAt'>> = {},
): Omit<OutboxMessage, 'messageId' | 'createdAt' | 'sentAt'> => ({
  kind: 'bookingReminder',
  bookingId,
  dueAt: T0,
  payload: { code: '123456', nested: { list: [1, 2, 3] }, text: 'Åland' },
  ...overrides,
});
