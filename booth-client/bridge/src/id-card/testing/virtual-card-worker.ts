// Worker thread of VirtualIdCardDevice: one VirtualIdCard, steered by messages.
import { createPrivateKey } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { VirtualIdCard } from './card-emulator.ts';
import type { CardFault } from './virtual-card-device.ts';

const data = workerData as { certificateDer: Uint8Array; privateKeyPem: string; pin: string; triesLeft: number };
const card = new VirtualIdCard({
  certificateDer: Buffer.from(data.certificateDer),
  privateKey: createPrivateKey(data.privateKeyPem),
  pin: data.pin,
  triesLeft: data.triesLeft,
});

let fault: CardFault | null = null;
let seen = 0;
card.intercept = (command) => {
  if (!fault || command[1] !== fault.ins) return 'answer';
  seen += 1;
  return seen === (fault.nth ?? 1) ? fault.action : 'answer';
};

async function insertRetrying(port: number): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      return await card.insert(port);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

parentPort!.on('message', async (message: { id: number; op: string; port?: number; fault?: CardFault | null; ins?: number }) => {
  try {
    let value: unknown;
    switch (message.op) {
      case 'insert':
        await insertRetrying(message.port!);
        break;
      case 'remove':
        await card.remove();
        break;
      case 'setFault':
        fault = message.fault ?? null;
        seen = 0;
        break;
      case 'waitForCommand':
        await card.waitForCommand((command) => command[1] === message.ins);
        break;
      case 'triesLeft':
        value = card.triesLeft;
        break;
      case 'received':
        value = card.received.map((command) => command[1]);
        break;
      default:
        throw new Error(`unknown op ${message.op}`);
    }
    parentPort!.postMessage({ id: message.id, ok: true, value });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, ok: false, error: (error as Error).message });
  }
});
