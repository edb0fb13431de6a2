import { randomBytes } from 'node:crypto';
import { startBridge, type RunningBridge } from '../../booth-client/bridge/src/bridge-server.ts';
import { SimulatedPaymentTerminal } from '../../booth-client/bridge/src/payment/simulated-payment-terminal.ts';
import { CupsPrinter } from '../../booth-client/bridge/src/printer/cups-printer.ts';
import { SaneScanner } from '../../booth-client/bridge/src/scanner/sane-scanner.ts';
import { startCupsSandbox, type CupsSandbox } from '../../booth-client/bridge/src/testing/cups-sandbox.ts';
import { saneTestConfig } from '../../booth-client/bridge/src/testing/sane-test-config.ts';
import { boothUrl } from './browser.ts';

export interface BoothDevices {
  bridge: RunningBridge;
  cups: CupsSandbox;
  terminal: SimulatedPaymentTerminal;
  /** The kiosk URL with the bridge's address and token. */
  kioskUrl: string;
  close(): Promise<void>;
}

/**
 * A booth computer's devices for browser tests: a device bridge (in this process) with a real
 * cupsd and its file-backed PDF printer, SANE's test scanner and the payment simulator, and
 * the kiosk URL that points the booth page at it.
 */
export async function startBoothDevices(server: { url: string }, options: { paymentTimeoutMs?: number; printJobTimeoutMs?: number; scanner?: boolean } = {}): Promise<BoothDevices> {
  const [cups, sane] = await Promise.all([startCupsSandbox(), saneTestConfig()]);
  const terminal = new SimulatedPaymentTerminal({ timeoutMs: options.paymentTimeoutMs ?? 60_000 });
  const token = randomBytes(24).toString('hex');
  const bridge = await startBridge({
    registry: {
      printer: new CupsPrinter({ queue: cups.queue, server: cups.server, jobTimeoutMs: options.printJobTimeoutMs ?? 20_000 }),
      scanner: options.scanner === false ? null : new SaneScanner({ device: sane.device, configDir: sane.configDir }),
      paymentTerminal: terminal,
      idCardReader: null,
    },
    token,
    kioskOrigin: new URL(server.url).origin,
    port: 0,
  });
  return {
    bridge,
    cups,
    terminal,
    kioskUrl: `${boothUrl(server)}&bridge=${encodeURIComponent(bridge.url)}&bridgeToken=${token}`,
    async close() {
      terminal.close();
      await bridge.close();
      await cups.close();
      await sane.remove();
    },
  };
}
