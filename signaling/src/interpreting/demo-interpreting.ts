import { hashPassword } from '../auth/passwords.ts';
import type { Storage } from '../storage/repositories.ts';

/**
 * Demo interpreting: two providers, Kela contracts one and Vero the other; three interpreters
 * (two of Kela's provider, with Finnish Sign Language among their skills, and one of Vero's).
 */
export const demoInterpreters = [
  {
    id: 'u-interpreter',
    username: 'interpreter.demo',
    displayName: 'Interpreter (demo)',
    providerId: 'prov-viittoen',
    skills: [
      { modality: 'signLanguage', language: 'fse' },
      { modality: 'speechToText', language: 'fi' },
      { modality: 'spoken', language: 'ar' },
    ],
  },
  {
    id: 'u-interpreter-2',
    username: 'interpreter2.demo',
    displayName: 'Interpreter 2 (demo)',
    providerId: 'prov-viittoen',
    skills: [
      { modality: 'signLanguage', language: 'fse' },
      { modality: 'signLanguage', language: 'fss' },
    ],
  },
  {
    id: 'u-interpreter-3',
    username: 'interpreter3.demo',
    displayName: 'Interpreter 3 (demo, no Kela contract)',
    providerId: 'prov-kielisilta',
    skills: [
      { modality: 'signLanguage', language: 'fse' },
      { modality: 'spoken', language: 'ar' },
      { modality: 'spoken', language: 'so' },
    ],
  },
] as const;

export async function seedDemoInterpreting(storage: Storage, passwordHash: string | null = null): Promise<void> {
  const { interpreting, catalogue } = storage;
  if ((await interpreting.listProviders()).length > 0) return; // seeded before: keep what the admins changed
  await interpreting.saveProvider({ id: 'prov-viittoen', name: 'Viittoen Tulkkauspalvelut Oy' });
  await interpreting.saveProvider({ id: 'prov-kielisilta', name: 'Kielisilta Ab' });
  await interpreting.saveContract({ agencyId: 'kela', providerId: 'prov-viittoen' });
  await interpreting.saveContract({ agencyId: 'vero', providerId: 'prov-kielisilta' });
  const hash = passwordHash ?? (await hashPassword('etapiste-demo'));
  for (const interpreter of demoInterpreters) {
    if (!(await catalogue.findStaffByUsername(interpreter.username))) {
      await catalogue.upsertStaffUser({
        id: interpreter.id,
        username: interpreter.username,
        passwordHash: hash,
        role: 'interpreter',
        displayName: interpreter.displayName,
        agencyId: null,
        servicePointId: null,
        active: true,
      });
    }
    await interpreting.saveInterpreter({ interpreterId: interpreter.id, providerId: interpreter.providerId, skills: interpreter.skills.map((skill) => ({ ...skill })) });
  }
}
