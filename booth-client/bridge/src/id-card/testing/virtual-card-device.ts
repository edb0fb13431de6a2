import { Worker } from 'node:worker_threads';
import type { KeyObject } from 'node:crypto';

/**
 * A virtual ID card as a device of its own: the card emulator (card-emulator.ts) runs on a
 * worker thread, like a real card runs on its own chip. This matters: PC/SC calls such as
 * SCardDisconnect block their caller while pcscd talks to the card, and a card answering on
 * the same thread as the PC/SC client would deadlock with it.
 *
 * Faults are declared, not coded: on the n-th C-APDU with a given INS the card answers,
 * holds the answer forever, or cuts the vpcd link without answering.
 */
export interface CardFault {
  ins: number;
  /** 1 = the first such command after the fault is set. */
  nth?: number;
  action: 'hold' | 'cut';
}

export interface VirtualCardSpec {
  certificateDer: Buffer;
  privateKey: KeyObject;
  pin: string;
  triesLeft?: number;
}

type Reply = { id: number; ok: true; value?: unknown } | { id: number; ok: false; error: string };

export class VirtualIdCardDevice {
  readonly #worker: Worker;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(spec: VirtualCardSpec) {
    this.#worker = new Worker(new URL('./virtual-card-worker.ts', import.meta.url), {
      workerData: { certificateDer: spec.certificateDer, privateKeyPem: spec.privateKey.export({ type: 'pkcs8', format: 'pem' }), pin: spec.pin, triesLeft: spec.triesLeft ?? 3 },
    });
    this.#worker.on('message', (reply: Reply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(new Error(reply.error));
    });
    this.#worker.on('error', (error) => {
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    });
  }

  #call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ id, op, ...args });
    });
  }

  /** Inserts the card into the vpcd slot listening on `port` (retrying while vpcd starts). */
  insert(port: number): Promise<void> {
    return this.#call('insert', { port });
  }

  remove(): Promise<void> {
    return this.#call('remove');
  }

  setFault(fault: CardFault | null): Promise<void> {
    return this.#call('setFault', { fault });
  }

  /** Resolves when a C-APDU with this INS arrives (also when it is held or cut). */
  waitForCommand(ins: number): Promise<void> {
    return this.#call('waitForCommand', { ins });
  }

  triesLeft(): Promise<number> {
    return this.#call('triesLeft');
  }

  /** The INS bytes of every C-APDU received so far. */
  receivedInstructions(): Promise<number[]> {
    return this.#call('received');
  }

  async dispose(): Promise<void> {
    await this.#worker.terminate();
  }
}
