import { z } from 'zod';
import { Id } from './domain.ts';

/**
 * The booth's devices: their health (device bridge → kiosk → signalling → admin and host-staff
 * consoles), the bridge's HTTP bodies, and the DeviceAction messages the expert and the booth
 * exchange over the session's `devices` data channel. Content (documents, scans, images)
 * travels only over that channel, through the SFU, never stored by the server.
 */
export const DeviceKind = z.enum(['printer', 'scanner', 'paymentTerminal', 'idCardReader']);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** `absent`: not installed in this booth; `offline`: installed but not reachable. */
export const DeviceState = z.enum(['ready', 'busy', 'outOfPaper', 'offline', 'absent', 'error']);
export type DeviceState = z.infer<typeof DeviceState>;

export const DeviceHealth = z.object({
  kind: DeviceKind,
  state: DeviceState,
  /** A short technical note for staff (e.g. the CUPS state reason); never content. */
  detail: z.string().max(200).nullable(),
  /** A simulator stands in for the device (payment terminal: no open standard exists). */
  simulated: z.boolean(),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;

/** GET /health of the device bridge. */
export const BridgeHealth = z.object({ checkedAt: z.number().int(), devices: z.array(DeviceHealth).max(8) });
export type BridgeHealth = z.infer<typeof BridgeHealth>;

/** One booth's device status as admins and host staff see it. */
export const BoothDeviceStatus = z.object({
  boothId: Id,
  label: z.string(),
  servicePointId: Id,
  /** Epoch ms of the last heartbeat; null when none was received since the server started. */
  reportedAt: z.number().int().nullable(),
  /** No heartbeat for longer than the heartbeat timeout: the kiosk or its bridge is down. */
  stale: z.boolean(),
  devices: z.array(DeviceHealth),
});
export type BoothDeviceStatus = z.infer<typeof BoothDeviceStatus>;

/** The things an expert asks the booth to do. */
export const DeviceAction = z.enum(['print', 'scan', 'stillCapture', 'idVerification', 'payment', 'acknowledgement']);
export type DeviceAction = z.infer<typeof DeviceAction>;

export const DeviceOutcome = z.enum(['success', 'failure', 'declined', 'cancelled', 'timeout']);
export type DeviceOutcome = z.infer<typeof DeviceOutcome>;

/** Why a device action failed: stable codes, shown to both sides in their language. */
export const DeviceErrorCode = z.enum([
  'bridgeUnavailable',
  'printerOffline',
  'outOfPaper',
  'printFailed',
  'scannerUnavailable',
  'scanFailed',
  'cameraUnavailable',
  'terminalOffline',
  'terminalTimeout',
  'paymentDeclined',
  'cancelledByCustomer',
  'cancelledByExpert',
  'invalidDocument',
  'busy',
  // ID-card reader (see identity.ts)
  'wrongPin',
  'pinBlocked',
  'cardRemoved',
  'noCard',
  'readerUnavailable',
  'cardError',
]);
export type DeviceErrorCode = z.infer<typeof DeviceErrorCode>;

// ---- device bridge HTTP bodies ----------------------------------------------------------

export const BridgeError = z.object({
  error: DeviceErrorCode,
  message: z.string(),
  /** With `wrongPin`: the PIN tries the card has left. */
  triesLeft: z.number().int().min(0).max(15).nullable().optional(),
});
export type BridgeError = z.infer<typeof BridgeError>;

export const PrintResult = z.object({ jobId: z.string(), pages: z.number().int().min(0) });
export type PrintResult = z.infer<typeof PrintResult>;

export const PreviewResult = z.object({ pages: z.number().int().min(0), images: z.array(z.string().max(4_000_000)).max(20) });
export type PreviewResult = z.infer<typeof PreviewResult>;

export const PaymentRequest = z
  .object({
    /** In cents. */
    amountCents: z.number().int().min(1).max(100_000_000),
    currency: z.literal('EUR'),
    /** The agency's reference for the payment. */
    reference: z.string().min(1).max(64).regex(/^[A-Za-z0-9 _./-]+$/),
  })
  .strict();
export type PaymentRequest = z.infer<typeof PaymentRequest>;

export const PaymentStatus = z.enum(['waitingForCard', 'approved', 'declined', 'cancelled', 'timeout', 'failed']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const PaymentState = z.object({
  paymentId: z.string(),
  status: PaymentStatus,
  amountCents: z.number().int(),
  reference: z.string(),
  /** Set when approved: the terminal's approval code and the masked card number. */
  approvalCode: z.string().nullable(),
  maskedCard: z.string().nullable(),
  finishedAt: z.number().int().nullable(),
});
export type PaymentState = z.infer<typeof PaymentState>;

/** The simulator's card: what the customer "does" at the simulated terminal. */
export const SimulatedCardAction = z.object({ outcome: z.enum(['approve', 'decline']) }).strict();

// ---- messages on the session's `devices` data channel ----------------------------------

export const DEVICES_CHANNEL = 'devices';
export const DEVICES_PROTOCOL = 'etapiste-devices/1';
const RequestId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** Expert → booth. Print and acknowledgement carry their PDF as a file with meta `{ requestId }`. */
export const DeviceCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('print'), requestId: RequestId, name: z.string().max(200) }),
  z.object({ type: z.literal('scan'), requestId: RequestId }),
  z.object({ type: z.literal('stillCapture'), requestId: RequestId }),
  z.object({ type: z.literal('payment'), requestId: RequestId, payment: PaymentRequest }),
  z.object({ type: z.literal('acknowledgement'), requestId: RequestId, title: z.string().min(1).max(200) }),
  z.object({ type: z.literal('cancel'), requestId: RequestId }),
]);
export type DeviceCommand = z.infer<typeof DeviceCommand>;

/** The acknowledgement receipt: what the customer confirmed, when, in which session, how. */
export const AcknowledgementReceipt = z.object({
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Server time (epoch ms) the confirmation was recorded at. */
  confirmedAt: z.number().int(),
  sessionId: Id,
  method: z.enum(['signature', 'confirm']),
  /** SHA-256 of the signature image sent with the receipt (method 'signature'). */
  signatureSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
});
export type AcknowledgementReceipt = z.infer<typeof AcknowledgementReceipt>;

/** Booth → expert. Scans, stills and signature images follow as files with meta `{ requestId }`. */
export const DeviceReport = z.discriminatedUnion('type', [
  /** The booth has the request and is working on it (or waiting for the customer). */
  z.object({ type: z.literal('progress'), requestId: RequestId, action: DeviceAction, step: z.enum(['waitingForCustomer', 'working']) }),
  z.object({
    type: z.literal('result'),
    requestId: RequestId,
    action: DeviceAction,
    outcome: DeviceOutcome,
    error: DeviceErrorCode.nullable(),
    pages: z.number().int().nullable().optional(),
    payment: PaymentState.nullable().optional(),
    receipt: AcknowledgementReceipt.nullable().optional(),
    /** Scans: 'scanner' or the document camera fallback. */
    scanSource: z.enum(['scanner', 'documentCamera']).nullable().optional(),
  }),
]);
export type DeviceReport = z.infer<typeof DeviceReport>;
export type DeviceResultReport = Extract<DeviceReport, { type: 'result' }>;
