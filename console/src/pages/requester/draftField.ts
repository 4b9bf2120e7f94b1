/**
 * The `value` and `onChange` of a text input bound to one key of a draft (useDraft), so each input
 * of a form is one line instead of the same handler again.
 */
import type { ChangeEvent } from 'react';

type Setter<T> = (next: (current: T) => T) => void;

export function draftField<T extends object, K extends keyof T & string>(draft: T, setDraft: Setter<T>, key: K) {
  return {
    value: draft[key] as string,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const value = event.currentTarget.value;
      setDraft((current) => ({ ...current, [key]: value }));
    },
  };
}
