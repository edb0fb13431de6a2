import type { DeviceHealth } from '@etapiste/shared';
import { DeviceError, type Printer } from '../device-registry.ts';
import { runCommand } from '../run-command.ts';
import { pdfPageCount, renderPreview } from './pdf-tools.ts';

export interface CupsPrinterOptions {
  /** The CUPS queue of the booth's printer. */
  queue: string;
  /** CUPS_SERVER for the clients (a socket path or host:port); the system default when absent. */
  server?: string;
  /** How long a job may take before the printer is taken as offline. */
  jobTimeoutMs?: number;
}

/** CUPS printer-state-reasons that mean the customer gets no paper. */
const paperReasons = /media-empty|media-needed|media-jam/;

/**
 * The booth printer through CUPS: `lp` to print, `lpstat` for the queue's state and the job's
 * completion (the CUPS command-line clients speak IPP to cupsd).
 */
export class CupsPrinter implements Printer {
  readonly #queue: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #jobTimeoutMs: number;

  constructor(options: CupsPrinterOptions) {
    this.#queue = options.queue;
    this.#env = { ...process.env, ...(options.server ? { CUPS_SERVER: options.server } : {}) };
    this.#jobTimeoutMs = options.jobTimeoutMs ?? 60_000;
  }

  async health(): Promise<DeviceHealth> {
    const result = await runCommand('lpstat', ['-l', '-p', this.#queue], { env: this.#env, timeoutMs: 5000 });
    const text = result.stdout.toString('utf8');
    const health = (state: DeviceHealth['state'], detail: string | null): DeviceHealth => ({ kind: 'printer', state, detail, simulated: false });
    if (result.code !== 0 || !text.includes(`printer ${this.#queue}`)) {
      return health('offline', (result.stderr || 'the print system does not answer').trim().slice(0, 200));
    }
    const alerts = /Alerts:\s*(.*)/.exec(text)?.[1]?.trim() ?? '';
    if (paperReasons.test(alerts)) return health('outOfPaper', alerts);
    if (/ disabled since /.test(text)) return health('offline', alerts || 'the printer is stopped');
    if (/ now printing /.test(text)) return health('busy', null);
    return health('ready', alerts && alerts !== 'none' ? alerts.slice(0, 200) : null);
  }

  async preview(pdf: Buffer): Promise<{ pages: number; images: string[] }> {
    return renderPreview(pdf);
  }

  async print(pdf: Buffer, jobName: string): Promise<{ jobId: string; pages: number }> {
    const pages = await pdfPageCount(pdf);
    return { jobId: await this.#submit(pdf, jobName, []), pages };
  }

  /** Plain UTF-8 text (a payment receipt); CUPS's text filter lays it out. */
  async printText(text: string, jobName: string): Promise<{ jobId: string }> {
    return { jobId: await this.#submit(Buffer.from(text, 'utf8'), jobName, ['-o', 'document-format=text/plain']) };
  }

  async #submit(document: Buffer, jobName: string, options: string[]): Promise<string> {
    const health = await this.health();
    if (health.state === 'offline') throw new DeviceError('printerOffline', `printer ${this.#queue} is offline: ${health.detail ?? ''}`);
    if (health.state === 'outOfPaper') throw new DeviceError('outOfPaper', `printer ${this.#queue}: ${health.detail ?? 'out of paper'}`);
    const safeName = jobName.replace(/[^\p{L}\p{N} ._-]/gu, '').slice(0, 100) || 'document';
    const args = ['-d', this.#queue, '-t', safeName, '-o', 'media=A4', ...options, '-'];
    const submitted = await runCommand('lp', args, { input: document, env: this.#env, timeoutMs: 15_000 });
    const jobId = /request id is (\S+)/.exec(submitted.stdout.toString('utf8'))?.[1];
    if (submitted.code !== 0 || !jobId) throw new DeviceError('printFailed', `lp failed: ${submitted.stderr.trim()}`);
    await this.#waitForCompletion(jobId);
    return jobId;
  }

  /** A job is done when it has left the not-completed list and is on the completed list. */
  async #waitForCompletion(jobId: string): Promise<void> {
    const deadline = Date.now() + this.#jobTimeoutMs;
    while (Date.now() < deadline) {
      const pending = await runCommand('lpstat', ['-o', this.#queue], { env: this.#env, timeoutMs: 5000 });
      if (!pending.stdout.toString('utf8').split('\n').some((line) => line.startsWith(`${jobId} `))) {
        const completed = await runCommand('lpstat', ['-W', 'completed', '-o', this.#queue], { env: this.#env, timeoutMs: 5000 });
        if (completed.stdout.toString('utf8').split('\n').some((line) => line.startsWith(`${jobId} `))) return;
        throw new DeviceError('printFailed', `job ${jobId} was cancelled or aborted`);
      }
      const health = await this.health();
      if (health.state === 'offline' || health.state === 'outOfPaper') {
        await runCommand('cancel', [jobId], { env: this.#env, timeoutMs: 5000 });
        throw new DeviceError(health.state === 'offline' ? 'printerOffline' : 'outOfPaper', `printer ${this.#queue}: ${health.detail ?? health.state}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await runCommand('cancel', [jobId], { env: this.#env, timeoutMs: 5000 });
    throw new DeviceError('printerOffline', `job ${jobId} did not finish in ${Math.round(this.#jobTimeoutMs / 1000)} s`);
  }
}
