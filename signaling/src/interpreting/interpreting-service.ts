import {
  ErrorCode,
  EtapisteError,
  openInterpreterRequestStates,
  sameSkill,
  type InterpreterOffer,
  type InterpreterRequest,
  type InterpreterRequestMode,
  type InterpreterRequestOrigin,
  type InterpretingSkill,
  type Participant,
  type Principal,
  type RingStopReason,
  type ServiceSessionInfo,
} from '@etapiste/shared';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import type { ServiceSessionService } from '../sessions/service-session-service.ts';
import type { UsageRecorder } from '../statistics/usage-recorder.ts';
import { newId } from '../storage/rows.ts';
import type { ServiceSessionRecord, Storage } from '../storage/repositories.ts';
import type { InterpreterPresence } from './interpreter-presence.ts';
import type { InterpretingViews } from './interpreting-views.ts';
import { logError } from '../logging/safe-log.ts';

export interface DispatchConfig {
  /** Interpreters rung at once. */
  ringBatchSize: number;
  /** How long one batch rings before the next batch is rung. */
  ringMs: number;
  /** How long a booked request waits for its assigned interpreter before on-demand dispatch starts. */
  bookedWaitMs: number;
  /** How long an interpreter whose console dropped (a reload, a network blip) keeps their place in a session. */
  reconnectGraceMs?: number;
}

export const defaultDispatchConfig: DispatchConfig = { ringBatchSize: 3, ringMs: 20_000, bookedWaitMs: 120_000, reconnectGraceMs: 15_000 };

interface LiveRequest {
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

/**
 * Interpreter dispatch: requests on demand (by the expert, or by the customer when taking the
 * number, started when an expert takes it) and booked (the booking's interpreter invited first,
 * then on demand). Matching: skill ∧ a provider contracted by the session's agency ∧ available ∧
 * connected ∧ not in a call or ringing elsewhere. Batches ring together; the first to accept
 * joins and the others' rings stop at once; a timed-out batch gives way to the next; with
 * nobody left the request is unanswered. Every step is a usage event; nothing personal.
 */
export class InterpretingService {
  readonly #live = new Map<string, LiveRequest>();
  readonly #storage: Storage;
  readonly #sessions: ServiceSessionService;
  readonly #registry: ConnectionRegistry;
  readonly #usage: UsageRecorder;
  readonly #presence: InterpreterPresence;
  readonly #views: InterpretingViews;
  readonly #config: DispatchConfig;
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
    this.#usage = deps.usage;
    this.#presence = deps.presence;
    this.#views = deps.views;
    this.#config = { ...defaultDispatchConfig, ...deps.config };
    this.#sessions.onExpertAssigned((record) => this.#startNeededInterpreting(record));
    this.#sessions.onMediaJoined((record, subjectId, participant) => this.#joined(record, subjectId, participant));
    this.#sessions.onParticipantLeft((record, subjectId, participant) => this.#left(record.sessionId, subjectId, participant));
    this.#sessions.onEnded((record) => this.#sessionEnded(record));
  }

  // Expert side

  async request(expert: Principal, sessionId: string, skill: InterpretingSkill): Promise<InterpreterRequest> {
    const session = this.#expertSession(expert, sessionId);
    return this.#open(session, skill, 'onDemand', 'expert', null);
  }

