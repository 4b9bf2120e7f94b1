/**
 * A form's half-written values kept in sessionStorage under a key, so that a session that expires
 * while the user types returns them after sign-in. `clear()` once the form is sent.
 */
import { useCallback, useEffect, useState } from 'react';

const PREFIX = 'penghubung.draft.';

export function useDraft<T>(key: string, initial: T): [T, (next: T | ((current: T) => T)) => void, () => void] {
  const storageKey = PREFIX + key;
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = sessionStorage.getItem(storageKey);
      return stored === null ? initial : { ...initial, ...(JSON.parse(stored) as T) };
    } catch {
      return initial;
    }
  });

  useEffect(() => {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // Storage full or disabled: the form still works, only without the draft.
    }
  }, [storageKey, value]);

  const clear = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    setValue(initial);
    // `initial` is the caller's literal: clearing resets to the value of the first render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageKey]);

  return [value, setValue, clear];
}
