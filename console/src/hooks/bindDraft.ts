/**
 * The props that tie a text input to one key of a draft kept by useDraft: its value, and a change
 * handler that writes the typed text back under that key.
 */
import type { ChangeEvent } from 'react';

type Setter<T> = (next: T | ((current: T) => T)) => void;

export function bindDraft<T extends object, K extends { [P in keyof T]: T[P] extends string ? P : never }[keyof T]>(
  draft: T,
  setDraft: Setter<T>,
  key: K,
) {
  return {
    value: draft[key] as string,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const value = event.currentTarget.value;
      setDraft((current) => ({ ...current, [key]: value }));
    },
  };
}
