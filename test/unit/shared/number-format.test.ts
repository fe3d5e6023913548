import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent, parseLocaleNumber } from '../../../shared/format/number.ts';

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
