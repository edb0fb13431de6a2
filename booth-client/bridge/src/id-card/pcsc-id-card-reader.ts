import { Context, SCARD_LEAVE_CARD, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED, SCARD_STATE_PRESENT } from 'smartcard';
import type { CardInterface, ReaderInterface } from 'smartcard';
import { apdu, FINEID, fileSizeOf, sha256DigestInfo, SW, triesLeftOf } from './fineid-layout.ts';
import type { DeviceHealth } from '@etapiste/shared';
import { IdCardError, type IdCardReader } from '../device-registry.ts';

interface IdCardReaderStatus {
  readerPresent: boolean;
  cardPresent: boolean;
}

const IdCardErrorCode = {
  WrongPin: 'wrongPin',
  PinBlocked: 'pinBlocked',
  CardRemoved: 'cardRemoved',
  ReaderUnavailable: 'readerUnavailable',
  NoCard: 'noCard',
  CardError: 'cardError',
} as const;

export interface PcscIdCardReaderOptions {
  /** The reader to use: the first PC/SC reader whose name starts with this (default: any reader, one with a card first). */
  readerName?: string;
  /** An operation that takes longer is abandoned (the card or the daemon stopped answering). */
  timeoutMs?: number;
}

const READ_CHUNK = 0xe0;
const MAX_CERTIFICATE_BYTES = 8192;
/** How long a failure is watched for the card or the reader to go (pcscd polls every 400 ms). */
const SETTLE_MS = 1200;

/**
 * The ID-card reader over PC/SC (pcsc-lite through the `smartcard` N-API binding). Each
 * operation opens its own PC/SC context and card connection and closes them, so a restarted
 * daemon, a re-plugged reader or a swapped card need no recovery. A failure is classified by
 * looking again: no daemon or no reader → readerUnavailable; reader without card →
 * cardRemoved; otherwise the card's own error.
 */
export class PcscIdCardReader implements IdCardReader {
  readonly #readerName: string | undefined;
  readonly #timeoutMs: number;

  constructor(options: PcscIdCardReaderOptions = {}) {
    this.#readerName = options.readerName;
    this.#timeoutMs = options.timeoutMs ?? 20_000;
  }

  async health(): Promise<DeviceHealth> {
    const { readerPresent, cardPresent } = await this.status();
    return { kind: 'idCardReader', state: readerPresent ? 'ready' : 'offline', detail: readerPresent ? (cardPresent ? 'card inserted' : null) : 'no PC/SC reader', simulated: false };
  }

  async status(): Promise<IdCardReaderStatus> {
    let context: InstanceType<typeof Context> | null = null;
    try {
      context = new Context();
      const reader = this.#pick(context.listReaders());
      return { readerPresent: reader !== null, cardPresent: reader !== null && (reader.state & SCARD_STATE_PRESENT) !== 0 };
    } catch {
      return { readerPresent: false, cardPresent: false };
    } finally {
      closeQuietly(context);
    }
  }

