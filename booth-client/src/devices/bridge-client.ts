import {
  BridgeError,
  BridgeHealth,
  IdCardSignResult,
  IdCardStatus,
  PaymentState,
  PreviewResult,
  PrintResult,
  type DeviceErrorCode,
  type DeviceHealth,
  type PaymentRequest,
} from '@etapiste/shared';
import type { z } from 'zod';
import { kioskConfig } from '../kiosk-config.ts';

/** A device action failed with a stable code (see DeviceErrorCode). */
export class DeviceFailure extends Error {
  readonly code: DeviceErrorCode;
  /** With `wrongPin`: the PIN tries the card has left. */
  readonly triesLeft: number | null;
  constructor(code: DeviceErrorCode, message: string, triesLeft: number | null = null) {
    super(message);
    this.code = code;
    this.triesLeft = triesLeft;
  }
}

/**
 * The kiosk's client of the booth computer's device bridge (127.0.0.1, bridge token).
 * Every answer is validated; an unreachable bridge is `bridgeUnavailable`.
 */
async function call(path: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Response> {
  const bridge = kioskConfig().bridge;
  if (!bridge) throw new DeviceFailure('bridgeUnavailable', 'this booth has no device bridge');
  let response: Response;
  try {
    response = await fetch(`${bridge.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${bridge.token}`, ...(init.headers ?? {}) },
      signal: AbortSignal.timeout(init.timeoutMs ?? 120_000),
    });
  } catch (error) {
    throw new DeviceFailure('bridgeUnavailable', `device bridge unreachable: ${(error as Error).message}`);
  }
  if (response.ok) return response;
  const body = BridgeError.safeParse(await response.json().catch(() => null));
  throw new DeviceFailure(
    body.success ? body.data.error : 'bridgeUnavailable',
    body.success ? body.data.message : `bridge answered ${response.status}`,
    body.success ? (body.data.triesLeft ?? null) : null,
  );
}

async function json<T>(schema: z.ZodType<T>, response: Promise<Response>): Promise<T> {
  const parsed = schema.safeParse(await (await response).json().catch(() => null));
  if (!parsed.success) throw new DeviceFailure('bridgeUnavailable', 'unexpected answer from the device bridge');
  return parsed.data;
}

const pdfBody = (pdf: Uint8Array) => ({ method: 'POST', body: pdf as Uint8Array<ArrayBuffer>, headers: { 'content-type': 'application/pdf' } });

export const bridgeClient = {
  configured: () => kioskConfig().bridge !== null,
  health: () => json(BridgeHealth, call('/health', { timeoutMs: 8000 })),
  preview: (pdf: Uint8Array) => json(PreviewResult, call('/print/preview', pdfBody(pdf))),
  print: (pdf: Uint8Array, name: string) => json(PrintResult, call(`/print?name=${encodeURIComponent(name)}`, pdfBody(pdf))),
  scan: async () => new Uint8Array(await (await call('/scan', { method: 'POST' })).arrayBuffer()),
  requestPayment: (payment: PaymentRequest) =>
    json(PaymentState, call('/payment', { method: 'POST', body: JSON.stringify(payment), headers: { 'content-type': 'application/json' } })),
  paymentStatus: (paymentId: string) => json(PaymentState, call(`/payment/${encodeURIComponent(paymentId)}`, { timeoutMs: 8000 })),
  cancelPayment: (paymentId: string) => json(PaymentState, call(`/payment/${encodeURIComponent(paymentId)}/cancel`, { method: 'POST' })),
  printPaymentReceipt: async (paymentId: string) => void (await call(`/payment/${encodeURIComponent(paymentId)}/receipt`, { method: 'POST' })),
  idCardStatus: () => json(IdCardStatus, call('/id-card/status', { timeoutMs: 8000 })),
  /** Reads the ID card's certificate and has it sign the challenge after the PIN (the PIN goes to the local bridge only). */
  signWithIdCard: (challenge: string, pin: string) =>
    json(IdCardSignResult, call('/id-card/sign', { method: 'POST', body: JSON.stringify({ challenge, pin }), headers: { 'content-type': 'application/json' }, timeoutMs: 30_000 })),
  /** The payment simulator's card (only when the terminal is simulated). */
  presentSimulatedCard: (outcome: 'approve' | 'decline') =>
    json(PaymentState, call('/simulator/payment-terminal/card', { method: 'POST', body: JSON.stringify({ outcome }), headers: { 'content-type': 'application/json' } })),
};

/** The devices' health for the heartbeat; without a reachable bridge every device is offline. */
export async function devicesForHeartbeat(): Promise<DeviceHealth[]> {
  if (!bridgeClient.configured()) return [];
  try {
    return (await bridgeClient.health()).devices;
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 200) : 'device bridge unreachable';
    return (['printer', 'scanner', 'paymentTerminal', 'idCardReader'] as const).map((kind) => ({ kind, state: 'offline', detail, simulated: false }));
  }
}
