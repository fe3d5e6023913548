/**
 * Krippendorff's alpha by the coincidence-matrix method (Krippendorff 2011,
 * "Computing Krippendorff's Alpha-Reliability"), for any number of coders and
 * missing values.
 */

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface AlphaResult {
  /**
   * 1 − Do/De; `null` when alpha is undefined: no pairable values, or no expected
   * disagreement because every pairable value is the same ("not enough variation").
   */
  alpha: number | null;
  /** Pairable values n.. (values in units that hold at least two). */
  pairable: number;
  /** Units with at least two values; the others drop out. */
  units: number;
  /** Do = Σ o_ck δ²_ck / n.. */
  observedDisagreement: number;
  /** De = Σ n_c n_k δ²_ck / (n.. (n.. − 1)) */
  expectedDisagreement: number;
}

/**
 * `units[u][c]` is the value coder c gave unit u, or null/undefined when missing.
 * Values are compared exactly. Ordinal treats them as ranks (only their order
 * matters); ratio expects non-negative values.
 */
export function krippendorffAlpha(units: ReadonlyArray<ReadonlyArray<number | null | undefined>>, level: AlphaLevel): AlphaResult {
  // Coincidences o_ck, keyed by value: each unit with m ≥ 2 values adds 1/(m − 1)
  // for every ordered pair of its values taken from different coders.
  const coincidences = new Map<number, Map<number, number>>();
  // n_c = Σ_k o_ck, which is simply how often c occurs among the pairable values.
  const frequencies = new Map<number, number>();
  let pairableUnits = 0;
  for (const unit of units) {
    const counts = new Map<number, number>();
    let m = 0;
    for (const value of unit) {
      if (value === null || value === undefined) continue;
      if (!Number.isFinite(value)) throw new RangeError(`Krippendorff's alpha needs finite values, got ${value}`);
      counts.set(value, (counts.get(value) ?? 0) + 1);
      m += 1;
    }
    if (m < 2) continue;
    pairableUnits += 1;
    for (const [c, nc] of counts) {
      frequencies.set(c, (frequencies.get(c) ?? 0) + nc);
      const row = coincidences.get(c) ?? new Map<number, number>();
      coincidences.set(c, row);
      for (const [k, nk] of counts) {
        row.set(k, (row.get(k) ?? 0) + (nc * (c === k ? nk - 1 : nk)) / (m - 1));
      }
    }
  }

  // Marginals n_c, over the distinct values in ascending order.
  const values = [...frequencies.keys()].sort((a, b) => a - b);
  const marginals = values.map((c) => frequencies.get(c) ?? 0);
  const total = marginals.reduce((a, b) => a + b, 0);
  const delta2 = metric(level, values, marginals);

  let observed = 0;
  let expected = 0;
  values.forEach((c, i) => {
    const row = coincidences.get(c);
    values.forEach((k, j) => {
      const d = delta2(i, j);
      observed += (row?.get(k) ?? 0) * d;
      expected += (marginals[i] ?? 0) * (marginals[j] ?? 0) * d;
    });
  });

  const observedDisagreement = total > 0 ? observed / total : 0;
  const expectedDisagreement = total > 1 ? expected / (total * (total - 1)) : 0;
  return {
    alpha: expectedDisagreement > 0 ? 1 - observedDisagreement / expectedDisagreement : null,
    pairable: total,
    units: pairableUnits,
    observedDisagreement,
    expectedDisagreement,
  };
}

/** δ²_ck as a function of indexes into the ascending distinct `values`. */
function metric(level: AlphaLevel, values: readonly number[], marginals: readonly number[]): (i: number, j: number) => number {
  const at = (i: number): number => values[i] ?? 0;
  switch (level) {
    case 'nominal':
      return (i, j) => (i === j ? 0 : 1);
    case 'interval':
      return (i, j) => (at(i) - at(j)) ** 2;
    case 'ratio':
      return (i, j) => {
        const s = at(i) + at(j);
        return s === 0 ? 0 : ((at(i) - at(j)) / s) ** 2;
      };
    case 'ordinal': {
      // cumulative[i] = n_0 + … + n_(i−1), so Σ_{g=c..k} n_g = cumulative[k+1] − cumulative[c].
      const cumulative = [0];
      for (const n of marginals) cumulative.push((cumulative.at(-1) ?? 0) + n);
      return (i, j) => {
        const lo = Math.min(i, j);
        const hi = Math.max(i, j);
        const between = (cumulative[hi + 1] ?? 0) - (cumulative[lo] ?? 0);
        return (between - ((marginals[lo] ?? 0) + (marginals[hi] ?? 0)) / 2) ** 2;
      };
    }
  }
}
