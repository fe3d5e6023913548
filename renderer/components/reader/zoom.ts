import { useCallback, useState } from 'react';

/** The reader's zoom: fit the page to the width of the reader, or a fixed scale (1 = 100%). */
export type Zoom = 'fit' | number;

/** The scales zoom in and out step through. */
export const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const;
const MIN = ZOOM_STEPS[0];
const MAX = ZOOM_STEPS[ZOOM_STEPS.length - 1] as number;
const EPSILON = 0.005;

/** The next scale up (or down) from the scale shown now, within the steps. */
export function stepZoom(current: number, direction: 1 | -1): number {
  if (direction === 1) return ZOOM_STEPS.find((step) => step > current + EPSILON) ?? MAX;
  return [...ZOOM_STEPS].reverse().find((step) => step < current - EPSILON) ?? MIN;
}

/** A stored zoom as written by `useReaderZoom`; anything else reads as fit width. */
export function parseZoom(text: string | null): Zoom {
  if (text === null || text === 'fit') return 'fit';
  const value = Number(text);
  return Number.isFinite(value) && value >= MIN && value <= MAX ? value : 'fit';
}

function readStored(key: string): Zoom {
  try {
    return parseZoom(window.localStorage.getItem(key));
  } catch {
    return 'fit';
  }
}

/**
 * The zoom of one kind of reader (beside the scoring form, or on the submission page),
 * remembered on this computer across reloads.
 */
export function useReaderZoom(place: 'submission' | 'scoring'): [Zoom, (zoom: Zoom) => void] {
  const key = `timbang.reader.zoom.${place}`;
  const [zoom, setZoom] = useState<Zoom>(() => readStored(key));
  const change = useCallback(
    (next: Zoom) => {
      setZoom(next);
      try {
        window.localStorage.setItem(key, String(next));
      } catch {
        // Storage refused (private window): the zoom holds until the page closes.
      }
    },
    [key],
  );
  return [zoom, change];
}
