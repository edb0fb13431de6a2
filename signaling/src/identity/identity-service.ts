import { randomBytes } from 'node:crypto';
import type { X509Certificate } from 'node:crypto';
import {
  ErrorCode,
  EtapisteError,
  finalIdentityProblems,
  type BoothIdentityProblem,
  type IdentityProblem,
  type IdentityState,
  type Principal,
} from '@etapiste/shared';
import type { ConnectionRegistry } from '../gateway/connection-registry.ts';
import type { ServiceSessionService } from '../sessions/service-session-service.ts';
import { newId } from '../storage/rows.ts';
import type { Storage } from '../storage/repositories.ts';
import type { UsageRecorder } from '../statistics/usage-recorder.ts';
import { verifyCertificate, verifyChallengeSignature } from './certificate-verification.ts';

interface PendingRequest {
  state: IdentityState;
  challenge: Buffer;
  expertId: string;
  boothId: string;
  startedAt: number;
  expiresAt: number;
  timer: ReturnType<typeof setTimeout>;
}

const CHALLENGE_BYTES = 32;

/**
 * ID-card identification in a service session. The session's expert requests; the server
 * issues a random challenge, single use and valid for `ttlMs`, bound to the session and its
 * booth; the booth's card signs it after the customer's PIN; the server verifies signature and
 * chain and tells the expert the name, and the personal identity code only when the agency's
 * policy allows it. The outcome goes to the usage log as a `deviceUsed` event (action,
 * outcome, duration, problem code), never the identity. Requests are live state: a restart
 * forgets them, and the expert asks again.
 */
export class IdentityService {
  readonly #requests = new Map<string, PendingRequest>();
  readonly #storage: Storage;
  readonly #sessions: ServiceSessionService;
  readonly #registry: ConnectionRegistry;
  readonly #usage: UsageRecorder;
  readonly #trusted: () => readonly X509Certificate[];
  readonly #ttlMs: number;

