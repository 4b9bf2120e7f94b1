/** Dates and trail actions as the administrator's pages show them, in the chosen language. */
import type { TFunction } from 'i18next';
import type { Language } from '../../i18n';

const locales: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };

export function formatDate(value: string | null | undefined, language: Language): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeZone: 'Asia/Jakarta' }).format(
    new Date(value),
  );
}

export function formatDateTime(value: string | null | undefined, language: Language): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(locales[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  }).format(new Date(value));
}

/** A trail action's words; an action this console does not know yet is shown as it is. */
export function actionLabel(t: TFunction, action: string): string {
  return t(`actions.${action.replace('.', '__')}`, { defaultValue: action });
}
