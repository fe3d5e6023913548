import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatNumber,
  formatPercent,
  formatRupiah,
  formatScore,
  parseLocaleNumber,
  roundHalfUp,
} from '../../../shared/format/number.ts';
import { parseBudget } from '../../../shared/intake/inventory/values.ts';

describe('formatPercent', () => {
  it('writes the Indonesian decimal comma', () => {
    expect(formatPercent(70.5, 'id')).toBe('70,5%');
    expect(formatPercent(70, 'id')).toBe('70%');
    expect(formatPercent(64.24, 'id', 2)).toBe('64,24%');
  });

  it('writes the English decimal point', () => {
    expect(formatPercent(70.5, 'en')).toBe('70.5%');
  });
});

describe('formatNumber', () => {
  it('groups thousands with dots in Indonesian', () => {
    expect(formatNumber(1234567.891, 'id')).toBe('1.234.567,89');
    expect(formatNumber(1234567.891, 'en')).toBe('1,234,567.89');
  });
});

describe('roundHalfUp', () => {
  it.each([
    [3.4749999999999996, 2, 3.48],
    [3.315, 2, 3.32],
    [1.005, 2, 1.01],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [69.94999999999999, 1, 70],
    [0.000001234, 8, 0.00000123],
    [123456.785, 2, 123456.79],
    [1e20, 2, 1e20],
    [2e17, 4, 2e17],
  ])('rounds %d to %d decimals as %d', (value, digits, expected) => {
    expect(roundHalfUp(value, digits)).toBe(expected);
  });

  it('moves a value by at most half a unit of the last digit', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 4 }), (value, digits) => {
        expect(Math.abs(roundHalfUp(value, digits) - value)).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-6);
      }),
    );
  });
});

describe('formatScore', () => {
  it('keeps a fixed number of decimals', () => {
    expect(formatScore(3.4749999999999996, 'id')).toBe('3,48');
    expect(formatScore(42.64, 'id')).toBe('42,64');
    expect(formatScore(3.5, 'en')).toBe('3.50');
  });
});

describe('parseLocaleNumber', () => {
  it.each([
    ['70', 'id', 70],
    ['70,5', 'id', 70.5],
    ['70.5', 'id', 70.5],
    ['1.234,5', 'id', 1234.5],
    ['1.234', 'id', 1234],
    [' 72,5 % ', 'id', 72.5],
    ['70.5', 'en', 70.5],
    ['1,234.5', 'en', 1234.5],
    ['70,5', 'en', 70.5],
    ['-3,25', 'id', -3.25],
    ['0.125', 'id', 0.125],
    ['0.001', 'id', 0.001],
    ['-0.500', 'id', -0.5],
    ['0,125', 'en', 0.125],
    ['12.345.678', 'id', 12345678],
  ] as const)('reads %s (%s) as %d', (text, language, expected) => {
    expect(parseLocaleNumber(text, language)).toBe(expected);
  });

  it.each(['', 'abc', '7O', '1,2,3', '12,5.3', '1.23.4', '--1', ','])('refuses %j', (text) => {
    expect(parseLocaleNumber(text, 'id')).toBeUndefined();
  });

  it('reads back whatever it formats, in both languages', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom('id' as const, 'en' as const),
        (value, language) => {
          const rounded = Math.round(value * 100) / 100;
          expect(parseLocaleNumber(formatNumber(rounded, language, 2), language)).toBeCloseTo(rounded, 6);
        },
      ),
    );
  });
});

describe('formatRupiah', () => {
  it('writes budgets short with Indonesian units, and spells the units out in English so that "M" is never mistaken for million', () => {
    const nbsp = (text: string) => text.replace(/\s/g, ' ');
    expect([368e6, 2.5e9, 1500, 3e12].map((value) => nbsp(formatRupiah(value, 'id')))).toEqual([
      'Rp 368 jt',
      'Rp 2,5 M',
      'Rp 1,5 rb',
      'Rp 3 T',
    ]);
    expect([368e6, 2.5e9].map((value) => nbsp(formatRupiah(value, 'en')))).toEqual(['Rp 368 million', 'Rp 2.5 billion']);
    expect(formatRupiah(1_250_000_000, 'id', false)).toBe('Rp 1.250.000.000');
    expect(parseBudget(formatNumber(1_250_000_000, 'id', 0))).toBe(1_250_000_000);
  });
});

describe('formatBytes', () => {
  it('writes a file size with the Indonesian decimal comma', () => {
    expect([512, 18_432, 1_258_291, 1024 ** 3 * 2.25].map((bytes) => formatBytes(bytes, 'id'))).toEqual([
      '512 B',
      '18 KB',
      '1,2 MB',
      '2,3 GB',
    ]);
    expect(formatBytes(1_258_291, 'en')).toBe('1.2 MB');
  });
});
