import { useTranslate } from '@etapiste/shared/react';
import { useId, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useBoothStore } from '../store/index.ts';
import { ScoreScale } from './ScoreScale.tsx';
import './feedback.css';

/** Longest free text the server accepts. */
const maxTextLength = 2000;

/**
 * The anonymous end-of-visit questions: effort (CES 1–5), satisfaction (CSAT 1–5), recommendation
 * (NPS 0–10) and a free text, every answer optional. "Send" sends what was answered; "Skip"
 * goes back to the start (it is the ended screen's "start again" as well).
 */
export function FeedbackForm() {
  const { t } = useTranslate();
  const { answers, status, setAnswer, send, restart } = useBoothStore(
    useShallow((state) => ({
      answers: state.feedbackAnswers,
      status: state.feedbackStatus,
      setAnswer: state.setFeedbackAnswer,
      send: state.sendFeedback,
      restart: state.restart,
    })),
  );
  const titleId = useId();
  const textId = useId();
  const noteId = useId();
  const sending = status === 'sending';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  return (
    <form className="feedback" data-testid="feedback-screen" aria-labelledby={titleId} onSubmit={submit} noValidate>
      <h2 id={titleId} className="feedback__title">
        {t('booth.feedback.title')}
      </h2>
      <p className="feedback__intro">{t('booth.feedback.intro')}</p>
      <ScoreScale
        name="ces"
        legend={t('booth.feedback.ces')}
        scale={t('booth.feedback.cesScale')}
        min={1}
        max={5}
        value={answers.ces}
        disabled={sending}
        onChange={(score) => setAnswer('ces', score)}
      />
      <ScoreScale
        name="csat"
        legend={t('booth.feedback.csat')}
        scale={t('booth.feedback.csatScale')}
        min={1}
        max={5}
        value={answers.csat}
        disabled={sending}
        onChange={(score) => setAnswer('csat', score)}
      />
      <ScoreScale
        name="nps"
        legend={t('booth.feedback.nps')}
        scale={t('booth.feedback.npsScale')}
        min={0}
        max={10}
        value={answers.nps}
        disabled={sending}
        onChange={(score) => setAnswer('nps', score)}
      />
      <div className="feedback-text">
        <label htmlFor={textId} className="feedback-scale__question">
          {t('booth.feedback.text')}
        </label>
        <p id={noteId} className="feedback-text__note">
          {t('booth.feedback.anonymous')}
        </p>
        <textarea
          id={textId}
          className="feedback-text__input"
          rows={3}
          maxLength={maxTextLength}
          aria-describedby={noteId}
          autoComplete="off"
          spellCheck={false}
          data-testid="feedback-text"
          disabled={sending}
          value={answers.text ?? ''}
          onChange={(event) => setAnswer('text', event.target.value === '' ? null : event.target.value)}
        />
      </div>
      {status === 'failed' ? (
        <p role="alert" className="error feedback__error" data-testid="feedback-failed">
          {t('booth.feedback.failed')}
        </p>
      ) : null}
      <div className="feedback__actions">
        <button type="submit" className="button button--call feedback__send" data-testid="feedback-send" disabled={sending}>
          {sending ? t('booth.feedback.sending') : t('booth.feedback.send')}
        </button>
        {/* While the questions are shown, "Skip" is the ended screen's "start again". */}
        <span className="feedback__skip" data-testid="start-again">
          <button type="button" className="button button--secondary" data-testid="feedback-skip" onClick={restart}>
            {t('booth.feedback.skip')}
          </button>
        </span>
      </div>
    </form>
  );
}
