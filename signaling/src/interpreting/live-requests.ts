import {
  sameSkill,
  type InterpreterOffer,
  type InterpreterRequest,
  type InterpreterRequestMode,
  type InterpreterRequestOrigin,
  type InterpretingSkill,
} from '@etapiste/shared';
import { newId } from '../storage/rows.ts';
import type { ServiceSessionRecord } from '../storage/repositories.ts';

/** An interpreter request being dispatched or served, with its live ringing state. */
export interface LiveRequest {
  request: InterpreterRequest;
  session: ServiceSessionRecord;
  /** Booked requests: the booking's interpreter, invited before anyone else. */
  assignedInterpreterId: string | null;
  /** Interpreters it rings at now, with what they see. */
  ringing: Map<string, InterpreterOffer>;
  /** Everyone rung so far (answered no, declined or timed out): not rung again. */
  rung: Set<string>;
  timer: ReturnType<typeof setTimeout> | null;
}

/** A new request of a session: inviting the booking's interpreter when there is one, else ringing. */
export function newLiveRequest(
  session: ServiceSessionRecord,
  skill: InterpretingSkill,
  mode: InterpreterRequestMode,
  origin: InterpreterRequestOrigin,
  assignedInterpreterId: string | null,
): LiveRequest {
  return {
    request: {
      requestId: newId('ir'),
      sessionId: session.sessionId,
      agencyId: session.agencyId,
      skill,
      mode,
      origin,
      state: assignedInterpreterId ? 'invitingAssigned' : 'ringing',
      requestedAt: Date.now(),
      batch: 0,
      rungCount: 0,
      ringingNow: 0,
      answeredAt: null,
      joinedAt: null,
      endedAt: null,
      interpreterId: null,
      interpreterName: null,
      providerId: null,
    },
    session,
    assignedInterpreterId,
    ringing: new Map(),
    rung: new Set(),
    timer: null,
  };
}

export function clearRequestTimer(live: LiveRequest): void {
  if (live.timer) clearTimeout(live.timer);
  live.timer = null;
}

/** The live requests by id (until they end: unanswered, cancelled or left), and what is asked of them. */
export class LiveRequests {
  readonly #byId = new Map<string, LiveRequest>();

  get(requestId: string): LiveRequest | undefined {
    return this.#byId.get(requestId);
  }

  has(requestId: string): boolean {
    return this.#byId.has(requestId);
  }

  add(live: LiveRequest): void {
    this.#byId.set(live.request.requestId, live);
  }

  delete(live: LiveRequest): void {
    this.#byId.delete(live.request.requestId);
  }

  values(): IterableIterator<LiveRequest> {
    return this.#byId.values();
  }

  /** Whether the session already has a request of the skill that is inviting, ringing or answered. */
  hasOpenRequestFor(sessionId: string, skill: InterpretingSkill): boolean {
    for (const live of this.#byId.values()) {
      if (live.session.sessionId === sessionId && sameSkill(live.request.skill, skill) && ['invitingAssigned', 'ringing', 'accepted', 'joined'].includes(live.request.state)) return true;
    }
    return false;
  }

  hasRequestOf(sessionId: string): boolean {
    return [...this.#byId.values()].some((live) => live.session.sessionId === sessionId);
  }

  /** The request the interpreter answered in the session. */
  acceptedBy(sessionId: string, interpreterId: string): LiveRequest | null {
    for (const live of this.#byId.values()) {
      if (live.session.sessionId === sessionId && live.request.interpreterId === interpreterId) return live;
    }
    return null;
  }

  /** Whether a request other than `except` rings at the interpreter. */
  ringsElsewhere(interpreterId: string, except: LiveRequest): boolean {
    for (const live of this.#byId.values()) if (live !== except && live.ringing.has(interpreterId)) return true;
    return false;
  }

  /** What rings at the interpreter now. */
  offersFor(interpreterId: string): InterpreterOffer[] {
    return [...this.#byId.values()].flatMap((live) => {
      const offer = live.ringing.get(interpreterId);
      return offer ? [offer] : [];
    });
  }

  /** A sign-language interpreter is in the session (their request is accepted or joined). */
  hasSignLanguageInterpreter(sessionId: string): boolean {
    return [...this.#byId.values()].some(
      (live) => live.session.sessionId === sessionId && live.request.skill.modality === 'signLanguage' && (live.request.state === 'accepted' || live.request.state === 'joined'),
    );
  }
}