  async cancel(expert: Principal, requestId: string): Promise<InterpreterRequest> {
    const live = this.#live.get(requestId);
    if (!live) {
      const stored = (await this.#storage.interpreting.listRequests({})).find((request) => request.requestId === requestId);
      if (!stored) throw new EtapisteError(ErrorCode.NotFound, 'no such interpreter request');
      throw new EtapisteError(ErrorCode.Conflict, `the request is already ${stored.state}`);
    }
    this.#expertSession(expert, live.session.sessionId);
    if (!openInterpreterRequestStates.includes(live.request.state)) throw new EtapisteError(ErrorCode.Conflict, `the request is already ${live.request.state}`);
    await this.#close(live, 'cancelled');
    return live.request;
  }

  async requestsOf(principal: Principal, sessionId: string): Promise<InterpreterRequest[]> {
    const session = this.#sessions.get(sessionId);
    const allowed =
      session &&
      ((principal.role === 'expert' && session.expertId === principal.subjectId) || (principal.role === 'booth' && session.boothId === principal.subjectId));
    if (!allowed) throw new EtapisteError(ErrorCode.Forbidden, 'not your session');
    const stored = await this.#storage.interpreting.listRequests({ sessionId });
    return stored.map((request) => this.#live.get(request.requestId)?.request ?? request);
  }

  async skills(principal: Principal, agencyId: string | undefined): Promise<InterpretingSkill[]> {
    const agency = principal.role === 'expert' ? principal.agencyId : agencyId;
    if (!agency) throw new EtapisteError(ErrorCode.ValidationFailed, 'which agency?');
    return this.#views.skillsOf(agency);
  }

  // Interpreter side

  setAvailability(interpreter: Principal, available: boolean): boolean {
    this.#presence.setAvailable(interpreter.subjectId, available);
    if (available) void this.#offerPendingInvitations(interpreter.subjectId);
    return available;
  }

  offersFor(interpreterId: string): InterpreterOffer[] {
    return [...this.#live.values()].flatMap((live) => {
      const offer = live.ringing.get(interpreterId);
      return offer ? [offer] : [];
    });
  }

  async accept(interpreter: Principal, requestId: string): Promise<{ session: ServiceSessionInfo; request: InterpreterRequest }> {
    const live = this.#live.get(requestId);
    if (!live || !live.ringing.has(interpreter.subjectId)) {
      throw new EtapisteError(ErrorCode.Conflict, 'this request no longer rings for you (answered elsewhere, cancelled or timed out)');
    }
    // The first accept wins: everything up to here and the state change below run without a pause.
    const now = Date.now();
    this.#clearTimer(live);
    const profile = await this.#storage.interpreting.getInterpreter(interpreter.subjectId);
    if (live.request.state === 'accepted' || !live.ringing.has(interpreter.subjectId)) {
      throw new EtapisteError(ErrorCode.Conflict, 'this request was answered by another interpreter');
    }
    this.#stopRings(live, 'answeredElsewhere', interpreter.subjectId);
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
    await this.#applySignLanguagePriority(live.session.sessionId);
    await this.#persist(live);
    await this.#record(live, 'interpreterAnswered', { answerMs: now - live.request.requestedAt, batch: live.request.batch });
    return { session, request: live.request };
  }

  async decline(interpreter: Principal, requestId: string): Promise<void> {
    const live = this.#live.get(requestId);
    if (!live || !live.ringing.delete(interpreter.subjectId)) return;
    this.#registry.notifySubject(interpreter.subjectId, 'interpreting.ringStopped', { requestId, reason: 'declined' });
    live.request = { ...live.request, ringingNow: live.ringing.size };
    this.#publish(live);
    // The whole batch said no: ring the next one at once.
    if (live.ringing.size === 0 && live.request.state === 'ringing') {
      this.#clearTimer(live);
      await this.#ringNextBatch(live);
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
    for (const live of this.#live.values()) {
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
    for (const live of this.#live.values()) this.#clearTimer(live);
    for (const timer of this.#dropped.values()) clearTimeout(timer);
    this.#dropped.clear();
  }

  // Dispatch

  async #open(
    session: ServiceSessionRecord,
    skill: InterpretingSkill,
    mode: InterpreterRequestMode,
    origin: InterpreterRequestOrigin,
    assignedInterpreterId: string | null,
  ): Promise<InterpreterRequest> {
    for (const live of this.#live.values()) {
      if (live.session.sessionId === session.sessionId && sameSkill(live.request.skill, skill) && ['invitingAssigned', 'ringing', 'accepted', 'joined'].includes(live.request.state)) {
        throw new EtapisteError(ErrorCode.Conflict, 'an interpreter with this skill is already requested for the session');
      }
    }
    const live: LiveRequest = {
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
    this.#live.set(live.request.requestId, live);
    await this.#persist(live);
    await this.#record(live, 'interpreterRequested', { onDemand: mode === 'onDemand', origin });
    if (assignedInterpreterId) {
      live.timer = setTimeout(() => void this.#fallBackToOnDemand(live), this.#config.bookedWaitMs);
      await this.#ringAssigned(live);
    } else {
      await this.#ringNextBatch(live);
    }
    return live.request;
  }

  /** Rings the booking's interpreter (when they are connected and free) until the booked wait ends. */
  async #ringAssigned(live: LiveRequest): Promise<void> {
    const interpreterId = live.assignedInterpreterId;
    if (!interpreterId || live.request.state !== 'invitingAssigned' || live.ringing.has(interpreterId)) return;
    if (!this.#registry.isOnline(interpreterId) || this.#busy(interpreterId, live)) return;
    await this.#ring(live, [interpreterId], live.request.requestedAt + this.#config.bookedWaitMs);
    this.#publish(live);
  }

  async #fallBackToOnDemand(live: LiveRequest): Promise<void> {
    live.timer = null;
    if (live.request.state !== 'invitingAssigned') return;
    this.#stopRings(live, 'timeout');
    live.request = { ...live.request, state: 'ringing' };
    await this.#ringNextBatch(live);
  }

  async #ringNextBatch(live: LiveRequest): Promise<void> {
    if (live.request.state !== 'ringing' || !this.#live.has(live.request.requestId)) return;
    const candidates = await this.#candidates(live);
    if (candidates.length === 0) {
      if (live.ringing.size === 0) await this.#close(live, 'unanswered');
      return;
    }
    const ringEndsAt = Date.now() + this.#config.ringMs;
    await this.#ring(live, candidates.slice(0, this.#config.ringBatchSize), ringEndsAt);
    live.request = { ...live.request, batch: live.request.batch + 1 };
    await this.#persist(live);
    live.timer = setTimeout(() => void this.#batchTimedOut(live), this.#config.ringMs);
    this.#publish(live);
  }

  async #ring(live: LiveRequest, interpreterIds: string[], ringEndsAt: number): Promise<void> {
    const offer = await this.#views.offer(live.request, live.session, ringEndsAt);
    if (!openInterpreterRequestStates.includes(live.request.state)) return;
    for (const interpreterId of interpreterIds) {
      live.ringing.set(interpreterId, offer);
      live.rung.add(interpreterId);
      this.#registry.notifySubject(interpreterId, 'interpreting.ringing', { offer });
    }
    live.request = { ...live.request, rungCount: live.request.rungCount + interpreterIds.length, ringingNow: live.ringing.size };
    const profiles = await Promise.all(interpreterIds.map((id) => this.#storage.interpreting.getInterpreter(id)));
    for (const profile of profiles) await this.#record(live, 'interpreterRung', { batch: live.request.batch + 1, providerId: profile?.providerId ?? null });
  }

  async #batchTimedOut(live: LiveRequest): Promise<void> {
    live.timer = null;
    if (live.request.state !== 'ringing') return;
    this.#stopRings(live, 'timeout');
    live.request = { ...live.request, ringingNow: 0 };
    await this.#ringNextBatch(live);
  }

  /** Who may be rung now: contracted, skilled, available, connected, free, not rung before; longest idle first. */
  async #candidates(live: LiveRequest): Promise<string[]> {
    const interpreters = await this.#views.contractedWithSkill(live.session.agencyId, live.request.skill);
    return interpreters
      .map((interpreter) => interpreter.interpreterId)
      .filter((id) => !live.rung.has(id) && this.#presence.isAvailable(id) && this.#registry.isOnline(id) && !this.#busy(id, live))
      .sort((a, b) => this.#presence.availableSince(a) - this.#presence.availableSince(b));
  }

  /** In a session, or ringing for another request. */
  #busy(interpreterId: string, except: LiveRequest): boolean {
    if (this.#sessions.openSessionsOf(interpreterId).length > 0) return true;
    for (const live of this.#live.values()) if (live !== except && live.ringing.has(interpreterId)) return true;
    return false;
  }

  async #offerPendingInvitations(interpreterId: string): Promise<void> {
    for (const live of this.#live.values()) if (live.assignedInterpreterId === interpreterId) await this.#ringAssigned(live);
  }

  #stopRings(live: LiveRequest, reason: RingStopReason, except?: string): void {
    for (const interpreterId of live.ringing.keys()) {
      if (interpreterId !== except) this.#registry.notifySubject(interpreterId, 'interpreting.ringStopped', { requestId: live.request.requestId, reason });
    }
    live.ringing.clear();
  }

  /** Ends a request that got no interpreter. */
  async #close(live: LiveRequest, outcome: 'unanswered' | 'cancelled', ringStop: RingStopReason = 'cancelled'): Promise<void> {
    this.#clearTimer(live);
    this.#stopRings(live, ringStop);
    this.#live.delete(live.request.requestId);
    live.request = { ...live.request, state: outcome, ringingNow: 0, endedAt: Date.now() };
    await this.#persist(live);
    await this.#record(live, 'interpreterRequestEnded', { outcome, batches: live.request.batch, rung: live.request.rungCount });
    this.#publish(live);
  }

  // Session hooks

  /** An expert took a number whose customer needs an interpreter, or a booking that has one. */
  async #startNeededInterpreting(record: ServiceSessionRecord): Promise<void> {
    if (!record.ticketId) return;
    const ticket = await this.#storage.queue.getTicket(record.ticketId);
    if (!ticket?.interpreterNeed) return;
    const already = [...this.#live.values()].some((live) => live.session.sessionId === record.sessionId);
    if (already) return;
    const booking = ticket.bookingId ? await this.#storage.bookings.getBooking(ticket.bookingId) : null;
    const booked = booking?.interpreterNeed ? booking : null;
    await this.#open(record, ticket.interpreterNeed, booked ? 'booked' : 'onDemand', booked ? 'booking' : 'customer', booked?.interpreterId ?? null).catch(
      (error: unknown) => logError('interpreting', 'could not start the needed interpreting', error),
    );
  }

  /** Sign-language priority while a sign-language interpreter is in the session (accepted or joined). */
  async #applySignLanguagePriority(sessionId: string): Promise<void> {
    const signing = [...this.#live.values()].some(
      (live) => live.session.sessionId === sessionId && live.request.skill.modality === 'signLanguage' && (live.request.state === 'accepted' || live.request.state === 'joined'),
    );
    await this.#sessions.setPriorityProfile(sessionId, signing ? 'signLanguage' : 'standard');
  }

  async #joined(record: ServiceSessionRecord, subjectId: string, participant: Participant): Promise<void> {
    if (participant.role !== 'interpreter') return;
    const live = this.#acceptedBy(record.sessionId, subjectId);
    if (!live || live.request.state !== 'accepted') return;
    live.request = { ...live.request, state: 'joined', joinedAt: Date.now() };
    await this.#persist(live);
    await this.#record(live, 'interpreterJoined', {});
    this.#publish(live);
  }

  async #left(sessionId: string, subjectId: string, participant: Participant): Promise<void> {
    if (participant.role !== 'interpreter') return;
    const live = this.#acceptedBy(sessionId, subjectId);
    if (!live) return;
    this.#live.delete(live.request.requestId);
    const now = Date.now();
    const from = live.request.joinedAt ?? live.request.answeredAt ?? now;
    live.request = { ...live.request, state: 'left', endedAt: now };
    this.#presence.markBusyUntil(subjectId, now);
    await this.#applySignLanguagePriority(sessionId);
    await this.#persist(live);
    await this.#record(live, 'interpreterLeft', { minutes: Math.round(((now - from) / 60_000) * 100) / 100 });
    this.#publish(live);
  }

  async #sessionEnded(record: ServiceSessionRecord): Promise<void> {
    for (const live of [...this.#live.values()]) {
      if (live.session.sessionId !== record.sessionId) continue;
      if (openInterpreterRequestStates.includes(live.request.state)) await this.#close(live, 'cancelled', 'sessionEnded');
      else if (live.request.interpreterId) {
        await this.#left(record.sessionId, live.request.interpreterId, { participantId: 'ended', role: 'interpreter', displayName: null });
      }
    }
  }

  // Helpers

  #acceptedBy(sessionId: string, interpreterId: string): LiveRequest | null {
    for (const live of this.#live.values()) {
      if (live.session.sessionId === sessionId && live.request.interpreterId === interpreterId) return live;
    }
    return null;
  }

  #expertSession(expert: Principal, sessionId: string): ServiceSessionRecord {
    const session = this.#sessions.get(sessionId);
    if (!session) throw new EtapisteError(ErrorCode.NotFound, 'no such session');
    if (session.expertId !== expert.subjectId) throw new EtapisteError(ErrorCode.Forbidden, 'not your session');
    if (session.status === 'ended') throw new EtapisteError(ErrorCode.Conflict, 'the session has ended');
    return session;
  }

  #clearTimer(live: LiveRequest): void {
    if (live.timer) clearTimeout(live.timer);
    live.timer = null;
  }

  /** Tells the session's expert and booth how the request is doing. */
  #publish(live: LiveRequest): void {
    const session = this.#sessions.get(live.session.sessionId) ?? live.session;
    const { request } = live;
    if (session.expertId) this.#registry.notifySubject(session.expertId, 'interpreting.requestChanged', { request });
    this.#registry.notifySubject(session.boothId, 'interpreting.requestChanged', { request });
  }

  async #persist(live: LiveRequest): Promise<void> {
    await this.#storage.interpreting.saveRequest(live.request);
  }

  async #record(live: LiveRequest, kind: Parameters<UsageRecorder['record']>[0], data: Record<string, string | number | boolean | null>): Promise<void> {
    const { session, request } = live;
    await this.#usage.record(
      kind,
      { servicePointId: session.servicePointId, agencyId: session.agencyId, serviceId: session.serviceId, visitId: session.visitId, sessionId: session.sessionId, language: session.language },
      { language: request.skill.language, modality: request.skill.modality, providerId: request.providerId, onDemand: request.mode === 'onDemand', mode: request.mode, ...data },
    );
  }
}
