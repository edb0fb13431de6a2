import { privateEncrypt, constants, type KeyObject } from 'node:crypto';
import net from 'node:net';
import { FINEID, SHA256_DIGEST_INFO_PREFIX, SW } from '../fineid-layout.ts';

/**
 * A FINEID-style citizen card in software, behind vsmartcard's virtual reader (vpcd). It
 * speaks vpcd's socket protocol (2-byte big-endian length, then a 1-byte control message or a
 * C-APDU; connecting = card inserted, closing = card removed) and answers the ISO 7816-4
 * commands an identification needs: SELECT of the PKCS#15 application and of the
 * authentication certificate's EF (FCP with the size), READ BINARY, VERIFY of the basic PIN
 * with a retry counter (63 Cx, 69 83 when blocked), MSE:SET and PSO: COMPUTE DIGITAL
 * SIGNATURE (RSA PKCS#1 v1.5 over a SHA-256 DigestInfo), and 6D 00 to anything else (opensc
 * and pcscd probe with their own commands).
 *
 * Tests steer faults with `intercept`: per C-APDU, answer it, hold it unanswered (for a fault
 * to strike while the reader waits) or cut the link without an answer.
 */
export interface VirtualIdCardOptions {
  certificateDer: Buffer;
  privateKey: KeyObject;
  pin: string;
  /** Retry counter of the basic PIN (default 3). */
  triesLeft?: number;
}

export type InterceptDecision = 'answer' | 'hold' | 'cut';
export type ApduInterceptor = (command: Buffer) => InterceptDecision;

/** ATR of a T=1 card with "FINEID" as historical bytes (TCK included). */
const ATR = (() => {
  const historical = Buffer.from('FINEID', 'ascii');
  const body = Buffer.concat([Buffer.from([0x3b, 0x80 | 0x00, 0x80, 0x01]), historical]);
  body[1] = 0x80 | historical.length; // T0: TD1 present, K historical bytes
  let tck = 0;
  for (const byte of body.subarray(1)) tck ^= byte;
  return Buffer.concat([body, Buffer.from([tck])]);
})();

export const INS = { select: 0xa4, readBinary: 0xb0, verify: 0x20, mse: 0x22, pso: 0x2a } as const;

export class VirtualIdCard {
  readonly #options: Required<VirtualIdCardOptions>;
  #triesLeft: number;
  #socket: net.Socket | null = null;
  #applicationSelected = false;
  #selectedFile: Buffer | null = null;
  #pinVerified = false;
  #signatureKeySet = false;
  /** Decides per C-APDU whether to answer it, hold it or cut the link (faults in tests). */
  intercept: ApduInterceptor = () => 'answer';
  /** Every C-APDU received, in order (tests assert what the reader sent). */
  readonly received: Buffer[] = [];
  #waiters: Array<{ predicate: (command: Buffer) => boolean; resolve: () => void }> = [];

  constructor(options: VirtualIdCardOptions) {
    this.#options = { triesLeft: 3, ...options };
    this.#triesLeft = this.#options.triesLeft;
  }

  get inserted(): boolean {
    return this.#socket !== null && !this.#socket.destroyed;
  }

  get triesLeft(): number {
    return this.#triesLeft;
  }

