import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../domain.ts';
import { translator, type Translate } from '../i18n/index.ts';

const TranslateContext = createContext<{ language: Language; t: Translate }>({ language: 'fi', t: translator('fi') });

/** Provides `t()` for the current UI language and sets `<html lang>` for screen readers. */
export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  const value = useMemo(() => ({ language, t: translator(language) }), [language]);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return <TranslateContext.Provider value={value}>{children}</TranslateContext.Provider>;
}

export function useTranslate(): { language: Language; t: Translate } {
  return useContext(TranslateContext);
}
