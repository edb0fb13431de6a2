import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs a system command (lp, lpstat, scanimage, pdfinfo, pdftoppm) without a shell, with
 * optional stdin and a hard timeout (the process is killed, the result has code null).
 */
export function runCommand(command: string, args: string[], options: { input?: Buffer; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: timedOut ? null : code, stdout: Buffer.concat(stdout), stderr: stderr.slice(0, 4000) });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? Buffer.alloc(0));
  });
}