  constructor(deps: {
    storage: Storage;
    sessions: ServiceSessionService;
    registry: ConnectionRegistry;
    usage: UsageRecorder;
    trustedCas: () => readonly X509Certificate[];
    ttlMs?: number;
  }) {
    this.#storage = deps.storage;
    this.#sessions = deps.sessions;
    this.#registry = deps.registry;
    this.#usage = deps.usage;
    this.#trusted = deps.trustedCas;
    this.#ttlMs = deps.ttlMs ?? 3 * 60_000;
    this.#sessions.onEnded((record) => {
      for (const pending of [...this.#requests.values()]) {
        if (pending.state.sessionId === record.sessionId) this.#forget(pending);
      }
    });
  }

  async request(expert: Principal, sessionId: string): Promise<IdentityState> {
    const record = this.#sessions.get(sessionId);
    if (!record || record.expertId !== expert.subjectId) throw new EtapisteError(ErrorCode.Forbidden, 'not the expert of this session');
    if (record.status !== 'active') throw new EtapisteError(ErrorCode.Conflict, 'the session is not active');
    // One open request per session: a new one replaces the old (its challenge is void).
    for (const pending of [...this.#requests.values()]) {
      if (pending.state.sessionId === sessionId) this.#forget(pending);
    }
    const requestId = newId('idr');
    const challenge = randomBytes(CHALLENGE_BYTES);
    const now = Date.now();
    const pending: PendingRequest = {
      state: { requestId, sessionId, status: 'waitingForCustomer', problem: null, triesLeft: null, person: null },
      challenge,
      expertId: expert.subjectId,
      boothId: record.boothId,
      startedAt: now,
      expiresAt: now + this.#ttlMs,
      timer: setTimeout(() => void this.#finish(pending, 'expired'), this.#ttlMs),
    };
    pending.timer.unref?.();
    this.#requests.set(requestId, pending);
    this.#registry.notifySubject(record.boothId, 'identity.requested', { sessionId, requestId, challenge: challenge.toString('base64'), expiresAt: pending.expiresAt });
    return pending.state;
  }

  /** A problem at the booth: retryable ones keep the request open, final ones end it. */
  async report(booth: Principal, requestId: string, problem: BoothIdentityProblem, triesLeft: number | null): Promise<void> {
    const pending = this.#ownRequest(booth, requestId);
    if (finalIdentityProblems.includes(problem)) {
      await this.#finish(pending, problem, triesLeft);
      return;
    }
    pending.state = { ...pending.state, problem, triesLeft };
    this.#tellExpert(pending);
  }

  async submit(booth: Principal, requestId: string, certificateBase64: string, signatureBase64: string): Promise<{ verified: boolean; problem: IdentityProblem | null }> {
    const pending = this.#ownRequest(booth, requestId);
    // Single use: whatever the outcome, this challenge is spent.
    this.#requests.delete(requestId);
    clearTimeout(pending.timer);
    const certificate = Buffer.from(certificateBase64, 'base64');
    const signature = Buffer.from(signatureBase64, 'base64');
    const checked = verifyCertificate(certificate, this.#trusted());
    if (!checked.ok) {
      await this.#finish(pending, checked.problem);
      return { verified: false, problem: checked.problem };
    }
    if (!verifyChallengeSignature(certificate, pending.challenge, signature)) {
      await this.#finish(pending, 'badSignature');
      return { verified: false, problem: 'badSignature' };
    }
    const record = this.#sessions.get(pending.state.sessionId);
    const agency = record ? await this.#storage.catalogue.getAgency(record.agencyId) : null;
    const { subject } = checked;
    pending.state = {
      ...pending.state,
      status: 'verified',
      problem: null,
      triesLeft: null,
      person: {
        givenName: subject.givenName,
        surname: subject.surname,
        commonName: subject.commonName,
        personalIdentityCode: agency?.showsPersonalIdentityCode === true ? subject.personalIdentityCode : null,
      },
    };
    this.#tellExpert(pending);
    await this.#record(pending, 'success', null);
    return { verified: true, problem: null };
  }

  #ownRequest(booth: Principal, requestId: string): PendingRequest {
    const pending = this.#requests.get(requestId);
    if (!pending || pending.boothId !== booth.subjectId) throw new EtapisteError(ErrorCode.NotFound, 'no open identification request at this booth');
    return pending;
  }

  async #finish(pending: PendingRequest, problem: IdentityProblem, triesLeft: number | null = null): Promise<void> {
    const open = this.#requests.get(pending.state.requestId) === pending;
    this.#forget(pending);
    pending.state = { ...pending.state, status: 'failed', problem, triesLeft };
    this.#tellExpert(pending);
    if (open) this.#registry.notifySubject(pending.boothId, 'identity.closed', { sessionId: pending.state.sessionId, requestId: pending.state.requestId });
    await this.#record(pending, problem === 'expired' ? 'timeout' : problem === 'cancelled' ? 'cancelled' : 'failure', problem);
  }

  #forget(pending: PendingRequest): void {
    clearTimeout(pending.timer);
    this.#requests.delete(pending.state.requestId);
  }

  #tellExpert(pending: PendingRequest): void {
    this.#registry.notifySubject(pending.expertId, 'identity.changed', { state: pending.state });
  }

  async #record(pending: PendingRequest, outcome: 'success' | 'failure' | 'timeout' | 'cancelled', problem: IdentityProblem | null): Promise<void> {
    const record = this.#sessions.get(pending.state.sessionId);
    if (!record) return;
    await this.#usage.record(
      'deviceUsed',
      {
        servicePointId: record.servicePointId,
        agencyId: record.agencyId,
        serviceId: record.serviceId,
        visitId: record.visitId,
        sessionId: record.sessionId,
        language: record.language,
      },
      { action: 'idVerification', outcome, durationMs: Date.now() - pending.startedAt, error: problem },
    );
  }
}
