import { skillKey, type InterpretingSkill } from '@etapiste/shared';
import { skillLabel, useTranslate } from '@etapiste/shared/react';
import { useShallow } from 'zustand/react/shallow';
import { useBoothStore } from '../store/index.ts';
import './interpreting.css';

const none: InterpretingSkill[] = [];

/**
 * "I need an interpreter": optional, before taking the number. Offers what the agency's
 * contracted interpreters can do (sign languages, speech-to-text, spoken languages); the
 * chosen need travels with the number and an interpreter is called when the expert takes it.
 */
export function InterpreterChoice({ agencyId }: { agencyId: string }) {
  const { t, language } = useTranslate();
  const { skills, need, open, toggle, choose } = useBoothStore(
    useShallow((state) => ({
      skills: state.interpreterSkills?.agencyId === agencyId ? state.interpreterSkills.skills : none,
      need: state.interpreterNeed,
      open: state.interpreterChoiceOpen,
      toggle: state.toggleInterpreterChoice,
      choose: state.chooseInterpreter,
    })),
  );
  if (skills.length === 0) return null;
  const order = { signLanguage: 0, speechToText: 1, spoken: 2 } as const;
  const sorted = [...skills].sort((a, b) => order[a.modality] - order[b.modality] || a.language.localeCompare(b.language));
  return (
    <div className="interpreter-choice">
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={open}
        aria-controls="interpreter-options"
        data-testid="need-interpreter"
        onClick={toggle}
      >
        {t('booth.interpreterQuestion')}
      </button>
      {open ? (
        <fieldset id="interpreter-options" className="interpreter-choice__options">
          <legend>{t('booth.interpreterHint')}</legend>
          {sorted.map((skill) => {
            const key = skillKey(skill);
            const chosen = need !== null && skillKey(need) === key;
            return (
              <button
                key={key}
                type="button"
                className="button button--choice"
                aria-pressed={chosen}
                data-testid={`interpreter-skill-${key.replace(':', '-')}`}
                onClick={() => choose(skill)}
              >
                {skillLabel(skill, language, t)}
              </button>
            );
          })}
          <button type="button" className="button button--secondary" data-testid="no-interpreter" onClick={toggle}>
            {t('booth.noInterpreter')}
          </button>
        </fieldset>
      ) : need ? (
        <p data-testid="interpreter-chosen">{t('booth.interpreterChosen', { skill: skillLabel(need, language, t) })}</p>
      ) : null}
    </div>
  );
}
