import {
  DEVICES_CHANNEL,
  DEVICES_PROTOCOL,
  DeviceReport,
  type AcknowledgementReceipt,
  type DeviceAction,
  type DeviceCommand,
  type DeviceErrorCode,
  type DeviceOutcome,
  type PaymentRequest,
  type PaymentState,
} from '@etapiste/shared';
import { sha256Hex, type CallEngine, type DataChannel, type DataEvent } from '@etapiste/shared/client';
import { create } from 'zustand';

/** If the booth has not acknowledged a request by then, the expert is told it did not answer. */
const ANSWER_TIMEOUT_MS = 15_000;

export interface ReceivedImage {
  name: string;
  url: string;
  width: number;
  height: number;
  bytes: number;
}

/** One device action as the expert follows it. */
export interface DeviceRequest {
  requestId: string;
  action: DeviceAction;
  status: 'sent' | 'waitingForCustomer' | 'working' | 'finished';
  outcome: DeviceOutcome | null;
  error: DeviceErrorCode | null;
  /** The booth never answered (no bridge, no connection). */
  noAnswer: boolean;
  pages: number | null;
  payment: PaymentState | null;
  receipt: AcknowledgementReceipt | null;
  /** Acknowledgement: the SHA-256 of the document the expert sent, to compare with the receipt. */
  sentSha256: string | null;
  scanSource: 'scanner' | 'documentCamera' | null;
  images: ReceivedImage[];
}

export interface DocumentView {
  zoom: number;
  panX: number;
  panY: number;
  rotation: number;
}

interface ExpertDevicesState {
  requests: DeviceRequest[];
  ready: boolean;
  view: DocumentView;
  setView: (view: DocumentView) => void;
}

const initialView: DocumentView = { zoom: 1, panX: 0, panY: 0, rotation: 0 };

export const useExpertDevices = create<ExpertDevicesState>()((set) => ({
  requests: [],
  ready: false,
  view: initialView,
  setView: (view) => set({ view }),
}));

function patch(requestId: string, change: Partial<DeviceRequest> | ((request: DeviceRequest) => Partial<DeviceRequest>)): void {
  useExpertDevices.setState((state) => ({
    requests: state.requests.map((request) => (request.requestId === requestId ? { ...request, ...(typeof change === 'function' ? change(request) : change) } : request)),
  }));
}

let nextId = 1;
const newRequestId = () => `r${Date.now().toString(36)}${(nextId++).toString(36)}`;

/**
 * The expert's side of device actions in one call: commands out on the expert's `devices`
 * channel (only the customer's booth receives it), reports and files in from the booth's.
 */
export class ExpertDevices {
  #channel: DataChannel<DeviceCommand> | null = null;
  readonly #off: () => void;
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #closed = false;

