import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { startBridge, type RunningBridge } from './bridge-server.ts';
import { SimulatedPaymentTerminal } from './payment/simulated-payment-terminal.ts';
import { CupsPrinter } from './printer/cups-printer.ts';
import { SaneScanner } from './scanner/sane-scanner.ts';
import { startCupsSandbox, type CupsSandbox } from './testing/cups-sandbox.ts';
import { saneTestConfig } from './testing/sane-test-config.ts';

const onPath = (command: string) => (process.env.PATH ?? '').split(':').some((dir) => existsSync(`${dir}/${command}`));

export interface DemoBridge {
  boothId: string;
  bridge: RunningBridge;
  /** Query string the kiosk URL needs: `bridge=…&bridgeToken=…`. */
  kioskQuery: string;
  /** Where the demo printer writes each printout (a PDF), when CUPS is installed. */
  printout: string | null;
}

/**
 * One device bridge per demo booth for `./etapiste start`, as a booth computer would run it:
 * a private cupsd with a PDF printer (when CUPS is installed), SANE's test scanner (when
 * sane-utils is installed) and the payment terminal simulator. Ports 8765, 8766, … (or any
 * free one when taken); a fresh token each start.
 */
export async function startDemoBridges(kioskOrigin: string, boothIds: readonly string[]): Promise<{ bridges: DemoBridge[]; close(): Promise<void> }> {
  const bridges: DemoBridge[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  for (const [index, boothId] of boothIds.entries()) {
    let cups: CupsSandbox | null = null;
    if (onPath('cupsd') || existsSync('/usr/sbin/cupsd')) {
      cups = await startCupsSandbox({ queue: 'booth' }).catch((error: unknown) => (console.warn(`[demo] no printer for ${boothId}:`, error), null));
      if (cups) cleanups.push(cups.close);
    }
    const sane = onPath('scanimage') ? await saneTestConfig() : null;
    if (sane) cleanups.push(sane.remove);
    const terminal = new SimulatedPaymentTerminal();
    cleanups.push(async () => terminal.close());
    const token = randomBytes(24).toString('hex');
    const registry = {
      printer: cups ? new CupsPrinter({ queue: cups.queue, server: cups.server }) : null,
      scanner: sane ? new SaneScanner({ device: sane.device, configDir: sane.configDir }) : null,
      paymentTerminal: terminal,
      idCardReader: null,
    };
    const bridge = await startBridge({ registry, token, kioskOrigin, port: 8765 + index }).catch(() => startBridge({ registry, token, kioskOrigin, port: 0 }));
    cleanups.unshift(bridge.close);
    bridges.push({ boothId, bridge, kioskQuery: `bridge=${encodeURIComponent(bridge.url)}&bridgeToken=${token}`, printout: cups?.outputFile ?? null });
  }
  return {
    bridges,
    close: async () => {
      for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    },
  };
}
