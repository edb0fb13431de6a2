import { hashPassword } from '../auth/passwords.ts';
import { hashDeviceToken } from '../auth/tokens.ts';
import type { CatalogueRepository } from '../storage/catalogue-repository.ts';

/** Demo password of every demo staff account (printed at start in demo mode). */
export const DEMO_PASSWORD = 'etapiste-demo';

/** Fixed demo device tokens, so the printed kiosk URLs stay valid across restarts. */
export const demoBooths = [
  { id: 'booth-kallio-1', servicePointId: 'sp-kallio-library', label: 'Kallio library, room 1', deviceToken: 'demo-booth-kallio-library-0001' },
  { id: 'booth-bus-1', servicePointId: 'sp-lapland-bus', label: 'Lapland service bus', deviceToken: 'demo-booth-lapland-servicebus-01' },
] as const;

export const demoStaff = [
  { id: 'u-expert-kela', username: 'expert.kela', role: 'expert', displayName: 'Kela expert (demo)', agencyId: 'kela' },
  { id: 'u-expert-vero', username: 'expert.vero', role: 'expert', displayName: 'Vero expert (demo)', agencyId: 'vero' },
  { id: 'u-supervisor-kela', username: 'supervisor.kela', role: 'supervisor', displayName: 'Kela supervisor (demo)', agencyId: 'kela' },
  { id: 'u-admin', username: 'admin', role: 'admin', displayName: 'National administrator (demo)', agencyId: null },
  { id: 'u-interpreter', username: 'interpreter.demo', role: 'interpreter', displayName: 'Interpreter (demo)', agencyId: null },
] as const;

/** Two agencies with services, an S room in a library and an XS service bus, booths and staff. */
export async function seedDemoData(repository: CatalogueRepository): Promise<void> {
  await repository.upsertAgency({ id: 'kela', code: 'KELA', name: { fi: 'Kela', sv: 'FPA', en: 'Kela (Social Insurance Institution)' } });
  await repository.upsertAgency({ id: 'vero', code: 'VERO', name: { fi: 'Verohallinto', sv: 'Skatteförvaltningen', en: 'Finnish Tax Administration' } });
  await repository.upsertService({
    id: 'kela-housing-allowance',
    agencyId: 'kela',
    name: { fi: 'Asumistuki', sv: 'Bostadsbidrag', en: 'Housing allowance' },
    remoteCapable: true,
    notRemoteInstructions: null,
  });
  await repository.upsertService({
    id: 'vero-tax-card',
    agencyId: 'vero',
    name: { fi: 'Verokortti', sv: 'Skattekort', en: 'Tax card' },
    remoteCapable: true,
    notRemoteInstructions: null,
  });
  await repository.upsertService({
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
  await repository.upsertServicePoint(
    { id: 'sp-kallio-library', kind: 'S', name: { fi: 'Kallion kirjasto', sv: 'Berghälls bibliotek', en: 'Kallio Library' }, municipality: 'Helsinki', region: 'Uusimaa' },
    ['kela', 'vero'],
  );
  await repository.upsertServicePoint(
    { id: 'sp-lapland-bus', kind: 'XS', name: { fi: 'Lapin palvelubussi', sv: 'Lapplands servicebuss', en: 'Lapland service bus' }, municipality: 'Sodankylä', region: 'Lappi' },
    ['kela', 'vero'],
  );
  for (const booth of demoBooths) {
    await repository.upsertBooth({ id: booth.id, servicePointId: booth.servicePointId, label: booth.label }, hashDeviceToken(booth.deviceToken));
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of demoStaff) {
    await repository.upsertStaffUser({ ...user, passwordHash, servicePointId: null, active: true });
  }
}