  constructor(engine: CallEngine) {
    useExpertDevices.setState({ requests: [], ready: false, view: initialView });
    // Events are handled one after the other: a file (decoded asynchronously) stays ahead of the result after it.
    let queue = Promise.resolve();
    this.#off = engine.on('data', (event) => {
      queue = queue.then(() => this.#onData(event)).catch((error: unknown) => console.warn('device event failed', error));
    });
    void engine
      .openDataChannel<DeviceCommand>(DEVICES_CHANNEL, { protocol: DEVICES_PROTOCOL, receiverRoles: ['customer'] })
      .then(async (channel) => {
        if (this.#closed) return channel.close();
        this.#channel = channel;
        // Device actions are offered once the booth has the channel open (it gets what is sent).
        await channel.whenReady();
        if (!this.#closed) useExpertDevices.setState({ ready: true });
      })
      .catch((error: unknown) => {
        if (!this.#closed) console.error('devices channel failed', error);
      });
  }

  close(): void {
    this.#closed = true;
    this.#off();
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    for (const request of useExpertDevices.getState().requests) for (const image of request.images) URL.revokeObjectURL(image.url);
    useExpertDevices.setState({ requests: [], ready: false, view: initialView });
  }

  async print(file: { name: string; bytes: Uint8Array }): Promise<void> {
    const requestId = this.#begin('print');
    this.#channel?.send({ type: 'print', requestId, name: file.name.slice(0, 200) });
    await this.#channel?.sendFile({ name: file.name, mime: 'application/pdf', bytes: file.bytes, meta: { requestId } });
  }

  scan(): void {
    const requestId = this.#begin('scan');
    this.#channel?.send({ type: 'scan', requestId });
  }

  stillCapture(): void {
    const requestId = this.#begin('stillCapture');
    this.#channel?.send({ type: 'stillCapture', requestId });
  }

  payment(payment: PaymentRequest): void {
    const requestId = this.#begin('payment');
    this.#channel?.send({ type: 'payment', requestId, payment });
  }

  async acknowledgement(file: { name: string; bytes: Uint8Array }, title: string): Promise<void> {
    const requestId = this.#begin('acknowledgement', await sha256Hex(file.bytes));
    this.#channel?.send({ type: 'acknowledgement', requestId, title });
    await this.#channel?.sendFile({ name: file.name, mime: 'application/pdf', bytes: file.bytes, meta: { requestId } });
  }

  cancel(requestId: string): void {
    this.#channel?.send({ type: 'cancel', requestId });
  }

  #begin(action: DeviceAction, sentSha256: string | null = null): string {
    const requestId = newRequestId();
    const request: DeviceRequest = {
      requestId, action, status: 'sent', outcome: null, error: null, noAnswer: false,
      pages: null, payment: null, receipt: null, sentSha256, scanSource: null, images: [],
    };
    useExpertDevices.setState((state) => ({ requests: [request, ...state.requests] }));
    this.#timers.set(
      requestId,
      setTimeout(() => {
        this.#timers.delete(requestId);
        patch(requestId, (current) => (current.status === 'sent' ? { status: 'finished', outcome: 'failure', noAnswer: true } : {}));
      }, ANSWER_TIMEOUT_MS),
    );
    return requestId;
  }

  #answered(requestId: string): void {
    clearTimeout(this.#timers.get(requestId));
    this.#timers.delete(requestId);
  }

  async #onData(event: DataEvent): Promise<void> {
    if (event.label !== DEVICES_CHANNEL || event.participantRole !== 'customer' || this.#closed) return;
    if (event.kind === 'file') {
      const meta = event.file.meta as { requestId?: unknown } | null;
      if (typeof meta?.requestId !== 'string' || !event.file.mime.startsWith('image/')) return;
      const blob = new Blob([event.file.bytes as Uint8Array<ArrayBuffer>], { type: event.file.mime });
      const bitmap = await createImageBitmap(blob).catch(() => null);
      const image: ReceivedImage = {
        name: event.file.name,
        url: URL.createObjectURL(blob),
        width: bitmap?.width ?? 0,
        height: bitmap?.height ?? 0,
        bytes: event.file.bytes.byteLength,
      };
      bitmap?.close();
      this.#answered(meta.requestId);
      patch(meta.requestId, (request) => ({ images: [...request.images, image] }));
      return;
    }
    const parsed = DeviceReport.safeParse(event.value);
    if (!parsed.success) return console.warn('ignored a malformed device report');
    const report = parsed.data;
    this.#answered(report.requestId);
    if (report.type === 'progress') {
      patch(report.requestId, (request) => (request.status === 'finished' ? {} : { status: report.step }));
      return;
    }
    patch(report.requestId, {
      status: 'finished',
      outcome: report.outcome,
      error: report.error,
      pages: report.pages ?? null,
      payment: report.payment ?? null,
      receipt: report.receipt ?? null,
      scanSource: report.scanSource ?? null,
    });
  }
}

let current: ExpertDevices | null = null;

/** One ExpertDevices per call, started and closed with the call engine. */
export function onExpertEngine(engine: CallEngine | null): void {
  current?.close();
  current = engine ? new ExpertDevices(engine) : null;
}

export function expertDevices(): ExpertDevices | null {
  return current;
}
