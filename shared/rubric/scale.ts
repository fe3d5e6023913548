import type { Criterion, Level, Scale } from './schema.ts';

/** Scores whose difference is below this are the same score (floating-point noise, not judgement). */
export const SCORE_EPSILON = 1e-9;

export function scaleBounds(scale: Scale): { min: number; max: number } {
  if (scale.kind === 'number') return { min: scale.min, max: scale.max };
  const values = scale.levels.map((level) => level.value);
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** The levels of a level scale, or the anchors of a number scale, lowest first. */
export function scaleLevels(scale: Scale): Level[] {
  return [...(scale.kind === 'levels' ? scale.levels : scale.anchors)].sort((a, b) => a.value - b.value);
}

export function isAllowedScore(scale: Scale, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (scale.kind === 'levels') return scale.levels.some((level) => level.value === value);
  if (value < scale.min - SCORE_EPSILON || value > scale.max + SCORE_EPSILON) return false;
  const steps = (value - scale.min) / scale.step;
  return Math.abs(steps - Math.round(steps)) < 1e-6;
}

/** Within the scale's bounds, on a level or between two (a panel's median or mean). */
export function isWithinScale(scale: Scale, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const { min, max } = scaleBounds(scale);
  return value >= min - SCORE_EPSILON && value <= max + SCORE_EPSILON;
}

/**
 * A score as a percentage of the scale, by the scale's own mapping:
 * range: (s − min) / (max − min) × 100; ratio: s / max × 100. No rounding.
 */
export function scorePercent(scale: Scale, value: number): number {
  const { min, max } = scaleBounds(scale);
  return scale.mapping === 'range' ? ((value - min) / (max - min)) * 100 : (value / max) * 100;
}

/** The pieces of the mapping formula, for showing the user how a score became its percentage. */
export interface MappingExplanation {
  mapping: Scale['mapping'];
  value: number;
  min: number;
  max: number;
  percent: number;
}

export function explainScore(scale: Scale, value: number): MappingExplanation {
  const { min, max } = scaleBounds(scale);
  return { mapping: scale.mapping, value, min, max, percent: scorePercent(scale, value) };
}

/** The level a score stands at: the exact level, or for number scales the highest anchor at or below it. */
export function levelOf(scale: Scale, value: number): Level | undefined {
  const levels = scaleLevels(scale);
  if (scale.kind === 'levels') return levels.find((level) => level.value === value);
  return levels.filter((level) => level.value <= value + SCORE_EPSILON).at(-1);
}

/** A score a person may give this criterion: a value its scale allows, or "na" where it may be not applicable. */
export function acceptsScore(criterion: Pick<Criterion, 'scale' | 'allowNotApplicable'>, value: number | 'na'): boolean {
  return value === 'na' ? criterion.allowNotApplicable : isAllowedScore(criterion.scale, value);
}

/** "0, 1, 2, 3, 4" or "1–5 (0.01)", for messages. */
export function allowedValues(scale: Scale): string {
  if (scale.kind === 'levels')
    return scale.levels
      .map((level) => level.value)
      .sort((a, b) => a - b)
      .join(', ');
  return `${scale.min}–${scale.max} (${scale.step})`;
}
