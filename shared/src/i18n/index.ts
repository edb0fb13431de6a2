import type { Language } from '../domain.ts';
import { en, type Catalogue, type MessageKey } from './catalog.en.ts';
import { fi } from './catalog.fi.ts';
import { sv } from './catalog.sv.ts';

export type { Catalogue, MessageKey };
export const catalogues: Record<Language, Catalogue> = { fi, sv, en };

/** Looks up `key` in the language's catalogue and fills `{name}` placeholders. */
export function translate(language: Language, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = catalogues[language][key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;
export function translator(language: Language): Translate {
  return (key, vars) => translate(language, key, vars);
}
