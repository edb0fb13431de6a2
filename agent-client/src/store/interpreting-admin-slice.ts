import {
  ErrorCode,
  EtapisteError,
  sameSkill,
  type Booking,
  type CreateInterpreterRequest,
  type InterpreterAccount,
  type InterpreterProvider,
  type InterpretingCatalogue,
  type InterpretingSkill,
  type SaveProviderRequest,
  type UpdateInterpreterRequest,
} from '@etapiste/shared';
import type { StateCreator } from 'zustand';
import { createAdminApi, storedToken } from '../admin/admin-api.ts';
import type { Outcome } from './admin-slice.ts';
import type { AgentState } from './types.ts';

/** Interpreting administration over REST: providers, contracts, interpreters, and a booking's interpreter. */
export interface InterpretingAdminSlice {
  interpretingCatalogue: InterpretingCatalogue | null;
  loadInterpretingCatalogue: () => Promise<Outcome<InterpretingCatalogue>>;
  saveProvider: (body: SaveProviderRequest, id: string | null) => Promise<Outcome<InterpreterProvider>>;
  setContract: (agencyId: string, providerId: string, contracted: boolean) => Promise<Outcome<boolean>>;
  createInterpreter: (body: CreateInterpreterRequest) => Promise<Outcome<InterpreterAccount>>;
  updateInterpreter: (id: string, body: UpdateInterpreterRequest) => Promise<Outcome<InterpreterAccount>>;
  setBookingInterpreter: (bookingId: string, interpreterId: string | null) => Promise<Outcome<Booking>>;
}

async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof EtapisteError) return { ok: false, error };
    return { ok: false, error: new EtapisteError(ErrorCode.Internal, String(error)) };
  }
}

/** Interpreters an agency may have: active, of a provider it has a contract with, with the skill (all skills when none is given). */
export function contractedInterpreters(catalogue: InterpretingCatalogue | null, agencyId: string, skill: InterpretingSkill | null = null): InterpreterAccount[] {
  if (!catalogue) return [];
  const providers = new Set(catalogue.contracts.filter((contract) => contract.agencyId === agencyId).map((contract) => contract.providerId));
  return catalogue.interpreters.filter(
    (interpreter) => interpreter.active && providers.has(interpreter.providerId) && (!skill || interpreter.skills.some((own) => sameSkill(own, skill))),
  );
}

/** The skills an agency can book an interpreter for. */
export function contractedSkills(catalogue: InterpretingCatalogue | null, agencyId: string): InterpretingSkill[] {
  const skills: InterpretingSkill[] = [];
  for (const interpreter of contractedInterpreters(catalogue, agencyId)) {
    for (const skill of interpreter.skills) if (!skills.some((known) => sameSkill(known, skill))) skills.push(skill);
  }
  return skills;
}

export function createInterpretingAdminSlice(loginStorageKey: string): StateCreator<AgentState, [], [], InterpretingAdminSlice> {
  return (set, get) => {
    const api = createAdminApi(() => storedToken(loginStorageKey));
    const reload = async <T>(outcome: Outcome<T>): Promise<Outcome<T>> => {
      if (outcome.ok) await get().loadInterpretingCatalogue();
      return outcome;
    };
    return {
      interpretingCatalogue: null,
      loadInterpretingCatalogue: async () => {
        const outcome = await attempt(api.interpreting);
        if (outcome.ok) set({ interpretingCatalogue: outcome.value });
        return outcome;
      },
      saveProvider: async (body, id) => reload(await attempt(() => api.saveProvider(body, id))),
      setContract: async (agencyId, providerId, contracted) =>
        reload(
          await attempt(async () => {
            if (contracted) await api.addContract({ agencyId, providerId });
            else await api.removeContract({ agencyId, providerId });
            return contracted;
          }),
        ),
      createInterpreter: async (body) => reload(await attempt(() => api.createInterpreter(body))),
      updateInterpreter: async (id, body) => reload(await attempt(() => api.updateInterpreter(id, body))),
      setBookingInterpreter: async (bookingId, interpreterId) => {
        const outcome = await attempt(() => api.setBookingInterpreter(bookingId, interpreterId));
        if (outcome.ok) set({ adminBookings: get().adminBookings.map((booking) => (booking.bookingId === bookingId ? outcome.value : booking)) });
        return outcome;
      },
    };
  };
}