  readAuthenticationCertificate(): Promise<Buffer> {
    return this.#withCard(async (card) => {
      await command(card, apdu.selectApplication(FINEID.aid), 'select the ID application');
      const fcp = await command(card, apdu.selectFile(FINEID.authCertificateFileId), 'select the authentication certificate');
      const size = fileSizeOf(fcp);
      if (size === null || size < 4 || size > MAX_CERTIFICATE_BYTES) throw new IdCardError(IdCardErrorCode.CardError, 'the card gave no certificate size');
      const parts: Buffer[] = [];
      for (let offset = 0; offset < size; ) {
        const part = await command(card, apdu.readBinary(offset, Math.min(READ_CHUNK, size - offset)), 'read the certificate');
        if (part.length === 0) throw new IdCardError(IdCardErrorCode.CardError, 'the card ended the certificate early');
        parts.push(part);
        offset += part.length;
      }
      return Buffer.concat(parts).subarray(0, size);
    });
  }

  signChallenge(challenge: Buffer, pin: string): Promise<Buffer> {
    if (!/^\d+$/.test(pin) || pin.length < FINEID.pinMinLength || pin.length > FINEID.pinMaxLength) {
      return Promise.reject(new IdCardError(IdCardErrorCode.WrongPin, `a PIN is ${FINEID.pinMinLength}–${FINEID.pinMaxLength} digits`));
    }
    if (challenge.length < 16 || challenge.length > 1024) return Promise.reject(new IdCardError(IdCardErrorCode.CardError, 'bad challenge length'));
    return this.#withCard(async (card) => {
      await command(card, apdu.selectApplication(FINEID.aid), 'select the ID application');
      const verify = await transmit(card, apdu.verifyPin(FINEID.basicPinReference, pin));
      if (verify.sw === SW.authenticationMethodBlocked) throw new IdCardError(IdCardErrorCode.PinBlocked, 'the PIN is blocked', 0);
      const triesLeft = triesLeftOf(verify.sw);
      if (triesLeft !== null) {
        if (triesLeft === 0) throw new IdCardError(IdCardErrorCode.PinBlocked, 'the PIN is blocked', 0);
        throw new IdCardError(IdCardErrorCode.WrongPin, `wrong PIN, ${triesLeft} tries left`, triesLeft);
      }
      expectOk(verify.sw, 'verify the PIN');
      await command(card, apdu.setSignatureKey(FINEID.authKeyReference), 'choose the authentication key');
      return command(card, apdu.computeSignature(sha256DigestInfo(challenge)), 'sign the challenge');
    });
  }

  #pick(readers: ReaderInterface[]): ReaderInterface | null {
    const named = this.#readerName;
    const candidates = named ? readers.filter((reader) => reader.name.startsWith(named)) : readers;
    return candidates.find((reader) => (reader.state & SCARD_STATE_PRESENT) !== 0) ?? candidates[0] ?? null;
  }

  async #withCard<T>(operation: (card: CardInterface) => Promise<T>): Promise<T> {
    let context: InstanceType<typeof Context> | null = null;
    let card: CardInterface | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const work = (async () => {
      try {
        context = new Context();
      } catch {
        throw new IdCardError(IdCardErrorCode.ReaderUnavailable, 'the PC/SC service is not running');
      }
      const reader = this.#pick(listReadersQuietly(context));
      if (!reader) throw new IdCardError(IdCardErrorCode.ReaderUnavailable, 'no card reader');
      if ((reader.state & SCARD_STATE_PRESENT) === 0) throw new IdCardError(IdCardErrorCode.NoCard, 'no card in the reader');
      card = await reader.connect(SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0);
      return operation(card);
    })();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new IdCardError(IdCardErrorCode.CardError, 'the card did not answer in time')), this.#timeoutMs);
    });
    try {
      return await Promise.race([work, deadline]);
    } catch (error) {
      throw await this.#classify(error);
    } finally {
      clearTimeout(timer);
      work.catch(() => {}); // a timed-out native call may still settle later
      try {
        (card as CardInterface | null)?.disconnect(SCARD_LEAVE_CARD);
      } catch {
        // the card or the daemon is gone already
      }
      closeQuietly(context);
    }
  }

  /**
   * Tells a vanished reader from a pulled card by looking again. pcscd notices a card leaving
   * on its next presence poll (every 400 ms), so a transport failure is looked at for a while.
   */
  async #classify(error: unknown): Promise<IdCardError> {
    if (error instanceof IdCardError && error.code !== IdCardErrorCode.CardError) return error;
    const settleBy = Date.now() + SETTLE_MS;
    for (;;) {
      const now = await this.status();
      if (!now.readerPresent) return new IdCardError(IdCardErrorCode.ReaderUnavailable, 'the card reader was disconnected');
      if (!now.cardPresent) return new IdCardError(IdCardErrorCode.CardRemoved, 'the card was removed');
      if (Date.now() > settleBy) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (error instanceof IdCardError) return error;
    return new IdCardError(IdCardErrorCode.CardError, `card communication failed: ${(error as Error)?.message ?? String(error)}`);
  }
}

interface Response {
  data: Buffer;
  sw: number;
}

async function transmit(card: CardInterface, commandApdu: Buffer): Promise<Response> {
  const response = await card.transmit(commandApdu, { maxRecvLength: 258 + 2 });
  if (response.length < 2) throw new IdCardError(IdCardErrorCode.CardError, 'the card gave a short answer');
  return { data: response.subarray(0, -2), sw: response.readUInt16BE(response.length - 2) };
}

async function command(card: CardInterface, commandApdu: Buffer, what: string): Promise<Buffer> {
  const { data, sw } = await transmit(card, commandApdu);
  expectOk(sw, what);
  return data;
}

function expectOk(sw: number, what: string): void {
  if (sw !== SW.ok) throw new IdCardError(IdCardErrorCode.CardError, `the card refused to ${what} (${sw.toString(16).padStart(4, '0')})`);
}

function listReadersQuietly(context: InstanceType<typeof Context>): ReaderInterface[] {
  try {
    return context.listReaders();
  } catch {
    return [];
  }
}

function closeQuietly(context: InstanceType<typeof Context> | null): void {
  try {
    context?.close();
  } catch {
    // already closed
  }
}
