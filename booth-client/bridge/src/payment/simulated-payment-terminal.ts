import { randomInt, randomUUID } from 'node:crypto';
import type { DeviceHealth, PaymentRequest, PaymentState } from '@etapiste/shared';
import { DeviceError, type PaymentTerminal } from '../device-registry.ts';

/**
 * A card payment terminal simulator behind the PaymentTerminal interface (card terminals have
 * no open standard to run for real). It behaves like a terminal: one payment at a time, which
 * waits for a card until the customer presents one (the simulator's card: approve or
 * decline), the payment is cancelled, or the terminal's timeout passes.
 */
export class SimulatedPaymentTerminal implements PaymentTerminal {
  readonly #timeoutMs: number;
  readonly #payments = new Map<string, PaymentState>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #current: string | null = null;
  #online = true;

  constructor(options: { timeoutMs?: number } = {}) {
    this.#timeoutMs = options.timeoutMs ?? 90_000;
  }

  async health(): Promise<DeviceHealth> {
    const state = !this.#online ? 'offline' : this.#current ? 'busy' : 'ready';
    return { kind: 'paymentTerminal', state, detail: null, simulated: true };
  }

  async request(payment: PaymentRequest): Promise<PaymentState> {
    if (!this.#online) throw new DeviceError('terminalOffline', 'the payment terminal is offline');
    if (this.#current) throw new DeviceError('busy', 'a payment is already in progress');
    const paymentId = `pay_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const state: PaymentState = {
      paymentId,
      status: 'waitingForCard',
      amountCents: payment.amountCents,
      reference: payment.reference,
      approvalCode: null,
      maskedCard: null,
      finishedAt: null,
    };
    this.#payments.set(paymentId, state);
    this.#current = paymentId;
    this.#timers.set(paymentId, setTimeout(() => this.#finish(paymentId, { status: 'timeout' }), this.#timeoutMs));
    return state;
  }

  async status(paymentId: string): Promise<PaymentState> {
    const state = this.#payments.get(paymentId);
    if (!state) throw new DeviceError('paymentDeclined', 'no such payment');
    return state;
  }

  async cancel(paymentId: string): Promise<PaymentState> {
    return this.#finish(paymentId, { status: 'cancelled' });
  }

  /** The customer presents the simulator's card. */
  presentCard(outcome: 'approve' | 'decline'): PaymentState {
    if (!this.#current) throw new DeviceError('paymentDeclined', 'no payment is waiting for a card');
    return outcome === 'approve'
      ? this.#finish(this.#current, { status: 'approved', approvalCode: String(randomInt(100000, 999999)), maskedCard: '**** **** **** 0119' })
      : this.#finish(this.#current, { status: 'declined' });
  }

  /** Fault simulation: the terminal drops off the network. */
  setOnline(online: boolean): void {
    this.#online = online;
  }

  close(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #finish(paymentId: string, change: Partial<PaymentState>): PaymentState {
    const state = this.#payments.get(paymentId);
    if (!state) throw new DeviceError('paymentDeclined', 'no such payment');
    if (state.status !== 'waitingForCard') return state;
    clearTimeout(this.#timers.get(paymentId));
    this.#timers.delete(paymentId);
    const finished = { ...state, ...change, finishedAt: Date.now() };
    this.#payments.set(paymentId, finished);
    if (this.#current === paymentId) this.#current = null;
    return finished;
  }
}
