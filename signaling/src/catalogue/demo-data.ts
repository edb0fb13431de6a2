import { seedDemoInterpreting } from '../interpreting/demo-interpreting.ts';
import { defaultQueuePolicy, type ServicePointDetails } from '@etapiste/shared';
import { hashPassword } from '../auth/passwords.ts';
import { hashDeviceToken } from '../auth/tokens.ts';
import type { Storage } from '../storage/repositories.ts';
import { addDays, localDateOf } from '../time/helsinki-time.ts';

/** Demo password of every demo staff account (printed at start in demo mode). */
export const DEMO_PASSWORD = 'etapiste-demo';

/** Fixed demo device tokens, so the printed kiosk URLs stay valid across restarts. */
export const demoBooths = [
  { id: 'booth-kallio-1', servicePointId: 'sp-kallio-library', label: 'Kallio library, room 1', deviceToken: 'demo-booth-kallio-library-0001' },
  { id: 'booth-bus-1', servicePointId: 'sp-lapland-bus', label: 'Lapland service bus', deviceToken: 'demo-booth-lapland-servicebus-01' },
] as const;

export const demoStaff = [
  { id: 'u-expert-kela', username: 'expert.kela', role: 'expert', displayName: 'Kela expert (demo)', agencyId: 'kela', servicePointId: null },
  { id: 'u-expert-kela-2', username: 'expert2.kela', role: 'expert', displayName: 'Kela expert 2 (demo)', agencyId: 'kela', servicePointId: null },
  { id: 'u-expert-vero', username: 'expert.vero', role: 'expert', displayName: 'Vero expert (demo)', agencyId: 'vero', servicePointId: null },
  { id: 'u-supervisor-kela', username: 'supervisor.kela', role: 'supervisor', displayName: 'Kela supervisor (demo)', agencyId: 'kela', servicePointId: null },
  { id: 'u-admin', username: 'admin', role: 'admin', displayName: 'National administrator (demo)', agencyId: null, servicePointId: null },
  { id: 'u-interpreter', username: 'interpreter.demo', role: 'interpreter', displayName: 'Interpreter (demo)', agencyId: null, servicePointId: null },
  { id: 'u-host-kallio', username: 'host.kallio', role: 'hostStaff', displayName: 'Kallio library staff (demo)', agencyId: null, servicePointId: 'sp-kallio-library' },
] as const;

export interface DemoOptions {
  /** Tests: the library is open around the clock and the bus stands at its stop all day today. */
  alwaysOpen?: boolean;
}

/**
 * Two agencies with services, an S room in a library (opening hours, a holiday, walk-in and
 * bookable windows) and an XS service bus (a week of stops with windows), booths and staff.
 */
