import {
  DEVICES_CHANNEL,
  DEVICES_PROTOCOL,
  DeviceCommand,
  type AcknowledgementReceipt,
  type DeviceAction,
  type DeviceErrorCode,
  type DeviceOutcome,
  type DeviceReport,
  type DeviceResultReport,
} from '@etapiste/shared';
import { sha256Hex, type CallEngine, type DataChannel, type DataEvent, type SignalingClient } from '@etapiste/shared/client';
import { bridgeClient, DeviceFailure } from './bridge-client.ts';
import { documentCameraStill } from './document-still.ts';
import { useBoothDevices, type BoothDeviceTask } from './device-store.ts';

const FILE_WAIT_MS = 60_000;
const PAYMENT_POLL_MS = 500;

type Command = DeviceCommand;
type ResultDetails = Partial<Pick<DeviceResultReport, 'pages' | 'payment' | 'receipt' | 'scanSource'>>;

const failureCode = (error: unknown, fallback: DeviceErrorCode): DeviceErrorCode => (error instanceof DeviceFailure ? error.code : fallback);

/**
 * The booth's side of device actions in one session: receives the expert's commands on the
 * `devices` data channel, drives the devices through the bridge (and the document camera),
 * shows the customer what happens (useBoothDevices), and answers the expert on its own
 * `devices` channel, which only the expert receives. Every finished action is reported to
 * signalling for statistics (kind, outcome, duration; never content).
 */
export class BoothDeviceAgent {
  readonly #engine: CallEngine;
  readonly #signaling: SignalingClient;
  readonly #documentCamera: () => MediaStreamTrack | null;
  /**
   * The booth's own `devices` channel. A command can arrive before it is open (the expert's
   * channel may open first): reports wait for it instead of being dropped.
   */
  readonly #channel: Promise<DataChannel<DeviceReport> | null>;
  #pendingCommands = new Map<string, { command: Extract<Command, { type: 'print' | 'acknowledgement' }>; timer: ReturnType<typeof setTimeout> }>();
  #current: { requestId: string; action: DeviceAction; startedAt: number; finished: boolean; document?: Uint8Array; paymentId?: string } | null = null;
  #closed = false;
  /** Who cancelled the payment in progress (the terminal only says "cancelled"). */
  #cancelledBy: DeviceErrorCode | null = null;
  readonly #off: () => void;