  /** Puts the card into the virtual reader listening on `port` (vpcd's default mode). */
  async insert(port: number, host = '127.0.0.1'): Promise<void> {
    if (this.inserted) return;
    const socket = net.connect(port, host);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.on('error', () => {});
    this.#socket = socket;
    this.#powerOff();
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const length = pending.readUInt16BE(0);
        const message = Buffer.from(pending.subarray(2, 2 + length));
        pending = pending.subarray(2 + length);
        this.#onMessage(socket, message);
      }
    });
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = null;
    });
  }

  /** Takes the card out (closes the vpcd link cleanly). */
  async remove(): Promise<void> {
    const socket = this.#socket;
    if (!socket) return;
    this.#socket = null;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  /** Resolves when a C-APDU matching `predicate` arrives (including one that is held). */
  waitForCommand(predicate: (command: Buffer) => boolean): Promise<void> {
    return new Promise((resolve) => this.#waiters.push({ predicate, resolve }));
  }

  #onMessage(socket: net.Socket, message: Buffer): void {
    if (message.length === 1) {
      const control = message[0];
      if (control === 0x04) this.#send(socket, ATR);
      else this.#powerOff(); // 0x00 power off, 0x01 power on, 0x02 reset: a fresh card state
      return;
    }
    this.received.push(message);
    const decision = this.intercept(message);
    for (const waiter of this.#waiters.filter((w) => w.predicate(message))) {
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    if (decision === 'hold') return;
    if (decision === 'cut') {
      if (this.#socket === socket) this.#socket = null;
      socket.destroy();
      return;
    }
    this.#send(socket, this.#answer(message));
  }

  #send(socket: net.Socket, payload: Buffer): void {
    const header = Buffer.alloc(2);
    header.writeUInt16BE(payload.length);
    socket.write(Buffer.concat([header, payload]));
  }

  #powerOff(): void {
    this.#applicationSelected = false;
    this.#selectedFile = null;
    this.#pinVerified = false;
    this.#signatureKeySet = false;
  }

  #answer(command: Buffer): Buffer {
    if (command.length < 4) return sw(SW.wrongLength);
    const [cla, ins, p1, p2] = command as unknown as [number, number, number, number];
    if (cla !== 0x00) return sw(SW.claNotSupported);
    const lc = command.length > 5 ? command[4]! : 0;
    const data = command.subarray(5, 5 + lc);
    switch (ins) {
      case INS.select:
        return this.#select(p1, data);
      case INS.readBinary:
        return this.#readBinary(((p1 & 0x7f) << 8) | p2, command.length === 5 ? command[4]! || 256 : 256);
      case INS.verify:
        return this.#verify(p2, command.length === 4 ? null : data.toString('ascii'));
      case INS.mse:
        if (p1 !== 0x41 || p2 !== 0xb6) return sw(SW.wrongParameters);
        this.#signatureKeySet = data.includes(Buffer.from([0x84, 0x01, FINEID.authKeyReference]));
        return this.#signatureKeySet ? sw(SW.ok) : sw(SW.wrongParameters);
      case INS.pso:
        if (p1 !== 0x9e || p2 !== 0x9a) return sw(SW.wrongParameters);
        return this.#sign(data);
      default:
        return sw(SW.insNotSupported);
    }
  }

  #select(p1: number, data: Buffer): Buffer {
    if (p1 === 0x04) {
      this.#applicationSelected = data.equals(FINEID.aid);
      this.#selectedFile = null;
      return this.#applicationSelected ? sw(SW.ok) : sw(SW.fileNotFound);
    }
    if (p1 === 0x02 && this.#applicationSelected && data.equals(FINEID.authCertificateFileId)) {
      this.#selectedFile = this.#options.certificateDer;
      const size = Buffer.alloc(2);
      size.writeUInt16BE(this.#selectedFile.length);
      const fcp = Buffer.concat([Buffer.from([0x62, 0x08, 0x80, 0x02]), size, Buffer.from([0x82, 0x02, 0x01, 0x21])]);
      return Buffer.concat([fcp, sw(SW.ok)]);
    }
    return sw(SW.fileNotFound);
  }

  #readBinary(offset: number, length: number): Buffer {
    const file = this.#selectedFile;
    if (!file) return sw(SW.conditionsNotSatisfied);
    if (offset > file.length) return sw(SW.wrongParameters);
    return Buffer.concat([file.subarray(offset, offset + length), sw(SW.ok)]);
  }

  #verify(reference: number, pin: string | null): Buffer {
    if (reference !== FINEID.basicPinReference) return sw(SW.fileNotFound);
    if (this.#triesLeft === 0) return sw(SW.authenticationMethodBlocked);
    if (pin === null) return this.#pinVerified ? sw(SW.ok) : sw(0x63c0 | this.#triesLeft);
    if (pin === this.#options.pin) {
      this.#triesLeft = this.#options.triesLeft;
      this.#pinVerified = true;
      return sw(SW.ok);
    }
    this.#triesLeft -= 1;
    this.#pinVerified = false;
    return this.#triesLeft === 0 ? sw(SW.authenticationMethodBlocked) : sw(0x63c0 | this.#triesLeft);
  }

  #sign(digestInfo: Buffer): Buffer {
    if (!this.#pinVerified) return sw(SW.securityStatusNotSatisfied);
    if (!this.#signatureKeySet) return sw(SW.conditionsNotSatisfied);
    if (digestInfo.length !== SHA256_DIGEST_INFO_PREFIX.length + 32 || !digestInfo.subarray(0, SHA256_DIGEST_INFO_PREFIX.length).equals(SHA256_DIGEST_INFO_PREFIX)) {
      return sw(SW.wrongParameters);
    }
    // The card's own RSA operation: PKCS#1 v1.5 type 1 padding of the DigestInfo, then the private key.
    const signature = privateEncrypt({ key: this.#options.privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo);
    // Like a real card, the PIN is good for one signature.
    this.#pinVerified = false;
    return Buffer.concat([signature, sw(SW.ok)]);
  }
}

function sw(word: number): Buffer {
  return Buffer.from([(word >> 8) & 0xff, word & 0xff]);
}
