import { z } from 'zod';

/**
 * The framing of Etäpiste data channels, shared by both ends. A channel carries
 * - JSON messages: a text frame `{"t":"msg","v":…}`;
 * - files: a text header `{"t":"file","id":n,"name","mime","size","sha256","meta"}`, then binary
 *   chunks, each a 4-byte big-endian transfer id followed by at most CHUNK_BYTES of content.
 * Channels are reliable and ordered, so chunks arrive in order; the receiver checks the size and
 * the SHA-256 of the assembled file before handing it over.
 */
export const CHUNK_BYTES = 16 * 1024;
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
const MAX_OPEN_TRANSFERS = 4;

const JsonValue: z.ZodType<unknown> = z.unknown();
export const DataFrameHeader = z.discriminatedUnion('t', [
  z.object({ t: z.literal('msg'), v: JsonValue }),
  z.object({
    t: z.literal('file'),
    id: z.number().int().min(0).max(0xffffffff),
    name: z.string().max(256),
    mime: z.string().max(128),
    size: z.number().int().min(0).max(MAX_FILE_BYTES),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    meta: JsonValue.optional(),
  }),
]);
export type DataFrameHeader = z.infer<typeof DataFrameHeader>;

/** A file carried by a data channel, as the receiver gets it. */
export interface ReceivedFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
  sha256: string;
  meta: unknown;
}

export type DataPayload = { kind: 'message'; value: unknown } | { kind: 'file'; file: ReceivedFile };

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Splits a file into its header frame and chunk frames. */
export async function fileFrames(
  id: number,
  file: { name: string; mime: string; bytes: Uint8Array; meta?: unknown },
): Promise<{ header: string; chunks: Uint8Array[] }> {
  if (file.bytes.byteLength > MAX_FILE_BYTES) throw new Error(`file larger than ${MAX_FILE_BYTES} bytes`);
  const header: DataFrameHeader = {
    t: 'file',
    id,
    name: file.name,
    mime: file.mime,
    size: file.bytes.byteLength,
    sha256: await sha256Hex(file.bytes),
    ...(file.meta === undefined ? {} : { meta: file.meta }),
  };
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < file.bytes.byteLength; offset += CHUNK_BYTES) {
    const part = file.bytes.subarray(offset, Math.min(offset + CHUNK_BYTES, file.bytes.byteLength));
    const frame = new Uint8Array(4 + part.byteLength);
    new DataView(frame.buffer).setUint32(0, id);
    frame.set(part, 4);
    chunks.push(frame);
  }
  return { header: JSON.stringify(header), chunks };
}

interface OpenTransfer {
  header: Extract<DataFrameHeader, { t: 'file' }>;
  bytes: Uint8Array;
  received: number;
}

/**
 * Reassembles frames of one sender's channel into messages and files. Malformed frames,
 * unknown transfers, oversize or corrupted files are reported through `onError` and dropped;
 * they never throw into the channel's event handler.
 */
export class DataFrameAssembler {
  readonly #open = new Map<number, OpenTransfer>();
  readonly #deliver: (payload: DataPayload) => void;
  readonly #onError: (reason: string) => void;

  constructor(deliver: (payload: DataPayload) => void, onError: (reason: string) => void = () => undefined) {
    this.#deliver = deliver;
    this.#onError = onError;
  }

  async push(frame: string | ArrayBuffer | Uint8Array): Promise<void> {
    if (typeof frame === 'string') return this.#text(frame);
    const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
    if (bytes.byteLength < 4) return this.#onError('binary frame without a transfer id');
    const id = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
    const transfer = this.#open.get(id);
    if (!transfer) return this.#onError(`chunk of unknown transfer ${id}`);
    const part = bytes.subarray(4);
    if (transfer.received + part.byteLength > transfer.header.size) {
      this.#open.delete(id);
      return this.#onError(`transfer ${id} is longer than announced`);
    }
    transfer.bytes.set(part, transfer.received);
    transfer.received += part.byteLength;
    if (transfer.received === transfer.header.size) await this.#complete(id, transfer);
  }

  async #text(frame: string): Promise<void> {
    let header: DataFrameHeader;
    try {
      header = DataFrameHeader.parse(JSON.parse(frame));
    } catch {
      return this.#onError('malformed text frame');
    }
    if (header.t === 'msg') return this.#deliver({ kind: 'message', value: header.v });
    if (this.#open.size >= MAX_OPEN_TRANSFERS) return this.#onError('too many transfers at once');
    const transfer: OpenTransfer = { header, bytes: new Uint8Array(header.size), received: 0 };
    this.#open.set(header.id, transfer);
    if (header.size === 0) await this.#complete(header.id, transfer);
  }

  async #complete(id: number, transfer: OpenTransfer): Promise<void> {
    this.#open.delete(id);
    const sha256 = await sha256Hex(transfer.bytes);
    if (sha256 !== transfer.header.sha256) return this.#onError(`transfer ${id} arrived corrupted`);
    const { name, mime, meta } = transfer.header;
    this.#deliver({ kind: 'file', file: { name, mime, bytes: transfer.bytes, sha256, meta } });
  }
}
