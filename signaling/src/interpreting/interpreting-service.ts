import {
  ErrorCode,
  EtapisteError,
  openInterpreterRequestStates,
  type InterpreterOffer,
  type InterpreterRequest,
  type InterpreterRequestMode,
  type InterpreterRequestOrigin,
  type InterpretingSkill,
  type Principal,
  type ServiceSessionInfo,
} from '@etapiste/shared';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import type { ServiceSessionService } from '../sessions/service-session-service.ts';
import type { UsageRecorder } from '../statistics/usage-recorder.ts';
import type { ServiceSessionRecord, Storage } from '../storage/repositories.ts';
import type { InterpreterPresence } from './interpreter-presence.ts';
import type { InterpretingViews } from './interpreting-views.ts';
import { logError } from '../logging/safe-log.ts';
import { BatchDispatch } from './batch-dispatch.ts';
import { BookedInvitations } from './booked-invitations.ts';
import { defaultDispatchConfig, type DispatchConfig } from './dispatch-config.ts';
import { InterpreterParticipation } from './interpreter-participation.ts';
import { clearRequestTimer, LiveRequests, newLiveRequest } from './live-requests.ts';
import { RequestProgress } from './request-progress.ts';

export { defaultDispatchConfig, type DispatchConfig } from './dispatch-config.ts';

/**
 * Interpreter dispatch: requests on demand (by the expert, or by the customer when taking the
 * number, started when an expert takes it) and booked (the booking's interpreter invited first,
 * then on demand). Matching: skill ∧ a provider contracted by the session's agency ∧ available ∧
 * connected ∧ not in a call or ringing elsewhere. Batches ring together; the first to accept
 * joins and the others' rings stop at once; a timed-out batch gives way to the next; with
 * nobody left the request is unanswered. Every step is a usage event; nothing personal.
 */
