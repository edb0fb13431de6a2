import { InterpretingModality, InterpretingSkill, signLanguages, skillKey } from '@etapiste/shared';
import { skillLabel, useTranslate } from '@etapiste/shared/react';
import { useState } from 'react';
import { Fieldset, SelectInput, TextInput } from '../form-kit.tsx';

/** An interpreter's skills: the list with remove, and a row to add one (kind + language). */
export function SkillsEditor({ value, onChange, error }: { value: InterpretingSkill[]; onChange: (skills: InterpretingSkill[]) => void; error?: string | undefined }) {
  const { t, language } = useTranslate();
  const [modality, setModality] = useState<InterpretingModality>('signLanguage');
  const [code, setCode] = useState<string>('fse');
  const candidate = InterpretingSkill.safeParse({ modality, language: code.trim().toLowerCase() });
  const duplicate = candidate.success && value.some((skill) => skillKey(skill) === skillKey(candidate.data));
  const chooseModality = (next: string) => {
    const parsed = InterpretingModality.parse(next);
    setModality(parsed);
    setCode(parsed === 'signLanguage' ? 'fse' : parsed === 'speechToText' ? 'fi' : '');
  };
  return (
    <Fieldset legend={t('admin.interpreting.skills')} error={error}>
      {value.length === 0 ? <p className="admin-empty">{t('admin.interpreting.noSkills')}</p> : null}
      <ul className="admin-list" data-testid="skills-list">
        {value.map((skill) => (
          <li key={skillKey(skill)}>
            <span className="admin-list__main">{skillLabel(skill, language, t)}</span>
            <button
              type="button"
              className="button button--small"
              data-testid={`skill-remove-${skillKey(skill).replace(':', '-')}`}
              onClick={() => onChange(value.filter((other) => skillKey(other) !== skillKey(skill)))}
            >
              {t('admin.interpreting.removeSkill', { skill: skillLabel(skill, language, t) })}
            </button>
          </li>
        ))}
      </ul>
      <div className="admin-row">
        <SelectInput
          label={t('admin.interpreting.modality')}
          value={modality}
          options={InterpretingModality.options.map((option) => ({ value: option, label: t(`interpreting.modality.${option}`) }))}
          onChange={chooseModality}
          testId="skill-modality"
        />
        {modality === 'signLanguage' ? (
          <SelectInput
            label={t('interpreting.modality.signLanguage')}
            value={code}
            options={signLanguages.map((sign) => ({ value: sign, label: t(`interpreting.sign.${sign}`) }))}
            onChange={setCode}
            testId="skill-sign-language"
          />
        ) : (
          <TextInput
            label={t('admin.interpreting.language')}
            value={code}
            onChange={setCode}
            testId="skill-language"
            hint={candidate.success ? skillLabel(candidate.data, language, t) : undefined}
          />
        )}
        <button
          type="button"
          className="button"
          disabled={!candidate.success || duplicate}
          data-testid="skill-add"
          onClick={() => candidate.success && onChange([...value, candidate.data])}
        >
          {t('admin.interpreting.addSkill')}
        </button>
      </div>
    </Fieldset>
  );
}
