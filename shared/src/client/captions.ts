import { CAPTIONS_LABEL, CAPTIONS_PROTOCOL, CaptionMessage } from '../interpreting.ts';
import type { CallEngine } from './call-engine.ts';
import type { DataChannel } from './data-channels.ts';
import { TypedEmitter } from './typed-emitter.ts';

export interface CaptionsState {
  /** Finished lines, oldest first (the last `keepLines`). */
  lines: string[];
  /** The line the interpreter is typing now. */
  draft: string;
}

/**
 * The receiving side of live captions: listens to the call's `captions` data channel, checks
 * every message against the schema, and keeps the last lines and the current draft.
 * Out-of-order drafts (an older seq) are ignored.
 */
export class CaptionsFeed extends TypedEmitter<{ changed: CaptionsState }> {
  #state: CaptionsState = { lines: [], draft: '' };
  #lastSeq = -1;
  readonly #keepLines: number;
  readonly #off: () => void;

  constructor(engine: CallEngine, keepLines = 6) {
    super();
    this.#keepLines = keepLines;
    this.#off = engine.on('data', (event) => {
      if (event.label !== CAPTIONS_LABEL || event.participantRole !== 'interpreter' || event.kind !== 'message') return;
      const parsed = CaptionMessage.safeParse(event.value);
      if (!parsed.success || parsed.data.seq <= this.#lastSeq) return;
      this.#lastSeq = parsed.data.seq;
      this.#apply(parsed.data);
    });
  }

  get state(): CaptionsState {
    return this.#state;
  }

  #apply(message: CaptionMessage): void {
    if (message.kind === 'draft') this.#state = { ...this.#state, draft: message.text };
    else this.#state = { lines: [...this.#state.lines, message.text].slice(-this.#keepLines), draft: '' };
    this.emit('changed', this.#state);
  }

  close(): void {
    this.#off();
  }
}

/** The interpreter's side: opens the captions channel to the customer and the expert and sends drafts and lines in order. */
export class CaptionsSender {
  #seq = 0;
  readonly #channel: DataChannel<CaptionMessage>;

  private constructor(channel: DataChannel<CaptionMessage>) {
    this.#channel = channel;
  }

  static async open(engine: CallEngine): Promise<CaptionsSender> {
    const channel = await engine.openDataChannel<CaptionMessage>(CAPTIONS_LABEL, { protocol: CAPTIONS_PROTOCOL, receiverRoles: ['customer', 'expert'] });
    return new CaptionsSender(channel);
  }

  draft(text: string): void {
    this.#channel.send({ kind: 'draft', seq: this.#seq++, text: text.slice(0, 2000) });
  }

  line(text: string): void {
    this.#channel.send({ kind: 'line', seq: this.#seq++, text: text.slice(0, 2000) });
  }

  close(): void {
    this.#channel.close();
  }
}