export class InterpretingService {
  readonly #requests = new LiveRequests();
  readonly #storage: Storage;
  readonly #sessions: ServiceSessionService;
  readonly #registry: ConnectionRegistry;
  readonly #presence: InterpreterPresence;
  readonly #views: InterpretingViews;
  readonly #config: DispatchConfig;
  readonly #progress: RequestProgress;
  readonly #dispatch: BatchDispatch;
  readonly #booked: BookedInvitations;
  readonly #participation: InterpreterParticipation;
  /** Interpreters whose console dropped, until the reconnect grace ends. */
  readonly #dropped = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(deps: {
    storage: Storage;
    sessions: ServiceSessionService;
    registry: ConnectionRegistry;
    usage: UsageRecorder;
    presence: InterpreterPresence;
    views: InterpretingViews;
    config?: Partial<DispatchConfig>;
  }) {
    this.#storage = deps.storage;
    this.#sessions = deps.sessions;
    this.#registry = deps.registry;
    this.#presence = deps.presence;
    this.#views = deps.views;
    this.#config = { ...defaultDispatchConfig, ...deps.config };
    const requests = this.#requests;
    this.#progress = new RequestProgress({ storage: deps.storage, sessions: deps.sessions, registry: deps.registry, usage: deps.usage });
    this.#dispatch = new BatchDispatch({
      storage: deps.storage,
      sessions: deps.sessions,
      registry: deps.registry,
      presence: deps.presence,
      views: deps.views,
      requests,
      progress: this.#progress,
      config: this.#config,
    });
    this.#booked = new BookedInvitations({ registry: deps.registry, dispatch: this.#dispatch, requests, progress: this.#progress, config: this.#config });
    this.#participation = new InterpreterParticipation({ sessions: deps.sessions, presence: deps.presence, requests, dispatch: this.#dispatch, progress: this.#progress });
    this.#sessions.onExpertAssigned((record) => this.#startNeededInterpreting(record));
    this.#sessions.onMediaJoined((record, subjectId, participant) => this.#participation.joined(record, subjectId, participant));
    this.#sessions.onParticipantLeft((record, subjectId, participant) => this.#participation.left(record.sessionId, subjectId, participant));
    this.#sessions.onEnded((record) => this.#participation.sessionEnded(record));
  }

  // Expert side

  async request(expert: Principal, sessionId: string, skill: InterpretingSkill): Promise<InterpreterRequest> {
    const session = this.#expertSession(expert, sessionId);
    return this.#open(session, skill, 'onDemand', 'expert', null);
  }

  async cancel(expert: Principal, requestId: string): Promise<InterpreterRequest> {
    const live = this.#requests.get(requestId);
    if (!live) {
      const stored = (await this.#storage.interpreting.listRequests({})).find((request) => request.requestId === requestId);
      if (!stored) throw new EtapisteError(ErrorCode.NotFound, 'no such interpreter request');
      throw new EtapisteError(ErrorCode.Conflict, `the request is already ${stored.state}`);
    }
    this.#expertSession(expert, live.session.sessionId);
    if (!openInterpreterRequestStates.includes(live.request.state)) throw new EtapisteError(ErrorCode.Conflict, `the request is already ${live.request.state}`);
    await this.#dispatch.close(live, 'cancelled');
    return live.request;
  }

  async requestsOf(principal: Principal, sessionId: string): Promise<InterpreterRequest[]> {
    const session = this.#sessions.get(sessionId);
    const allowed =
      session &&
      ((principal.role === 'expert' && session.expertId === principal.subjectId) || (principal.role === 'booth' && session.boothId === principal.subjectId));
    if (!allowed) throw new EtapisteError(ErrorCode.Forbidden, 'not your session');
    const stored = await this.#storage.interpreting.listRequests({ sessionId });
    return stored.map((request) => this.#requests.get(request.requestId)?.request ?? request);
  }

  async skills(principal: Principal, agencyId: string | undefined): Promise<InterpretingSkill[]> {
    const agency = principal.role === 'expert' ? principal.agencyId : agencyId;
    if (!agency) throw new EtapisteError(ErrorCode.ValidationFailed, 'which agency?');
    return this.#views.skillsOf(agency);
  }

  // Interpreter side

  setAvailability(interpreter: Principal, available: boolean): boolean {
    this.#presence.setAvailable(interpreter.subjectId, available);
    if (available) void this.#booked.offerPending(interpreter.subjectId);
    return available;
  }

  offersFor(interpreterId: string): InterpreterOffer[] {
    return this.#requests.offersFor(interpreterId);
  }

  async accept(interpreter: Principal, requestId: string): Promise<{ session: ServiceSessionInfo; request: InterpreterRequest }> {
    const live = this.#requests.get(requestId);
    if (!live || !live.ringing.has(interpreter.subjectId)) {
      throw new EtapisteError(ErrorCode.Conflict, 'this request no longer rings for you (answered elsewhere, cancelled or timed out)');
    }
    // The first accept wins: everything up to here and the state change below run without a pause.
    const now = Date.now();
    clearRequestTimer(live);
    const profile = await this.#storage.interpreting.getInterpreter(interpreter.subjectId);
    if (live.request.state === 'accepted' || !live.ringing.has(interpreter.subjectId)) {
      throw new EtapisteError(ErrorCode.Conflict, 'this request was answered by another interpreter');
    }
    this.#dispatch.stopRings(live, 'answeredElsewhere', interpreter.subjectId);
    live.ringing.clear();
    live.request = {
      ...live.request,
      state: 'accepted',
      answeredAt: now,
      ringingNow: 0,
      interpreterId: interpreter.subjectId,
      interpreterName: interpreter.displayName,
      providerId: profile?.providerId ?? null,
    };
    const session = this.#sessions.addInterpreter(live.session.sessionId, interpreter);
    await this.#participation.applySignLanguagePriority(live.session.sessionId);
    await this.#progress.persist(live);
    await this.#progress.record(live, 'interpreterAnswered', { answerMs: now - live.request.requestedAt, batch: live.request.batch });
    return { session, request: live.request };
  }

  async decline(interpreter: Principal, requestId: string): Promise<void> {
    const live = this.#requests.get(requestId);
    if (!live || !live.ringing.delete(interpreter.subjectId)) return;
    this.#registry.notifySubject(interpreter.subjectId, 'interpreting.ringStopped', { requestId, reason: 'declined' });
    live.request = { ...live.request, ringingNow: live.ringing.size };
    this.#progress.publish(live);
    // The whole batch said no: ring the next one at once.
    if (live.ringing.size === 0 && live.request.state === 'ringing') {
      clearRequestTimer(live);
      await this.#dispatch.ringNextBatch(live);
    }
  }

  async leave(interpreter: Principal, sessionId: string): Promise<void> {
    if (!this.#sessions.removeParticipant(sessionId, interpreter.subjectId)) {
      throw new EtapisteError(ErrorCode.NotFound, 'you are not in this session');
    }
  }

  /**
   * The interpreter's console went away: their rings stop at once and their media in a session
   * is dropped (a reloaded console publishes afresh). They keep their place in the session and
   * their availability for the reconnect grace; still offline after it, they are unavailable and
   * leave the session.
   */
  async interpreterOffline(interpreter: Principal): Promise<void> {
    for (const live of this.#requests.values()) {
      if (live.ringing.has(interpreter.subjectId)) await this.decline(interpreter, live.request.requestId);
    }
    for (const record of this.#sessions.openSessionsOf(interpreter.subjectId)) this.#sessions.resetMedia(record.sessionId, interpreter.subjectId);
    clearTimeout(this.#dropped.get(interpreter.subjectId));
    this.#dropped.set(
      interpreter.subjectId,
      setTimeout(() => {
        this.#dropped.delete(interpreter.subjectId);
        if (this.#registry.isOnline(interpreter.subjectId)) return;
        this.#presence.setAvailable(interpreter.subjectId, false);
        for (const record of this.#sessions.openSessionsOf(interpreter.subjectId)) this.#sessions.removeParticipant(record.sessionId, interpreter.subjectId);
      }, this.#config.reconnectGraceMs ?? defaultDispatchConfig.reconnectGraceMs),
    );
  }

  /** The session an interpreter is in, if any. */
  currentSessionOf(interpreterId: string): ServiceSessionInfo | null {
    const record = this.#sessions.openSessionsOf(interpreterId)[0];
    return record ? this.#sessions.infoOf(record.sessionId) : null;
  }

  /** Stops every timer (shutdown). Open requests are left as stored. */
  stop(): void {
    for (const live of this.#requests.values()) clearRequestTimer(live);
    for (const timer of this.#dropped.values()) clearTimeout(timer);
    this.#dropped.clear();
  }

  /** A new request: a booked one invites the booking's interpreter first, any other rings its first batch. */
  async #open(
    session: ServiceSessionRecord,
    skill: InterpretingSkill,
    mode: InterpreterRequestMode,
    origin: InterpreterRequestOrigin,
    assignedInterpreterId: string | null,
  ): Promise<InterpreterRequest> {
    if (this.#requests.hasOpenRequestFor(session.sessionId, skill)) {
      throw new EtapisteError(ErrorCode.Conflict, 'an interpreter with this skill is already requested for the session');
    }
    const live = newLiveRequest(session, skill, mode, origin, assignedInterpreterId);
    this.#requests.add(live);
    await this.#progress.persist(live);
    await this.#progress.record(live, 'interpreterRequested', { onDemand: mode === 'onDemand', origin });
    if (assignedInterpreterId) await this.#booked.start(live);
    else await this.#dispatch.ringNextBatch(live);
    return live.request;
  }

  /** An expert took a number whose customer needs an interpreter, or a booking that has one. */
  async #startNeededInterpreting(record: ServiceSessionRecord): Promise<void> {
    if (!record.ticketId) return;
    const ticket = await this.#storage.queue.getTicket(record.ticketId);
    if (!ticket?.interpreterNeed) return;
    if (this.#requests.hasRequestOf(record.sessionId)) return;
    const booking = ticket.bookingId ? await this.#storage.bookings.getBooking(ticket.bookingId) : null;
    const booked = booking?.interpreterNeed ? booking : null;
    await this.#open(record, ticket.interpreterNeed, booked ? 'booked' : 'onDemand', booked ? 'booking' : 'customer', booked?.interpreterId ?? null).catch(
      (error: unknown) => logError('interpreting', 'could not start the needed interpreting', error),
    );
  }

  #expertSession(expert: Principal, sessionId: string): ServiceSessionRecord {
    const session = this.#sessions.get(sessionId);
    if (!session) throw new EtapisteError(ErrorCode.NotFound, 'no such session');
    if (session.expertId !== expert.subjectId) throw new EtapisteError(ErrorCode.Forbidden, 'not your session');
    if (session.status === 'ended') throw new EtapisteError(ErrorCode.Conflict, 'the session has ended');
    return session;
  }
}