export async function seedDemoData(storage: Storage, options: DemoOptions = {}): Promise<void> {
  const { catalogue } = storage;
  if (await catalogue.getAgency('kela')) {
    // Seeded before: keep what the admins changed; add what later versions brought.
    await seedDemoInterpreting(storage);
    return;
  }
  await catalogue.upsertAgency({ id: 'kela', code: 'KELA', name: { fi: 'Kela', sv: 'FPA', en: 'Kela (Social Insurance Institution)' } });
  await catalogue.upsertAgency({ id: 'vero', code: 'VERO', name: { fi: 'Verohallinto', sv: 'Skatteförvaltningen', en: 'Finnish Tax Administration' } });
  await catalogue.upsertService({
    id: 'kela-housing-allowance',
    agencyId: 'kela',
    name: { fi: 'Asumistuki', sv: 'Bostadsbidrag', en: 'Housing allowance' },
    remoteCapable: true,
    notRemoteInstructions: null,
  });
  await catalogue.upsertService({
    id: 'vero-tax-card',
    agencyId: 'vero',
    name: { fi: 'Verokortti', sv: 'Skattekort', en: 'Tax card' },
    remoteCapable: true,
    notRemoteInstructions: null,
  });
  await catalogue.upsertService({
    id: 'vero-new-taxpayer-id',
    agencyId: 'vero',
    name: { fi: 'Verotunnisteen tunnistautuminen', sv: 'Identifiering för skattenummer', en: 'Identification for a tax number' },
    remoteCapable: false,
    notRemoteInstructions: {
      fi: 'Verotoimisto, varaa aika osoitteessa vero.fi',
      sv: 'Skattebyrån, boka tid på vero.fi',
      en: 'A tax office; book an appointment at vero.fi',
    },
  });
  const weekdays = [1, 2, 3, 4, 5];
  const library: ServicePointDetails = {
    id: 'sp-kallio-library',
    kind: 'S',
    name: { fi: 'Kallion kirjasto', sv: 'Berghälls bibliotek', en: 'Kallio Library' },
    municipality: 'Helsinki',
    region: 'Uusimaa',
    address: 'Viides linja 11, 00530 Helsinki',
    hostOrganisation: { name: 'Helsingin kaupunginkirjasto', address: 'Viides linja 11, 00530 Helsinki' },
    openingHours: options.alwaysOpen
      ? [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '00:00', to: '23:59' }))
      : [...weekdays.map((weekday) => ({ weekday, from: '08:00', to: '20:00' })), { weekday: 6, from: '10:00', to: '16:00' }],
    exceptions: options.alwaysOpen ? [] : [{ date: '2026-12-24', closed: true, from: null, to: null, note: 'Christmas Eve' }],
    queuePolicy: defaultQueuePolicy,
    agencyGraceSeconds: [],
    agencyIds: ['kela', 'vero'],
  };
  await catalogue.saveServicePoint(library);
  await catalogue.saveServicePoint({
    id: 'sp-lapland-bus',
    kind: 'XS',
    name: { fi: 'Lapin palvelubussi', sv: 'Lapplands servicebuss', en: 'Lapland service bus' },
    municipality: 'Sodankylä',
    region: 'Lappi',
    address: '',
    hostOrganisation: null,
    openingHours: [],
    exceptions: [],
    queuePolicy: defaultQueuePolicy,
    agencyGraceSeconds: [],
    agencyIds: ['kela', 'vero'],
  });
  for (const agencyId of ['kela', 'vero']) {
    for (const weekday of [1, 2, 3, 4, 5, 6, 7]) {
      const [from, to] = options.alwaysOpen ? ['00:00', '23:59'] : weekday <= 5 ? ['09:00', '12:00'] : ['', ''];
      if (from) {
        await catalogue.saveWindow({ id: `w-kallio-${agencyId}-${weekday}-walkin`, servicePointId: 'sp-kallio-library', agencyId, kind: 'walkIn', weekday, date: null, stopId: null, from, to, slotMinutes: 30 });
      }
      if (weekday <= 5) {
        await catalogue.saveWindow({ id: `w-kallio-${agencyId}-${weekday}-booking`, servicePointId: 'sp-kallio-library', agencyId, kind: 'bookable', weekday, date: null, stopId: null, from: '12:00', to: '16:00', slotMinutes: 30 });
      }
    }
  }
  // A week of stops: today at the market square all day (so the demo bus always has a stop to
  // try), then the villages. Kela takes bookings in the morning and walk-ins after; Vero walk-ins.
  const today = localDateOf(Date.now());
  const places = ['Sodankylä, market square', 'Vuotso, village shop', 'Kittilä, health centre'];
  for (let day = 0; day < 7; day++) {
    const stopId = `st-bus-${day}`;
    const allDay = day === 0;
    const [from, to] = allDay ? ['00:00', '23:59'] : ['09:00', '15:00'];
    const [kelaBookable, kelaWalkIn] = allDay ? [[from, to], [from, to]] : [['09:00', '12:00'], ['12:00', '15:00']];
    await catalogue.saveStop({ id: stopId, servicePointId: 'sp-lapland-bus', place: places[day % places.length]!, date: addDays(today, day), from, to });
    await catalogue.saveWindow({ id: `w-bus-kela-${day}`, servicePointId: 'sp-lapland-bus', agencyId: 'kela', kind: 'bookable', weekday: null, date: null, stopId, from: kelaBookable![0]!, to: kelaBookable![1]!, slotMinutes: 30 });
    await catalogue.saveWindow({ id: `w-bus-kela-${day}-walkin`, servicePointId: 'sp-lapland-bus', agencyId: 'kela', kind: 'walkIn', weekday: null, date: null, stopId, from: kelaWalkIn![0]!, to: kelaWalkIn![1]!, slotMinutes: 30 });
    await catalogue.saveWindow({ id: `w-bus-vero-${day}`, servicePointId: 'sp-lapland-bus', agencyId: 'vero', kind: 'walkIn', weekday: null, date: null, stopId, from, to, slotMinutes: 30 });
  }
  for (const booth of demoBooths) {
    await catalogue.upsertBooth({ id: booth.id, servicePointId: booth.servicePointId, label: booth.label }, hashDeviceToken(booth.deviceToken));
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of demoStaff) await catalogue.upsertStaffUser({ ...user, passwordHash, active: true });
  await seedDemoInterpreting(storage, passwordHash);
}
