import { useId } from 'react';

export interface ScoreScaleProps {
  /** Used for the test ids: `feedback-<name>-<n>`. */
  name: 'ces' | 'csat' | 'nps';
  /** The question, as the fieldset's legend. */
  legend: string;
  /** What the ends of the scale mean: "1 = very difficult … 5 = very easy". */
  scale: string;
  min: number;
  max: number;
  value: number | null;
  disabled: boolean;
  onChange: (value: number | null) => void;
}

/**
 * One score question: a fieldset whose legend is the question, the meaning of the scale, and one
 * large toggle button per score (aria-pressed on the chosen one; pressing it again takes the
 * answer back).
 */
export function ScoreScale({ name, legend, scale, min, max, value, disabled, onChange }: ScoreScaleProps) {
  const scaleId = useId();
  const scores = Array.from({ length: max - min + 1 }, (_, index) => min + index);
  return (
    <fieldset className={`feedback-scale feedback-scale--${scores.length}`} aria-describedby={scaleId}>
      <legend className="feedback-scale__question">{legend}</legend>
      <p id={scaleId} className="feedback-scale__meaning">
        {scale}
      </p>
      <div className="feedback-scale__buttons">
        {scores.map((score) => (
          <button
            key={score}
            type="button"
            className="feedback-scale__button"
            aria-pressed={value === score}
            data-testid={`feedback-${name}-${score}`}
            disabled={disabled}
            onClick={() => onChange(value === score ? null : score)}
          >
            {score}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
