/**
 * A page as geometry: words with their boxes and the straight lines drawn on it, in PDF
 * points with the origin at the top left of the page as displayed (y grows downwards).
 * A PDF's text layer and OCR both end up here, and everything downstream (lines, tables,
 * headings) reads only this.
 */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageWord extends Box {
  text: string;
}

/** A horizontal (y0 = y1) or vertical (x0 = x1) line segment: a table border, an underline, a rule. */
export type PageRule = Box;

export interface PageLayout {
  number: number;
  width: number;
  height: number;
  words: PageWord[];
  rules: PageRule[];
  /** Where the words came from: the PDF's text layer, or OCR of the rendered page. */
  source: 'text' | 'ocr';
}

export const centreX = (box: Box): number => (box.x0 + box.x1) / 2;
export const centreY = (box: Box): number => (box.y0 + box.y1) / 2;
export const heightOf = (box: Box): number => box.y1 - box.y0;

export function union(boxes: readonly Box[]): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const box of boxes) {
    if (box.x0 < x0) x0 = box.x0;
    if (box.y0 < y0) y0 = box.y0;
    if (box.x1 > x1) x1 = box.x1;
    if (box.y1 > y1) y1 = box.y1;
  }
  return { x0, y0, x1, y1 };
}

/** How much of the shorter of two intervals the other covers (0–1). */
export function overlapShare(a0: number, a1: number, b0: number, b1: number): number {
  const overlap = Math.min(a1, b1) - Math.max(a0, b0);
  const shorter = Math.min(a1 - a0, b1 - b0);
  return overlap <= 0 ? 0 : shorter <= 0 ? 1 : overlap / shorter;
}
