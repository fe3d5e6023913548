import { describe, expect, it } from 'vitest';
import { skewOf, straighten, type OcrLineWord } from '../../../shared/intake/layout/deskew.ts';
import { rulesFromImage } from '../../../shared/intake/layout/image-rules.ts';
import { ruledTables } from '../../../shared/intake/tables/ruled.ts';

/** A white page at 150 dpi with black pixels where `ink` says. */
function image(width: number, height: number, ink: (x: number, y: number) => boolean) {
  const data = new Uint8Array(width * height).fill(240);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) if (ink(x, y)) data[y * width + x] = 20;
  return { width, height, data };
}

describe('a scanned table', () => {
  it('has its borders found in the pixels, as lines that make cells; letters are not lines', () => {
    // A 3 × 2 grid of 2-pixel lines from (100,100) to (700,400), tilted by 2 pixels over its width, and some "letters".
    const xs = [100, 300, 700];
    const ys = [100, 250, 400];
    const scan = image(800, 500, (x, y) => {
      const tilt = Math.round(((x - 100) / 600) * 2);
      const onRow = ys.some((row) => x >= 100 && x <= 700 && Math.abs(y - (row + tilt)) <= 1);
      const onColumn = xs.some((column) => Math.abs(x - column) <= 1 && y >= 100 && y <= 400 + tilt);
      const letter = y >= 160 && y <= 175 && x >= 120 && x <= 280 && x % 9 < 2;
      return onRow || onColumn || letter;
    });
    const rules = rulesFromImage(scan, 150);
    expect(
      rules.every((rule) => rule.x1 - rule.x0 >= 150 * 0.35 * (72 / 150) - 0.01 || rule.y1 - rule.y0 >= 150 * 0.25 * (72 / 150) - 0.01),
    ).toBe(true);
    const [table] = ruledTables(rules, []);
    expect(table?.rows).toHaveLength(2);
    expect(table?.columns).toHaveLength(3);
  });

  it('takes a filled band (a dark header row, a photo) for no lines at all, and a line drawn under it for one', () => {
    const scan = image(
      800,
      500,
      (x, y) =>
        (x >= 100 && x <= 700 && y >= 100 && y <= 140) ||
        (x >= 100 && x <= 700 && y >= 300 && y <= 301) ||
        (x >= 300 && x <= 420 && y >= 200 && y <= 280),
    );
    const rules = rulesFromImage(scan, 150);
    const rows = [...new Set(rules.filter((rule) => rule.y0 === rule.y1).map((rule) => Math.round(rule.y0 / (72 / 150))))];
    expect(rows.every((row) => row >= 299 && row <= 302)).toBe(true);
    expect(rows.length).toBeGreaterThan(0);
    expect(rules.filter((rule) => rule.x0 === rule.x1)).toEqual([]);
  });

  it('is straightened by the slope of its text lines before its rows are read', () => {
    const angle = 0.007; // about 0.4°
    const words: OcrLineWord[] = [];
    for (let line = 0; line < 6; line += 1) {
      for (let column = 0; column < 8; column += 1) {
        const x = 60 + column * 60;
        const y = 100 + line * 40 + Math.tan(angle) * x;
        words.push({ text: `w${line}${column}`, x0: x, x1: x + 40, y0: y, y1: y + 10, line });
      }
    }
    expect(skewOf(words, 595)).toBeCloseTo(angle, 4);
    const straight = straighten(skewOf(words, 595), { x: 297, y: 421 }, words, []);
    for (let line = 0; line < 6; line += 1) {
      const ys = straight.words.filter((word) => word.line === line).map((word) => word.y0);
      expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(0.5);
    }
    expect(
      skewOf(
        words.filter((word) => word.line === 0),
        595,
      ),
    ).toBe(0);
  });
});
