import { describe, expect, it } from 'vitest';
import { MAX_ROW_HEIGHT, rowHeight, wrappedLines } from '../../../electron/core/reports/print.ts';

describe('row heights for wrapped text', () => {
  it('counts the lines a text wraps into between words, and a line per paragraph', () => {
    expect(wrappedLines('', 20)).toBe(1);
    expect(wrappedLines('Smart Governance', 40)).toBe(1);
    expect(wrappedLines('Fakta: data ada. Analisis: memadai. Bukti: hlm. 12.', 12)).toBeGreaterThanOrEqual(4);
    expect(wrappedLines('satu\ndua\ntiga', 40)).toBe(3);
  });

  it('gives a row the height of its tallest wrapped cell, and never more than Excel allows', () => {
    expect(rowHeight([{ text: 'pendek', width: 20 }])).toBe(15);
    expect(
      rowHeight([
        { text: 'satu\ndua', width: 20 },
        { text: 'x', width: 5 },
      ]),
    ).toBe(30);
    // A note of a thousand characters in a narrow column would need some 1 500 points.
    expect(rowHeight([{ text: 'catatan panjang '.repeat(60), width: 12 }])).toBe(MAX_ROW_HEIGHT);
  });
});
