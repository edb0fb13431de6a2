import express, { type Request, type Response } from 'express';
import {
  CreateInterpreterRequest,
  ErrorCode,
  EtapisteError,
  Id,
  InterpreterContract,
  SaveProviderRequest,
  UpdateInterpreterRequest,
  type InterpretingCatalogue,
  type Role,
} from '@etapiste/shared';
import { newId, parseWith, pathId, resolveId } from '../admin/admin-rules.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { TokenService } from '../auth/tokens.ts';
import { allow } from '../security/route-policy.ts';
import type { Storage } from '../storage/repositories.ts';

const readers: readonly Role[] = ['admin', 'supervisor'];
const writers: readonly Role[] = ['admin'];

/**
 * Interpreting administration, mounted at `/api/admin/interpreting`: interpreter providers,
 * which agency has a contract with which provider, interpreters (their provider, skills and
 * staff account). Admins write; supervisors read.
 */
export function interpretingAdminRouter(deps: { storage: Storage; tokens: TokenService }): express.Router {
  const { storage, tokens } = deps;
  const router = express.Router();
  router.use(express.json({ limit: '64kb' }));
  const only = (roles: readonly Role[]) => allow(tokens, roles);

  router.get('/', only(readers), async (_request, response) => {
    const accounts = await storage.interpreting.interpreterAccounts();
    const withAccounts = (await storage.interpreting.listInterpreters({ includeInactive: true })).map((interpreter) => ({ ...interpreter, ...accountOf(accounts, interpreter.interpreterId) }));
    const catalogue: InterpretingCatalogue = {
      providers: await storage.interpreting.listProviders(),
      contracts: await storage.interpreting.listContracts(),
      interpreters: withAccounts,
    };
    response.json(catalogue);
  });

  const saveProvider = async (request: Request, response: Response, existingId: string | null) => {
    const body = parseWith(SaveProviderRequest, request.body);
    const id = resolveId(existingId, body.id, 'prov');
    const exists = (await storage.interpreting.listProviders()).some((provider) => provider.id === id);
    if (existingId && !exists) throw new EtapisteError(ErrorCode.NotFound, 'no such provider');
    if (!existingId && exists) throw new EtapisteError(ErrorCode.Conflict, 'a provider with this id exists');
    const provider = { id, name: body.name };
    await storage.interpreting.saveProvider(provider);
    response.status(existingId ? 200 : 201).json(provider);
  };
  router.post('/providers', only(writers), (request, response) => saveProvider(request, response, null));
  router.put('/providers/:id', only(writers), (request, response) => saveProvider(request, response, pathId(request)));

  router.post('/contracts', only(writers), async (request, response) => {
    const contract = parseWith(InterpreterContract, request.body);
    if (!(await storage.catalogue.getAgency(contract.agencyId))) throw new EtapisteError(ErrorCode.NotFound, 'no such agency');
    if (!(await storage.interpreting.listProviders()).some((provider) => provider.id === contract.providerId)) {
      throw new EtapisteError(ErrorCode.NotFound, 'no such provider');
    }
    await storage.interpreting.saveContract(contract);
    response.status(201).json(contract);
  });
  router.delete('/contracts/:agencyId/:providerId', only(writers), async (request, response) => {
    const contract = { agencyId: pathId(request, 'agencyId'), providerId: pathId(request, 'providerId') };
    if (!(await storage.interpreting.deleteContract(contract))) throw new EtapisteError(ErrorCode.NotFound, 'no such contract');
    response.status(204).end();
  });

  router.post('/interpreters', only(writers), async (request, response) => {
    const body = parseWith(CreateInterpreterRequest, request.body);
    if (await storage.catalogue.findStaffByUsername(body.username)) throw new EtapisteError(ErrorCode.Conflict, 'the username is taken');
    await requireProvider(storage, body.providerId);
    const id = newId('u');
    await storage.catalogue.upsertStaffUser({
      id,
      username: body.username,
      passwordHash: await hashPassword(body.password),
      role: 'interpreter',
      displayName: body.displayName,
      agencyId: null,
      servicePointId: null,
      active: true,
    });
    await storage.interpreting.saveInterpreter({ interpreterId: id, providerId: body.providerId, skills: body.skills });
    response.status(201).json({ ...(await storage.interpreting.getInterpreter(id)), username: body.username, active: true });
  });

  router.put('/interpreters/:id', only(writers), async (request, response) => {
    const id = parseWith(Id, request.params.id, 'path parameter id');
    const body = parseWith(UpdateInterpreterRequest, request.body);
    const current = await storage.interpreting.getInterpreter(id);
    if (!current) throw new EtapisteError(ErrorCode.NotFound, 'no such interpreter');
    if (body.providerId) await requireProvider(storage, body.providerId);
    await storage.interpreting.saveInterpreter({ interpreterId: id, providerId: body.providerId ?? current.providerId, skills: body.skills ?? current.skills });
    await storage.interpreting.updateInterpreterAccount(id, { ...(body.displayName !== undefined ? { displayName: body.displayName } : {}), ...(body.active !== undefined ? { active: body.active } : {}) });
    response.json({ ...(await storage.interpreting.getInterpreter(id)), ...accountOf(await storage.interpreting.interpreterAccounts(), id) });
  });
  return router;
}

const accountOf = (accounts: Map<string, { username: string; active: boolean }>, id: string) => accounts.get(id) ?? { username: '', active: false };

async function requireProvider(storage: Storage, providerId: string): Promise<void> {
  if (!(await storage.interpreting.listProviders()).some((provider) => provider.id === providerId)) {
    throw new EtapisteError(ErrorCode.ValidationFailed, 'no such provider', [{ path: 'providerId', message: 'no such provider' }]);
  }
}
