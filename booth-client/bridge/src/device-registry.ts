import type { DeviceErrorCode, DeviceHealth, PaymentRequest, PaymentState } from '@etapiste/shared';

/**
 * The devices of one booth as the bridge drives them. Each kind has a typed interface; the
 * registry holds the booth's configured implementations (CUPS, SANE, PC/SC, a payment
 * terminal or its simulator) and collects their health for the heartbeat.
 */

/** A device failure with a stable code the kiosk and the expert's console translate. */
export class DeviceError extends Error {
  readonly code: DeviceErrorCode;
  constructor(code: DeviceErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'DeviceError';
  }
}

export interface Printer {
  health(): Promise<DeviceHealth>;
  /** Prints a PDF; resolves when the print system reports the job completed. */
  print(pdf: Buffer, jobName: string): Promise<{ jobId: string; pages: number }>;
  /** Prints plain text (a payment receipt). */
  printText(text: string, jobName: string): Promise<{ jobId: string }>;
  /** Renders the pages the customer will get (PNG data URLs, small) and counts them. */
  preview(pdf: Buffer): Promise<{ pages: number; images: string[] }>;
}

export interface Scanner {
  health(): Promise<DeviceHealth>;
  /** Scans one page (A4) and returns it as PNG. */
  scan(): Promise<Buffer>;
}

export interface PaymentTerminal {
  health(): Promise<DeviceHealth>;
  /** Starts a payment; the terminal then waits for the customer's card. */
  request(payment: PaymentRequest): Promise<PaymentState>;
  status(paymentId: string): Promise<PaymentState>;
  cancel(paymentId: string): Promise<PaymentState>;
}

/**
 * Why an ID-card operation failed: `wrongPin` (with tries left), `pinBlocked` (no tries left),
 * `cardRemoved` (during the operation), `readerUnavailable` (unplugged, or PC/SC down),
 * `noCard`, `cardError` (not an ID card, or it answered with an error or not at all).
 */
export type IdCardErrorCode = 'wrongPin' | 'pinBlocked' | 'cardRemoved' | 'readerUnavailable' | 'noCard' | 'cardError';

export class IdCardError extends Error {
  readonly code: IdCardErrorCode;
  /** With `wrongPin`: how many PIN tries the card has left. */
  readonly triesLeft: number | null;
  constructor(code: IdCardErrorCode, message: string, triesLeft: number | null = null) {
    super(message);
    this.code = code;
    this.triesLeft = triesLeft;
    this.name = 'IdCardError';
  }
}

/** The ID-card reader slot (implemented in `id-card/`, PC/SC). Errors are IdCardError. */
export interface IdCardReader {
  health(): Promise<DeviceHealth>;
  status(): Promise<{ readerPresent: boolean; cardPresent: boolean }>;
  /** The card's authentication certificate, DER. */
  readAuthenticationCertificate(): Promise<Buffer>;
  /** Signs the server's challenge with the authentication key after the PIN. */
  signChallenge(challenge: Buffer, pin: string): Promise<Buffer>;
}

export interface DeviceRegistry {
  printer: Printer | null;
  scanner: Scanner | null;
  paymentTerminal: PaymentTerminal | null;
  idCardReader: IdCardReader | null;
}

const absent = (kind: DeviceHealth['kind']): DeviceHealth => ({ kind, state: 'absent', detail: null, simulated: false });

/** Every device kind's health; a device whose check throws is reported as `error`, never skipped. */
export async function registryHealth(registry: DeviceRegistry): Promise<DeviceHealth[]> {
  const entries: [DeviceHealth['kind'], { health(): Promise<DeviceHealth> } | null][] = [
    ['printer', registry.printer],
    ['scanner', registry.scanner],
    ['paymentTerminal', registry.paymentTerminal],
    ['idCardReader', registry.idCardReader],
  ];
  return Promise.all(
    entries.map(async ([kind, device]) => {
      if (!device) return absent(kind);
      try {
        return await device.health();
      } catch (error) {
        return { kind, state: 'error' as const, detail: String((error as Error).message).slice(0, 200), simulated: false };
      }
    }),
  );
}
