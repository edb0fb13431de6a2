import type { Role } from '@etapiste/shared';
import type { EtapisteServer } from '../server.ts';
import { loginBooth, loginStaff } from './test-server.ts';

/** One caller of the role × action matrix; `token` null = anonymous. */
export interface TestPrincipal {
  name: string;
  role: Role | null;
  agencyId: string | null;
  token: string | null;
}

/**
 * Every kind of caller, logged in on the demo data: the Kallio booth, an expert of each
 * agency (Kela and Vero, for agency scoping), the interpreter, the Kallio host staff, the Kela
 * supervisor, the admin, and anonymous.
 */
export async function loginEveryPrincipal(server: EtapisteServer): Promise<TestPrincipal[]> {
  const staff = async (name: string, username: string): Promise<TestPrincipal> => {
    const login = await loginStaff(server, username);
    return { name, role: login.principal.role, agencyId: login.principal.agencyId, token: login.token };
  };
  const booth = await loginBooth(server);
  return [
    { name: 'booth (Kallio)', role: 'booth', agencyId: null, token: booth.token },
    await staff('expert (Kela)', 'expert.kela'),
    await staff('expert (Vero)', 'expert.vero'),
    await staff('interpreter', 'interpreter.demo'),
    await staff('host staff (Kallio)', 'host.kallio'),
    await staff('supervisor (Kela)', 'supervisor.kela'),
    await staff('admin', 'admin'),
    { name: 'anonymous', role: null, agencyId: null, token: null },
  ];
}
