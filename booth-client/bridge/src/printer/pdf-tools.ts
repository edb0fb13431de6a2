import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceError } from '../device-registry.ts';
import { runCommand } from '../run-command.ts';

const MAX_PREVIEW_PAGES = 20;

/** A scratch folder for one PDF, removed afterwards (the bridge keeps no documents). */
async function withPdfFile<T>(pdf: Buffer, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'etapiste-bridge-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf, { mode: 0o600 });
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Page count with poppler's pdfinfo; a file that is not a readable PDF is `invalidDocument`. */
export async function pdfPageCount(pdf: Buffer): Promise<number> {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new DeviceError('invalidDocument', 'not a PDF');
  return withPdfFile(pdf, async (file) => {
    const result = await runCommand('pdfinfo', [file], { timeoutMs: 10_000 });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(result.stdout.toString('utf8'))?.[1]);
    if (result.code !== 0 || !Number.isInteger(pages)) throw new DeviceError('invalidDocument', `unreadable PDF: ${result.stderr.trim()}`);
    return pages;
  });
}

/** The pages as small PNG data URLs (pdftoppm at 60 dpi), for the customer's preview. */
export async function renderPreview(pdf: Buffer): Promise<{ pages: number; images: string[] }> {
  const pages = await pdfPageCount(pdf);
  return withPdfFile(pdf, async (file, dir) => {
    const last = Math.min(pages, MAX_PREVIEW_PAGES);
    const result = await runCommand('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', String(last), file, join(dir, 'page')], { timeoutMs: 30_000 });
    if (result.code !== 0) throw new DeviceError('invalidDocument', `cannot render the PDF: ${result.stderr.trim()}`);
    const names = (await readdir(dir)).filter((name) => name.startsWith('page') && name.endsWith('.png')).sort();
    const images = await Promise.all(names.map(async (name) => `data:image/png;base64,${(await readFile(join(dir, name))).toString('base64')}`));
    return { pages, images };
  });
}
