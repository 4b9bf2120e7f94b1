/** Dates as a person in Pacitan reads them: WIB, in the chosen language. */
import type { Language } from '../../i18n';

const ZONE = 'Asia/Jakarta';

export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: ZONE,
  }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeZone: ZONE }).format(
    new Date(iso),
  );
}

/** The WIB calendar date of an instant, as typed into a date input (2026-12-01). */
export function wibDateInput(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** The message of a bilingual `{ id, en }` pair in the chosen language. */
export function pick(message: { id: string; en: string }, language: Language): string {
  return language === 'en' ? message.en : message.id;
}