  constructor(engine: CallEngine, signaling: SignalingClient, documentCamera: () => MediaStreamTrack | null) {
    this.#engine = engine;
    this.#signaling = signaling;
    this.#documentCamera = documentCamera;
    this.#off = engine.on('data', (event) => void this.#onData(event));
    this.#channel = engine
      .openDataChannel<DeviceReport>(DEVICES_CHANNEL, { protocol: DEVICES_PROTOCOL, receiverRoles: ['expert'] })
      .then((channel) => {
        if (!this.#closed) return channel;
        channel.close();
        return null;
      })
      .catch((error: unknown) => {
        console.error('devices channel failed', error);
        return null;
      });
  }

  close(): void {
    this.#closed = true;
    this.#off();
    for (const pending of this.#pendingCommands.values()) clearTimeout(pending.timer);
    this.#pendingCommands.clear();
    if (this.#current?.paymentId && !this.#current.finished) void bridgeClient.cancelPayment(this.#current.paymentId).catch(() => undefined);
    this.#current = null;
    useBoothDevices.getState().setTask(null);
  }

  // ---- customer actions (from the booth screen) ----

  async scanNow(): Promise<void> {
    const task = this.#task('scan');
    if (!task || (task.step !== 'placePaper' && task.step !== 'check')) return;
    this.#patch({ step: 'working', imageUrl: null });
    try {
      const png = task.source === 'scanner' ? await bridgeClient.scan() : (await documentCameraStill(this.#documentCamera())).png;
      if (!this.#isCurrent(task.requestId)) return;
      this.#current!.document = png;
      this.#patch({ step: 'check', imageUrl: URL.createObjectURL(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' })) });
    } catch (error) {
      await this.#finish('failure', failureCode(error, task.source === 'scanner' ? 'scanFailed' : 'cameraUnavailable'));
    }
  }

  async sendScan(): Promise<void> {
    const task = this.#task('scan');
    const png = this.#current?.document;
    if (!task || task.step !== 'check' || !png) return;
    this.#patch({ step: 'working' });
    await this.#sendFile({ name: 'scan.png', mime: 'image/png', bytes: png, meta: { requestId: task.requestId } });
    await this.#finish('success', null, { scanSource: task.source ?? 'scanner' });
  }

  async confirmAcknowledgement(signaturePng: Uint8Array | null): Promise<void> {
    const task = this.#task('acknowledgement');
    const document = this.#current?.document;
    if (!task || task.step !== 'reading' || !document) return;
    this.#patch({ step: 'working' });
    const documentSha256 = await sha256Hex(document);
    const signatureSha256 = signaturePng ? await sha256Hex(signaturePng) : null;
    if (signaturePng) {
      await this.#sendFile({ name: 'signature.png', mime: 'image/png', bytes: signaturePng, meta: { requestId: task.requestId } });
    }
    // The receipt's time is the server's: the moment signalling recorded the confirmation.
    const recordedAt = await this.#recordStatistics('success', null);
    const receipt: AcknowledgementReceipt = {
      documentSha256,
      confirmedAt: recordedAt ?? Date.now(),
      sessionId: this.#engine.sessionId,
      method: signaturePng ? 'signature' : 'confirm',
      signatureSha256,
    };
    await this.#finish('success', null, { receipt }, { statisticsRecorded: true });
  }

  async cancelByCustomer(): Promise<void> {
    const current = this.#current;
    if (!current || current.finished) return;
    if (current.paymentId) {
      await bridgeClient.cancelPayment(current.paymentId).catch(() => undefined);
      return; // the payment poll reports the cancellation
    }
    await this.#finish('cancelled', 'cancelledByCustomer');
  }

  /** The customer asks for a receipt of the approved payment; the bridge prints it from the terminal's record. */
  async printPaymentReceipt(): Promise<void> {
    const task = useBoothDevices.getState().task;
    const paymentId = this.#current?.paymentId;
    if (!task || task.action !== 'payment' || task.paymentStatus !== 'approved' || !paymentId || task.receipt === 'printing') return;
    const { patchTask } = useBoothDevices.getState();
    patchTask(task.requestId, { receipt: 'printing' });
    try {
      await bridgeClient.printPaymentReceipt(paymentId);
      patchTask(task.requestId, { receipt: 'printed' });
    } catch (error) {
      patchTask(task.requestId, { receipt: failureCode(error, 'printFailed') });
    }
  }

  /** The payment simulator's card (test booths only). */
  async presentSimulatedCard(outcome: 'approve' | 'decline'): Promise<void> {
    await bridgeClient.presentSimulatedCard(outcome).catch((error: unknown) => console.warn('simulated card failed', error));
  }

  dismiss(): void {
    const task = useBoothDevices.getState().task;
    if (task && (task.step === 'done' || task.step === 'failed')) useBoothDevices.getState().setTask(null);
  }

  // ---- the expert's commands ----

  async #onData(event: DataEvent): Promise<void> {
    if (event.label !== DEVICES_CHANNEL || event.participantRole !== 'expert' || this.#closed) return;
    if (event.kind === 'message') {
      const parsed = DeviceCommand.safeParse(event.value);
      if (!parsed.success) return console.warn('ignored a malformed device command');
      const command = parsed.data;
      if (command.type === 'cancel') return this.#cancelByExpert(command.requestId);
      if (command.type === 'print' || command.type === 'acknowledgement') {
        // The document follows as a file with the same request id.
        const timer = setTimeout(() => {
          this.#pendingCommands.delete(command.requestId);
          void this.#reject(command.requestId, command.type, 'invalidDocument');
        }, FILE_WAIT_MS);
        this.#pendingCommands.set(command.requestId, { command, timer });
        return;
      }
      return this.#start(command, null);
    }
    const requestId = (event.file.meta as { requestId?: unknown } | null)?.requestId;
    const pending = typeof requestId === 'string' ? this.#pendingCommands.get(requestId) : undefined;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.#pendingCommands.delete(pending.command.requestId);
    await this.#start(pending.command, event.file.bytes);
  }

  async #start(command: Exclude<Command, { type: 'cancel' }>, document: Uint8Array | null): Promise<void> {
    if (this.#current && !this.#current.finished) return this.#reject(command.requestId, command.type, 'busy');
    this.#current = { requestId: command.requestId, action: command.type, startedAt: Date.now(), finished: false, ...(document ? { document } : {}) };
    const base = { requestId: command.requestId, action: command.type, error: null } as const;
    switch (command.type) {
      case 'print':
        useBoothDevices.getState().setTask({ ...base, step: 'preparing' });
        this.#progress('working');
        return this.#print(command.name, document!);
      case 'acknowledgement':
        useBoothDevices.getState().setTask({ ...base, step: 'preparing', title: command.title });
        return this.#prepareAcknowledgement(document!);
      case 'scan': {
        const source = (await this.#scannerReady()) ? 'scanner' : 'documentCamera';
        useBoothDevices.getState().setTask({ ...base, step: 'placePaper', source, imageUrl: null });
        this.#progress('waitingForCustomer');
        return;
      }
      case 'stillCapture':
        useBoothDevices.getState().setTask({ ...base, step: 'working' });
        return this.#still();
      case 'payment':
        return this.#payment(command);
    }
  }

  async #print(name: string, pdf: Uint8Array): Promise<void> {
    try {
      const preview = await bridgeClient.preview(pdf);
      this.#patch({ step: 'working', pages: preview.pages, images: preview.images });
      const printed = await bridgeClient.print(pdf, name);
      await this.#finish('success', null, { pages: printed.pages });
    } catch (error) {
      await this.#finish('failure', failureCode(error, 'printFailed'));
    }
  }

  async #prepareAcknowledgement(pdf: Uint8Array): Promise<void> {
    try {
      const preview = await bridgeClient.preview(pdf);
      this.#patch({ step: 'reading', pages: preview.pages, images: preview.images });
      this.#progress('waitingForCustomer');
    } catch (error) {
      await this.#finish('failure', failureCode(error, 'invalidDocument'));
    }
  }

  async #still(): Promise<void> {
    try {
      const still = await documentCameraStill(this.#documentCamera());
      const meta = { requestId: this.#current!.requestId, width: still.width, height: still.height };
      await this.#sendFile({ name: `document-${still.width}x${still.height}.png`, mime: 'image/png', bytes: still.png, meta });
      await this.#finish('success', null);
    } catch (error) {
      console.warn('document camera still failed', error);
      await this.#finish('failure', failureCode(error, 'cameraUnavailable'));
    }
  }

  async #payment(command: Extract<Command, { type: 'payment' }>): Promise<void> {
    const { amountCents, reference } = command.payment;
    useBoothDevices.getState().setTask({ requestId: command.requestId, action: 'payment', step: 'working', error: null, amountCents, reference });
    try {
      const health = await bridgeClient.health().catch(() => null);
      const simulated = health?.devices.some((device) => device.kind === 'paymentTerminal' && device.simulated) ?? false;
      let state = await bridgeClient.requestPayment(command.payment);
      if (!this.#isCurrent(command.requestId)) return;
      this.#current!.paymentId = state.paymentId;
      this.#patch({ step: 'waitingForCard', simulated, paymentStatus: state.status });
      this.#progress('waitingForCustomer');
      while (state.status === 'waitingForCard' && this.#isCurrent(command.requestId)) {
        await new Promise((resolve) => setTimeout(resolve, PAYMENT_POLL_MS));
        state = await bridgeClient.paymentStatus(state.paymentId);
      }
      if (!this.#isCurrent(command.requestId)) return;
      this.#patch({ paymentStatus: state.status });
      const outcome: Record<typeof state.status, [DeviceOutcome, DeviceErrorCode | null]> = {
        waitingForCard: ['failure', 'terminalOffline'],
        approved: ['success', null],
        declined: ['declined', 'paymentDeclined'],
        cancelled: ['cancelled', this.#cancelledBy ?? 'cancelledByCustomer'],
        timeout: ['timeout', 'terminalTimeout'],
        failed: ['failure', 'terminalOffline'],
      };
      const [result, error] = outcome[state.status];
      await this.#finish(result, error, { payment: state });
    } catch (error) {
      await this.#finish('failure', failureCode(error, 'terminalOffline'));
    }
  }

  async #cancelByExpert(requestId: string): Promise<void> {
    const pending = this.#pendingCommands.get(requestId);
    if (pending) {
      clearTimeout(pending.timer);
      this.#pendingCommands.delete(requestId);
      return;
    }
    const current = this.#current;
    if (!current || current.requestId !== requestId || current.finished) return;
    if (current.paymentId) {
      this.#cancelledBy = 'cancelledByExpert';
      await bridgeClient.cancelPayment(current.paymentId).catch(() => undefined);
      return;
    }
    await this.#finish('cancelled', 'cancelledByExpert');
  }

  // ---- reporting ----

  async #scannerReady(): Promise<boolean> {
    const health = await bridgeClient.health().catch(() => null);
    return health?.devices.some((device) => device.kind === 'scanner' && device.state === 'ready') ?? false;
  }

  #progress(step: 'waitingForCustomer' | 'working'): void {
    const current = this.#current;
    if (current) this.#send({ type: 'progress', requestId: current.requestId, action: current.action, step });
  }

  #send(report: DeviceReport): void {
    // Reports keep their order: each waits on the same promise, resolved once.
    void this.#channel.then((channel) => {
      if (!this.#closed) channel?.send(report);
    });
  }

  async #sendFile(file: Parameters<DataChannel<DeviceReport>['sendFile']>[0]): Promise<void> {
    const channel = await this.#channel;
    if (!this.#closed) await channel?.sendFile(file);
  }

  async #reject(requestId: string, action: DeviceAction, error: DeviceErrorCode): Promise<void> {
    this.#send({ type: 'result', requestId, action, outcome: 'failure', error });
  }

  async #recordStatistics(outcome: DeviceOutcome, error: DeviceErrorCode | null): Promise<number | null> {
    const current = this.#current;
    if (!current) return null;
    try {
      const { recordedAt } = await this.#signaling.request('device.actionFinished', {
        sessionId: this.#engine.sessionId,
        action: current.action,
        outcome,
        durationMs: Math.min(3_600_000, Date.now() - current.startedAt),
        error,
      });
      return recordedAt;
    } catch (failure) {
      console.warn('device statistics not recorded', failure);
      return null;
    }
  }

  async #finish(outcome: DeviceOutcome, error: DeviceErrorCode | null, details: ResultDetails = {}, options: { statisticsRecorded?: boolean } = {}): Promise<void> {
    const current = this.#current;
    if (!current || current.finished) return;
    current.finished = true;
    this.#cancelledBy = null;
    this.#patch({ step: outcome === 'success' ? 'done' : 'failed', error });
    this.#send({ type: 'result', requestId: current.requestId, action: current.action, outcome, error, ...details });
    if (!options.statisticsRecorded) await this.#recordStatistics(outcome, error);
    delete current.document;
  }

  #isCurrent(requestId: string): boolean {
    return !this.#closed && this.#current?.requestId === requestId && !this.#current.finished;
  }

  #task(action: DeviceAction): BoothDeviceTask | null {
    const task = useBoothDevices.getState().task;
    return task && task.action === action && this.#isCurrent(task.requestId) ? task : null;
  }

  #patch(patch: Partial<BoothDeviceTask>): void {
    const current = this.#current;
    if (current) useBoothDevices.getState().patchTask(current.requestId, patch);
  }
}
