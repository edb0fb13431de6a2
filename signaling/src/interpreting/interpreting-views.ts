import {
  ErrorCode,
  EtapisteError,
  type Booking,
  type Interpreter,
  type InterpreterAssignment,
  type InterpreterOffer,
  type InterpreterRequest,
  type InterpretingSkill,
} from '@etapiste/shared';
import type { ServiceSessionRecord, Storage } from '../storage/repositories.ts';

/**
 * Read models of interpreting built from the catalogue: what an interpreter's console shows of
 * a request or a booked assignment (agency and place, never the customer), and who may be rung.
 */
export class InterpretingViews {
  readonly #storage: Storage;
  constructor(storage: Storage) {
    this.#storage = storage;
  }

  async offer(request: InterpreterRequest, session: ServiceSessionRecord, ringEndsAt: number): Promise<InterpreterOffer> {
    const { agency, servicePoint } = await this.#place(session.agencyId, session.servicePointId);
    return { requestId: request.requestId, sessionId: request.sessionId, skill: request.skill, mode: request.mode, agency, servicePoint, ringEndsAt };
  }

  async assignment(booking: Booking): Promise<InterpreterAssignment | null> {
    if (!booking.interpreterNeed) return null;
    const { agency, servicePoint } = await this.#place(booking.agencyId, booking.servicePointId);
    return {
      bookingId: booking.bookingId,
      date: booking.date,
      from: booking.from,
      to: booking.to,
      startsAt: booking.startsAt,
      skill: booking.interpreterNeed,
      agency,
      servicePoint,
      status: booking.status,
    };
  }

  /** Interpreters of the providers the agency has a contract with who have the skill. */
  async contractedWithSkill(agencyId: string, skill: InterpretingSkill): Promise<Interpreter[]> {
    const contracted = new Set((await this.#storage.interpreting.listContracts({ agencyId })).map((contract) => contract.providerId));
    const interpreters = await this.#storage.interpreting.listInterpreters();
    return interpreters.filter(
      (interpreter) =>
        contracted.has(interpreter.providerId) &&
        interpreter.skills.some((candidate) => candidate.modality === skill.modality && candidate.language === skill.language),
    );
  }

  /** Every skill the agency can get: the union of its contracted interpreters' skills. */
  async skillsOf(agencyId: string): Promise<InterpretingSkill[]> {
    const contracted = new Set((await this.#storage.interpreting.listContracts({ agencyId })).map((contract) => contract.providerId));
    const skills = new Map<string, InterpretingSkill>();
    for (const interpreter of await this.#storage.interpreting.listInterpreters()) {
      if (!contracted.has(interpreter.providerId)) continue;
      for (const skill of interpreter.skills) skills.set(`${skill.modality}:${skill.language}`, skill);
    }
    return [...skills.values()].sort((a, b) => a.modality.localeCompare(b.modality) || a.language.localeCompare(b.language));
  }

  async #place(agencyId: string, servicePointId: string) {
    const [agency, point] = await Promise.all([this.#storage.catalogue.getAgency(agencyId), this.#storage.catalogue.getServicePoint(servicePointId)]);
    if (!agency || !point) throw new EtapisteError(ErrorCode.NotFound, 'the agency or service point no longer exists');
    return { agency, servicePoint: { id: point.id, kind: point.kind, name: point.name, municipality: point.municipality } };
  }
}
