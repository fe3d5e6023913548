import { useCallback, useState } from 'react';

/** A part of the screen shown or folded, as last chosen on this computer; until then as `initial` says. */
export function useRememberedToggle(key: string, initial: () => boolean): [boolean, () => void] {
  const [shown, setShown] = useState(() => {
    try {
      const stored = window.localStorage.getItem(key);
      if (stored === 'shown' || stored === 'hidden') return stored === 'shown';
    } catch {
      // No storage: as the screen suggests.
    }
    return initial();
  });
  const toggle = useCallback(() => {
    setShown((current) => {
      try {
        window.localStorage.setItem(key, current ? 'hidden' : 'shown');
      } catch {
        // Storage refused: the choice holds until the page closes.
      }
      return !current;
    });
  }, [key]);
  return [shown, toggle];
}
