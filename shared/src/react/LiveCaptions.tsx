import { useEffect, useState, useSyncExternalStore } from 'react';
import { CaptionsFeed, CaptionsSender, type CaptionsState } from '../client/captions.ts';
import type { CallEngine } from '../client/call-engine.ts';
import { useTranslate } from './i18n.tsx';

const empty: CaptionsState = { lines: [], draft: '' };

/**
 * The speech-to-text interpreter's captions, live, large and readable: the last lines and the
 * line being typed, announced politely to screen readers. Only this component re-renders on
 * each keystroke of the interpreter.
 */
export function LiveCaptions({ engine, className }: { engine: CallEngine | null; className?: string }) {
  const { t } = useTranslate();
  const [feed, setFeed] = useState<CaptionsFeed | null>(null);
  useEffect(() => {
    if (!engine) return;
    const created = new CaptionsFeed(engine);
    setFeed(created);
    return () => {
      created.close();
      setFeed(null);
    };
  }, [engine]);
  const state = useSyncExternalStore(
    (notify) => feed?.on('changed', notify) ?? (() => undefined),
    () => feed?.state ?? empty,
  );
  if (state.lines.length === 0 && !state.draft) return null;
  return (
    <section className={['live-captions', className].filter(Boolean).join(' ')} aria-label={t('captions.title')} data-testid="live-captions">
      <div aria-live="polite" aria-atomic="false">
        {state.lines.map((line, index) => (
          <p key={`${index}-${line}`} className="live-captions__line">
            {line}
          </p>
        ))}
      </div>
      {state.draft && (
        <p className="live-captions__draft" aria-hidden="true" data-testid="live-captions-draft">
          {state.draft}
        </p>
      )}
    </section>
  );
}

/** The speech-to-text interpreter's input: what they type goes out as a draft; Enter finishes the line. */
export function CaptionComposer({ engine }: { engine: CallEngine | null }) {
  const { t } = useTranslate();
  const [sender, setSender] = useState<CaptionsSender | null>(null);
  const [text, setText] = useState('');
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!engine) return;
    let closed = false;
    let opened: CaptionsSender | null = null;
    CaptionsSender.open(engine).then(
      (created) => {
        if (closed) created.close();
        else setSender((opened = created));
      },
      () => setFailed(true),
    );
    return () => {
      closed = true;
      opened?.close();
      setSender(null);
    };
  }, [engine]);
  // The line being typed goes out again every second: a receiver whose data consumer came up
  // after the last keystroke (a late join, a reconnect) still gets it.
  useEffect(() => {
    if (!sender || !text) return;
    const timer = setInterval(() => sender.draft(text), 1000);
    return () => clearInterval(timer);
  }, [sender, text]);
  return (
    <div className="caption-composer">
      <label htmlFor="caption-composer-input">{t('captions.composer')}</label>
      <textarea
        id="caption-composer-input"
        data-testid="caption-composer"
        rows={3}
        value={text}
        disabled={!sender}
        aria-describedby="caption-composer-hint"
        onChange={(event) => {
          const value = event.target.value.replace(/\n/g, '');
          setText(value);
          sender?.draft(value);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.shiftKey) return;
          event.preventDefault();
          if (text.trim()) sender?.line(text.trim());
          setText('');
        }}
      />
      <p id="caption-composer-hint" className="hint">
        {failed ? t('captions.failed') : t('captions.composerHint')}
      </p>
    </div>
  );
}
