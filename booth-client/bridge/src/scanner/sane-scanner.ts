import type { DeviceHealth } from '@etapiste/shared';
import { DeviceError, type Scanner } from '../device-registry.ts';
import { runCommand } from '../run-command.ts';

export interface SaneScannerOptions {
  /** SANE device name, e.g. `test:0` or `airscan:e0:…`. */
  device: string;
  /** SANE_CONFIG_DIR for a private backend configuration (the tests' `test` backend). */
  configDir?: string;
  resolutionDpi?: number;
  timeoutMs?: number;
}

/** The booth scanner through SANE's `scanimage`: one A4 page, colour, PNG. */
export class SaneScanner implements Scanner {
  readonly #options: SaneScannerOptions;
  readonly #env: NodeJS.ProcessEnv;

  constructor(options: SaneScannerOptions) {
    this.#options = options;
    this.#env = { ...process.env, ...(options.configDir ? { SANE_CONFIG_DIR: options.configDir } : {}) };
  }

  async health(): Promise<DeviceHealth> {
    const result = await runCommand('scanimage', ['-L'], { env: this.#env, timeoutMs: 10_000 });
    const listed = result.stdout.toString('utf8').includes(`\`${this.#options.device}'`);
    return {
      kind: 'scanner',
      state: result.code === 0 && listed ? 'ready' : 'offline',
      detail: listed ? null : `${this.#options.device} not found`,
      simulated: this.#options.device.startsWith('test:'),
    };
  }

  async scan(): Promise<Buffer> {
    const args = [
      '-d', this.#options.device,
      '--format=png',
      '--mode', 'Color',
      '--resolution', String(this.#options.resolutionDpi ?? 150),
      '-l', '0', '-t', '0', '-x', '210', '-y', '297',
    ];
    const result = await runCommand('scanimage', args, { env: this.#env, timeoutMs: this.#options.timeoutMs ?? 60_000 });
    const png = result.stdout;
    if (result.code !== 0 || png.subarray(1, 4).toString('latin1') !== 'PNG') {
      throw new DeviceError(result.code === null ? 'scannerUnavailable' : 'scanFailed', `scanimage failed: ${result.stderr.trim() || `exit ${result.code}`}`);
    }
    return png;
  }
}
