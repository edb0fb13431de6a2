import type { DeviceRegistry } from './device-registry.ts';
import { PcscIdCardReader } from './id-card/pcsc-id-card-reader.ts';
import { SimulatedPaymentTerminal } from './payment/simulated-payment-terminal.ts';
import { CupsPrinter } from './printer/cups-printer.ts';
import { SaneScanner } from './scanner/sane-scanner.ts';

/**
 * The bridge's configuration, from the booth computer's environment:
 *
 * | variable | meaning |
 * |---|---|
 * | `ETAPISTE_BRIDGE_TOKEN` | required: the per-booth secret the kiosk presents (≥ 16 characters) |
 * | `ETAPISTE_KIOSK_ORIGIN` | required: the kiosk app's origin, the only one CORS allows |
 * | `ETAPISTE_BRIDGE_PORT` | default 8765 (127.0.0.1 only) |
 * | `ETAPISTE_PRINTER_QUEUE` | CUPS queue of the booth printer; `none` = no printer (default `booth`) |
 * | `CUPS_SERVER` | the CUPS server, when not the system's |
 * | `ETAPISTE_SCANNER` | SANE device (e.g. `test:0`); `none` = no scanner, the document camera stands in (default `none`) |
 * | `SANE_CONFIG_DIR` | SANE's configuration folder, when not /etc/sane.d |
 * | `ETAPISTE_PAYMENT_TERMINAL` | `simulator` or `none` (default `simulator`) |
 * | `ETAPISTE_PAYMENT_TIMEOUT_MS` | how long the terminal waits for a card (default 90000) |
 * | `ETAPISTE_ID_CARD_READER` | PC/SC reader for ID cards: `auto` (any reader), the start of a reader's name, or `none` (default `auto`) |
 */
export interface BridgeConfig {
  token: string;
  kioskOrigin: string;
  port: number;
  printerQueue: string | null;
  cupsServer: string | undefined;
  scannerDevice: string | null;
  saneConfigDir: string | undefined;
  paymentTerminal: 'simulator' | 'none';
  paymentTimeoutMs: number;
  /** PC/SC reader name prefix; '' = any reader; null = no ID-card reader. */
  idCardReader: string | null;
}

export function bridgeConfigFromEnv(env: NodeJS.ProcessEnv): BridgeConfig {
  const token = env.ETAPISTE_BRIDGE_TOKEN ?? '';
  if (token.length < 16) throw new Error('ETAPISTE_BRIDGE_TOKEN must be set (at least 16 characters)');
  const kioskOrigin = env.ETAPISTE_KIOSK_ORIGIN ?? '';
  if (!/^https?:\/\/[^/]+$/.test(kioskOrigin)) throw new Error('ETAPISTE_KIOSK_ORIGIN must be an origin like https://etapiste.example');
  const payment = env.ETAPISTE_PAYMENT_TERMINAL ?? 'simulator';
  if (payment !== 'simulator' && payment !== 'none') throw new Error('ETAPISTE_PAYMENT_TERMINAL is simulator or none');
  const orNull = (value: string | undefined, fallback: string | null) => (value === 'none' ? null : (value ?? fallback));
  return {
    token,
    kioskOrigin,
    port: Number(env.ETAPISTE_BRIDGE_PORT ?? 8765),
    printerQueue: orNull(env.ETAPISTE_PRINTER_QUEUE, 'booth'),
    cupsServer: env.CUPS_SERVER,
    scannerDevice: orNull(env.ETAPISTE_SCANNER, null),
    saneConfigDir: env.SANE_CONFIG_DIR,
    paymentTerminal: payment,
    paymentTimeoutMs: Number(env.ETAPISTE_PAYMENT_TIMEOUT_MS ?? 90_000),
    idCardReader: env.ETAPISTE_ID_CARD_READER === 'none' ? null : env.ETAPISTE_ID_CARD_READER === 'auto' || !env.ETAPISTE_ID_CARD_READER ? '' : env.ETAPISTE_ID_CARD_READER,
  };
}

/** The booth's devices as configured. */
export function registryFromConfig(config: BridgeConfig): DeviceRegistry {
  return {
    printer: config.printerQueue ? new CupsPrinter({ queue: config.printerQueue, ...(config.cupsServer ? { server: config.cupsServer } : {}) }) : null,
    scanner: config.scannerDevice ? new SaneScanner({ device: config.scannerDevice, ...(config.saneConfigDir ? { configDir: config.saneConfigDir } : {}) }) : null,
    paymentTerminal: config.paymentTerminal === 'simulator' ? new SimulatedPaymentTerminal({ timeoutMs: config.paymentTimeoutMs }) : null,
    idCardReader: config.idCardReader === null ? null : new PcscIdCardReader(config.idCardReader ? { readerName: config.idCardReader } : {}),
  };
}
