import { demoBooths, demoStaff } from '../catalogue/demo-data.ts';
import { hashDeviceToken } from '../auth/tokens.ts';
import type { SignalingConfig } from '../config.ts';
import type { Storage } from '../storage/repositories.ts';

/** Words that mark a secret as a placeholder or demo value (e.g. coturn's `CHANGE-ME…`). */
const placeholder = /change-?me|demo|example|placeholder|default|etapiste|password|secret/i;

/** Why `secret` is not fit for production, or null. */
export function weakSecretReason(secret: string, minBytes: number): string | null {
  if (Buffer.byteLength(secret, 'utf8') < minBytes) return `shorter than ${minBytes} bytes`;
  if (placeholder.test(secret)) return 'a placeholder or demo value';
  if (new Set(secret).size < 12) return 'too few distinct characters';
  return null;
}

export class ProductionConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`refusing to start in production mode: ${problems.join('; ')}`);
    this.name = 'ProductionConfigError';
    this.problems = problems;
  }
}

/**
 * What stops a production start (`NODE_ENV=production`): secrets must come from the
 * environment and must not be demo values, and the demo data must not be seeded.
 */
export function productionConfigProblems(config: SignalingConfig, options: { demo: boolean }): string[] {
  const problems: string[] = [];
  if (options.demo) problems.push('demo data requested (--demo)');
  if (config.jwtSecretSource !== 'environment') problems.push('ETAPISTE_JWT_SECRET is not set (a generated secret is for development only)');
  else {
    const reason = weakSecretReason(config.jwtSecret.toString('utf8'), 32);
    if (reason) problems.push(`ETAPISTE_JWT_SECRET is ${reason}`);
  }
  if (config.turn) {
    const reason = weakSecretReason(config.turn.secret, 24);
    if (reason) problems.push(`ETAPISTE_TURN_SECRET is ${reason}`);
  }
  return problems;
}

/** The demo accounts or kiosks are in the database (seeded by an earlier demo start). */
export async function demoDataProblems(storage: Storage): Promise<string[]> {
  const problems: string[] = [];
  for (const booth of demoBooths) {
    if (await storage.catalogue.findBoothByTokenHash(hashDeviceToken(booth.deviceToken))) problems.push(`demo booth ${booth.id} with its public device token exists`);
  }
  for (const user of demoStaff) {
    if (await storage.catalogue.findStaffByUsername(user.username)) problems.push(`demo account ${user.username} exists`);
  }
  return problems;
}
