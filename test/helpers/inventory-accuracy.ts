import { fold } from '../../shared/text/fold.ts';

/**
 * How well an inventory read from a document matches the document's truth: precision and
 * recall of the names, and the share of right fields (dimension, agency, horizon and
 * year, budget) among the items found. Names match when equal after folding case,
 * accents and punctuation, or within a tenth of their length in edits (an OCR slip, a
 * hyphen); each truth item matches at most one found item.
 */
export interface ItemLike {
  name: string;
  dimension: string | null;
  agency: string | null;
  horizon: string | null;
  year: string | null;
  budget: number | null;
}

export interface Accuracy {
  truth: number;
  found: number;
  matched: number;
  precision: number;
  recall: number;
  /** Right fields over matched items × 4. */
  fields: number;
  fieldErrors: string[];
  missed: string[];
  extra: string[];
}

export const FIELDS = ['dimension', 'agency', 'horizon/year', 'budget'] as const;

export function normaliseName(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

export function sameText(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const x = normaliseName(a);
  const y = normaliseName(b);
  return x === y || editDistance(x, y) <= Math.floor(Math.max(x.length, y.length) / 10);
}

export function fieldsRight(found: ItemLike, truth: ItemLike): Record<(typeof FIELDS)[number], boolean> {
  return {
    dimension: found.dimension === truth.dimension,
    agency: sameText(found.agency, truth.agency),
    'horizon/year': found.horizon === truth.horizon && found.year === truth.year,
    budget: found.budget === truth.budget,
  };
}

export function accuracy(found: readonly ItemLike[], truth: readonly ItemLike[]): Accuracy {
  const unmatched = new Set(found.map((_, index) => index));
  let matched = 0;
  let right = 0;
  const fieldErrors: string[] = [];
  const missed: string[] = [];
  for (const expected of truth) {
    const key = normaliseName(expected.name);
    let at = [...unmatched].find((index) => normaliseName((found[index] as ItemLike).name) === key);
    at ??= [...unmatched].find((index) => sameText((found[index] as ItemLike).name, expected.name));
    if (at === undefined) {
      missed.push(expected.name);
      continue;
    }
    unmatched.delete(at);
    matched += 1;
    const item = found[at] as ItemLike;
    for (const [field, ok] of Object.entries(fieldsRight(item, expected))) {
      if (ok) right += 1;
      else fieldErrors.push(`${expected.name}: ${field} ${JSON.stringify(pick(item, field))} ≠ ${JSON.stringify(pick(expected, field))}`);
    }
  }
  return {
    truth: truth.length,
    found: found.length,
    matched,
    precision: found.length ? matched / found.length : truth.length ? 0 : 1,
    recall: truth.length ? matched / truth.length : 1,
    fields: matched ? right / (matched * FIELDS.length) : 1,
    fieldErrors,
    missed,
    extra: [...unmatched].map((index) => (found[index] as ItemLike).name),
  };
}

function pick(item: ItemLike, field: string): unknown {
  return field === 'horizon/year' ? [item.horizon, item.year] : item[field as keyof ItemLike];
}

/** Sums of several documents' accuracies, as one. */
export function total(parts: readonly Accuracy[]): Accuracy {
  const sum = (key: 'truth' | 'found' | 'matched') => parts.reduce((acc, part) => acc + part[key], 0);
  const truth = sum('truth');
  const found = sum('found');
  const matched = sum('matched');
  const fieldRight = parts.reduce((acc, part) => acc + part.fields * part.matched * FIELDS.length, 0);
  return {
    truth,
    found,
    matched,
    precision: found ? matched / found : 1,
    recall: truth ? matched / truth : 1,
    fields: matched ? fieldRight / (matched * FIELDS.length) : 1,
    fieldErrors: parts.flatMap((part) => part.fieldErrors),
    missed: parts.flatMap((part) => part.missed),
    extra: parts.flatMap((part) => part.extra),
  };
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** A Markdown table of the accuracies, a row per document and format, and the totals. */
export function accuracyTable(rows: readonly { document: string; format: string; accuracy: Accuracy }[]): string {
  const lines = ['| document | format | items (truth) | found | precision | recall | fields |', '|---|---|---:|---:|---:|---:|---:|'];
  for (const { document, format, accuracy: a } of rows) {
    lines.push(
      `| ${document} | ${format} | ${a.truth} | ${a.found} | ${percent(a.precision)} | ${percent(a.recall)} | ${percent(a.fields)} |`,
    );
  }
  return lines.join('\n');
}
