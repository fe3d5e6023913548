import type { PageRule, PageWord } from './page.ts';

/**
 * A page scanned a little askew (a sheet laid crooked on the glass) straightened out:
 * the angle is the median slope of the text lines OCR found (word centres along each
 * line of three words or more, fitted by least squares), and words and lines are turned
 * back by it about the page's centre. Table rows then line up again across the page.
 */
export interface OcrLineWord extends PageWord {
  /** Which text line OCR put the word on. */
  line: number;
}

/** Below this angle (radians, about 0.05°) a page is straight enough. */
const NEGLIGIBLE = 0.001;

export function skewOf(words: readonly OcrLineWord[], pageWidth: number): number {
  const lines = new Map<number, OcrLineWord[]>();
  for (const word of words) lines.set(word.line, [...(lines.get(word.line) ?? []), word]);
  const slopes: number[] = [];
  for (const line of lines.values()) {
    if (line.length < 3) continue;
    const xs = line.map((word) => (word.x0 + word.x1) / 2);
    const ys = line.map((word) => (word.y0 + word.y1) / 2);
    if (Math.max(...xs) - Math.min(...xs) < pageWidth * 0.25) continue;
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    xs.forEach((x, index) => {
      sxy += (x - mx) * ((ys[index] as number) - my);
      sxx += (x - mx) ** 2;
    });
    if (sxx > 0) slopes.push(sxy / sxx);
  }
  if (slopes.length < 3) return 0;
  slopes.sort((a, b) => a - b);
  return Math.atan(slopes[Math.floor(slopes.length / 2)] as number);
}

/** Turn words and rules by −angle about (cx, cy); each rule stays horizontal or vertical. */
export function straighten<W extends PageWord>(
  angle: number,
  centre: { x: number; y: number },
  words: readonly W[],
  rules: readonly PageRule[],
): { words: W[]; rules: PageRule[] } {
  if (Math.abs(angle) < NEGLIGIBLE) return { words: [...words], rules: [...rules] };
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  const turn = (x: number, y: number): [number, number] => [
    centre.x + (x - centre.x) * cos - (y - centre.y) * sin,
    centre.y + (x - centre.x) * sin + (y - centre.y) * cos,
  ];
  return {
    words: words.map((word) => {
      const [cx, cy] = turn((word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2);
      const halfWidth = (word.x1 - word.x0) / 2;
      const halfHeight = (word.y1 - word.y0) / 2;
      return { ...word, x0: cx - halfWidth, x1: cx + halfWidth, y0: cy - halfHeight, y1: cy + halfHeight };
    }),
    rules: rules.map((rule) => {
      const [ax, ay] = turn(rule.x0, rule.y0);
      const [bx, by] = turn(rule.x1, rule.y1);
      if (rule.y0 === rule.y1) {
        const y = (ay + by) / 2;
        return { x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: y, y1: y };
      }
      const x = (ax + bx) / 2;
      return { x0: x, x1: x, y0: Math.min(ay, by), y1: Math.max(ay, by) };
    }),
  };
}
