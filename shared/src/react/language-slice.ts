import { Language } from '../domain.ts';
import type { SliceCreator } from './slice.ts';

export interface LanguageSlice {
  /** UI language of a staff console (remembered in localStorage). */
  language: Language;
  setLanguage: (language: Language) => void;
}

function storedLanguage(storageKey: string): Language {
  try {
    const parsed = Language.safeParse(localStorage.getItem(storageKey));
    return parsed.success ? parsed.data : 'fi';
  } catch {
    return 'fi';
  }
}

export function createLanguageSlice(storageKey: string): SliceCreator<LanguageSlice> {
  return (set) => ({
    language: storedLanguage(storageKey),
    setLanguage: (language) => {
      try {
        localStorage.setItem(storageKey, language);
      } catch {
        // Private mode: the choice lasts for this page only.
      }
      set({ language });
    },
  });
}
