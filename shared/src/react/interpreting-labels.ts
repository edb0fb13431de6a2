import type { Language } from '../domain.ts';
import type { Translate } from '../i18n/index.ts';
import type { InterpretingSkill } from '../interpreting.ts';

const displayNames = new Map<Language, Intl.DisplayNames | null>();

/** The name of a spoken or written language in the UI language ("Arabic", "arabia"), via Intl.DisplayNames. */
export function languageName(code: string, uiLanguage: Language): string {
  if (!displayNames.has(uiLanguage)) {
    try {
      displayNames.set(uiLanguage, new Intl.DisplayNames([uiLanguage], { type: 'language' }));
    } catch {
      displayNames.set(uiLanguage, null);
    }
  }
  try {
    return displayNames.get(uiLanguage)?.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A skill as people read it: "Finnish Sign Language", "Arabic (spoken)", "Speech-to-text,
 * Finnish". The two sign languages come from the catalogues; other languages from Intl.
 */
export function skillLabel(skill: InterpretingSkill, uiLanguage: Language, t: Translate): string {
  if (skill.modality === 'signLanguage') {
    return skill.language === 'fss' ? t('interpreting.sign.fss') : t('interpreting.sign.fse');
  }
  const language = languageName(skill.language, uiLanguage);
  return skill.modality === 'spoken' ? t('interpreting.skill.spoken', { language }) : t('interpreting.skill.speechToText', { language });
}
