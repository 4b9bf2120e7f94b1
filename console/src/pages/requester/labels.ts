/** Words for the registry's status and classification values, in the requester's namespace. */
import type { TFunction } from 'i18next';

export function statusLabel(t: TFunction, status: string): string {
  return t(`status.${status}`, { defaultValue: status });
}

export function classificationLabel(t: TFunction, classification: string): string {
  return t(`classification.${classification}`, { defaultValue: classification });
}

export function formatDate(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString(language === 'en' ? 'en-GB' : 'id-ID', { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString(language === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short' });
}
