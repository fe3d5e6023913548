import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, type AlphaLevel } from '../../../shared/stats/krippendorff.ts';

/** Coder rows as printed in the sources ("." or "*" = missing) → units[u][c]. */
function units(...coders: string[]): (number | null)[][] {
  const rows = coders.map((row) =>
    row
      .trim()
      .split(/\s+/)
      .map((v) => (v === '.' || v === '*' ? null : Number(v))),
  );
  const count = Math.max(...rows.map((row) => row.length));
  return Array.from({ length: count }, (_, u) => rows.map((row) => row[u] ?? null));
}

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability, section C
// (4 observers, 12 units, missing data); also the example of R irr::kripp.alpha,
// whose documented results are nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
const fourObservers = units('1 2 3 3 2 1 4 1 2 . . .', '1 2 3 3 2 2 4 1 2 5 . 3', '. 3 3 3 2 3 4 2 2 5 1 .', '1 2 3 3 2 4 4 1 2 5 1 .');

describe('krippendorffAlpha: published examples', () => {
  it.each<[AlphaLevel, number]>([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ])('Krippendorff (2011) section C, %s = %s', (level, published) => {
    const result = krippendorffAlpha(fourObservers, level);
    expect(result.alpha).toBeCloseTo(published, 3);
    // Unit 12 has a single value and drops out: 11 units, 40 pairable values.
    expect(result.units).toBe(11);
    expect(result.pairable).toBe(40);
  });

  it('Krippendorff (2011) section A: binary, two observers → 0.095', () => {
    const result = krippendorffAlpha(units('0 1 0 0 0 0 0 0 1 0', '1 1 1 0 0 1 0 0 0 0'), 'nominal');
    expect(result.alpha).toBeCloseTo(0.095, 3);
    // α = 1 − (n − 1) o_01 / (n_0 n_1) = 1 − 19·4 / (14·6)
    expect(result.alpha).toBeCloseTo(1 - (19 * 4) / (14 * 6), 12);
  });

  it('Krippendorff (2011) section B: nominal, two observers → 0.692', () => {
    const result = krippendorffAlpha(units('1 1 2 2 4 3 3 3 5 4 4 1', '2 1 2 2 2 3 3 3 5 4 4 4'), 'nominal');
    expect(result.alpha).toBeCloseTo(0.692, 3);
  });

  // Wikipedia, "Krippendorff's alpha", section "A computational example": 3 coders, 15 units.
  const wikipedia = units('* * * * * 3 4 1 2 1 1 3 3 * 3', '1 * 2 1 3 3 4 3 * * * * * * *', '* * 2 1 3 4 4 * 2 1 1 3 3 * 4');

  it('Wikipedia computational example: nominal 0.691, interval 0.811', () => {
    expect(krippendorffAlpha(wikipedia, 'nominal').alpha).toBeCloseTo(0.691, 3);
    expect(krippendorffAlpha(wikipedia, 'interval').alpha).toBeCloseTo(0.811, 3);
  });
});

describe('krippendorffAlpha: edge cases', () => {
  const levels: AlphaLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

  it('is 1 for perfect agreement with variation', () => {
    const data = [
      [1, 1, 1],
      [2, 2, null],
      [4, 4, 4],
    ];
    for (const level of levels) {
      const result = krippendorffAlpha(data, level);
      expect(result.alpha).toBe(1);
      expect(result.observedDisagreement).toBe(0);
    }
  });

  it('is null when every value is the same', () => {
    for (const level of levels) {
      const result = krippendorffAlpha(
        [
          [3, 3],
          [3, 3, 3],
        ],
        level,
      );
      expect(result.alpha).toBeNull();
      expect(result.expectedDisagreement).toBe(0);
      expect(result.pairable).toBe(5);
    }
  });

  it('is null when nothing is pairable', () => {
    expect(krippendorffAlpha([], 'nominal')).toEqual({
      alpha: null,
      pairable: 0,
      units: 0,
      observedDisagreement: 0,
      expectedDisagreement: 0,
    });
    expect(krippendorffAlpha([[1, null], [undefined, 2], []], 'interval').alpha).toBeNull();
  });

  it('ignores units with a single value', () => {
    const base = [
      [1, 2],
      [3, 3],
      [2, 2],
    ];
    const padded = [...base, [5, null, undefined], [null, 9]];
    for (const level of levels) {
      expect(krippendorffAlpha(padded, level)).toEqual(krippendorffAlpha(base, level));
    }
  });

  it('treats ratio 0 against 0 as agreement', () => {
    expect(
      krippendorffAlpha(
        [
          [0, 0],
          [1, 1],
          [2, 2],
        ],
        'ratio',
      ).alpha,
    ).toBe(1);
  });
});

describe('krippendorffAlpha: properties', () => {
  const data = fc.array(fc.array(fc.option(fc.nat(9), { nil: null }), { maxLength: 4 }), { maxLength: 8 });

  it('ordinal alpha only depends on the order of the values', () => {
    fc.assert(
      fc.property(data, (raw) => {
        const transformed = raw.map((unit) => unit.map((v) => (v === null ? null : v * v + 3)));
        const a = krippendorffAlpha(raw, 'ordinal').alpha;
        const b = krippendorffAlpha(transformed, 'ordinal').alpha;
        if (a === null || b === null) expect(b).toBe(a);
        else expect(b).toBeCloseTo(a, 10);
      }),
    );
  });

  it('does not depend on the order of units or coders', () => {
    fc.assert(
      fc.property(data, fc.constantFrom<AlphaLevel>('nominal', 'ordinal', 'interval', 'ratio'), (raw, level) => {
        const shuffled = raw.map((unit) => [...unit].reverse()).reverse();
        const a = krippendorffAlpha(raw, level).alpha;
        const b = krippendorffAlpha(shuffled, level).alpha;
        if (a === null || b === null) expect(b).toBe(a);
        else expect(b).toBeCloseTo(a, 10);
      }),
    );
  });
});
