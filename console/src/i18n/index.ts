/**
 * Indonesian first, English on the switch. The common words live here; each role's pages bring
 * their own namespace (pages/<role>/messages.ts), so that a page's text sits beside the page.
 */
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import en from './en.json';
import id from './id.json';

export type Language = 'id' | 'en';
const STORAGE_KEY = 'penghubung.language';

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

void i18n.use(initReactI18next).init({
  lng: storedLanguage(),
  fallbackLng: 'id',
  defaultNS: 'common',
  resources: { id: { common: id }, en: { common: en } },
  // React escapes every value it renders; i18next must not escape a second time.
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

export function setLanguage(language: Language): void {
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'id';
}

/** A namespace of one part of the console: `{ id: {...}, en: {...} }`. */
export interface Messages {
  id: Record<string, unknown>;
  en: Record<string, unknown>;
}

export function registerMessages(namespace: string, messages: Messages): void {
  i18n.addResourceBundle('id', namespace, messages.id, true, true);
  i18n.addResourceBundle('en', namespace, messages.en, true, true);
}

export default i18n;
