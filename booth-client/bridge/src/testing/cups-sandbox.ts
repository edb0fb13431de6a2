import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../run-command.ts';

/** A tiny PPD whose filter chain turns any job into a plain PDF (research: Option A). */
const PDF_PPD = `*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "BOOTHPDF.PPD"
*Manufacturer: "Etapiste"
*Product: "(Booth Test Printer)"
*ModelName: "Booth Test Printer"
*ShortNickName: "Booth Test Printer"
*NickName: "Booth Test Printer"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: True
*DefaultColorSpace: RGB
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsFilter: "application/vnd.cups-pdf 0 -"
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
`;

export interface CupsSandbox {
  /** CUPS_SERVER for clients (the sandbox's socket). */
  readonly server: string;
  readonly queue: string;
  /** The file each job is written to (overwritten by the next job). */
  readonly outputFile: string;
  /** page_log: one line per job, "total N" is its page count. */
  pageLog(): Promise<string>;
  /** Printer offline: `cupsdisable` (CUPS stops the queue; jobs wait). */
  setOnline(online: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * A private cupsd (own config, spool, socket and port; /etc/cups untouched) with one
 * file-backed PDF queue, for tests and for demo booths on machines without a printer.
 */
export async function startCupsSandbox(options: { queue?: string; port?: number } = {}): Promise<CupsSandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'etapiste-cups-'));
  const queue = options.queue ?? 'booth';
  for (const sub of ['etc/ppd', 'spool/tmp', 'run', 'cache', 'log', 'out']) await mkdir(join(dir, sub), { recursive: true });
  // cupsd runs filters as the unprivileged `lp` user: they must reach the spool and temp folders.
  await chmod(dir, 0o755);
  await chmod(join(dir, 'spool'), 0o755);
  await chmod(join(dir, 'spool', 'tmp'), 0o1777);
  const socket = join(dir, 'run', 'cups.sock');
  const port = options.port ?? 20000 + Math.floor(Math.random() * 20000);
  await writeFile(
    join(dir, 'etc', 'cups-files.conf'),
    [
      `ServerRoot ${dir}/etc`, `RequestRoot ${dir}/spool`, `TempDir ${dir}/spool/tmp`, `StateDir ${dir}/run`, `CacheDir ${dir}/cache`,
      `AccessLog ${dir}/log/access_log`, `ErrorLog ${dir}/log/error_log`, `PageLog ${dir}/log/page_log`, 'FileDevice Yes', 'SystemGroup root', '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'etc', 'cupsd.conf'),
    [
      `Listen 127.0.0.1:${port}`, `Listen ${socket}`, 'LogLevel info', 'Browsing No', 'WebInterface No', 'PageLogFormat %p %j %u %T %P %C',
      '<Location />', '  Order allow,deny', '  Allow localhost', '</Location>',
      '<Policy default>', '  <Limit All>', '    Order deny,allow', '  </Limit>', '</Policy>', '',
    ].join('\n'),
  );
  await writeFile(join(dir, 'booth.ppd'), PDF_PPD);
  const cupsd: ChildProcess = spawn('cupsd', ['-f', '-c', join(dir, 'etc', 'cupsd.conf'), '-s', join(dir, 'etc', 'cups-files.conf')], { stdio: 'ignore' });
  const env = { ...process.env, CUPS_SERVER: socket };
  const deadline = Date.now() + 10_000;
  while (!existsSync(socket) || (await runCommand('lpstat', ['-r'], { env, timeoutMs: 2000 })).code !== 0) {
    if (Date.now() > deadline || cupsd.exitCode !== null) throw new Error('cupsd did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const outputFile = join(dir, 'out', 'job.pdf');
  const added = await runCommand('lpadmin', ['-p', queue, '-E', '-v', `file://${outputFile}`, '-P', join(dir, 'booth.ppd')], { env });
  if (added.code !== 0) throw new Error(`lpadmin failed: ${added.stderr}`);
  return {
    server: socket,
    queue,
    outputFile,
    pageLog: () => readFile(join(dir, 'log', 'page_log'), 'utf8').catch(() => ''),
    async setOnline(online) {
      const result = await runCommand(online ? 'cupsenable' : 'cupsdisable', [queue], { env });
      if (result.code !== 0) throw new Error(`${online ? 'cupsenable' : 'cupsdisable'} failed: ${result.stderr}`);
    },
    async close() {
      const exited = new Promise((resolve) => (cupsd.exitCode !== null ? resolve(null) : cupsd.once('exit', resolve)));
      cupsd.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
