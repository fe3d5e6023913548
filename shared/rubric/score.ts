import {
  STAGE_WEIGHTING_WHEN_ABSENT,
  type Band,
  type Criterion,
  type Rubric,
  type RubricNode,
  type StageWeighting,
  type Title,
} from './schema.ts';
import { isAllowedScore, isWithinScale, scorePercent } from './scale.ts';

/**
 * The scoring engine. Exact rules (docs/scoring.md), with no rounding anywhere; rounding
 * happens only when a number is displayed:
 *
 * 1. criterion % = the scale's mapping of the raw score (range or ratio), × 100.
 * 2. group % = Σ wᵢ·pᵢ / Σ wᵢ over the children that count: criteria that are applicable
 *    and scored, groups with at least one such criterion below them. Not applicable, not
 *    yet due at this Bimtek stage, and not yet scored children drop out of both sums: the
 *    remaining weights are renormalised. A group where nothing counts has no %.
 *    The weight wᵢ of a group that is only partly due at the stage depends on the rubric's
 *    `stageWeighting`: "whole" (or absent) keeps its weight; "due-share" multiplies it by the
 *    share of it that is due, Σ due children's weights ÷ Σ all children's weights.
 * 3. overall % = the same rule over the rubric's top-level items.
 * 4. gap = overall % − pass mark; a result within 1e-9 of the pass mark reaches it.
 * 5. points (when a rubric or group has them) = % / 100 × points.
 */

export type ScoreValue = number | 'na';
export type Scores = Readonly<Record<string, ScoreValue | undefined>>;

export type CriterionStatus = 'scored' | 'not_applicable' | 'not_due' | 'missing' | 'invalid';

interface ResultBase {
  code: string;
  title: Title;
  weight: number;
  /**
   * The share of this node's weight that is due at the stage: 1 for a due criterion, 0 for
   * one not due; for a group, Σ wᵢ·dueᵢ / Σ wᵢ over all its children. 1 without a stage.
   */
  due: number;
  /** The weight that enters the sums: `weight`, or `weight × due` when the rubric counts the due share. */
  countedWeight: number;
  /** Null when nothing below counts (not scored, or all not applicable). */
  percent: number | null;
  /** This node's counted weight divided by those of its siblings that count; 0 when it does not count. */
  share: number;
  /** Product of the shares from the top down to this node: its weight in the overall result. */
  effectiveShare: number;
  /** Percentage points of the overall result that come from this node: effectiveShare × percent. */
  contribution: number;
}

export interface CriterionResult extends ResultBase {
  kind: 'criterion';
  status: CriterionStatus;
  raw?: number;
}

export interface GroupResult extends ResultBase {
  kind: 'group';
  points?: { value: number | null; max: number };
  children: NodeResult[];
  completeness: Completeness;
}

export type NodeResult = CriterionResult | GroupResult;

export interface Completeness {
  /** All criteria. */
  total: number;
  /** Marked not applicable, or not yet due at this stage. */
  notApplicable: number;
  /** total − notApplicable. */
  scorable: number;
  scored: number;
}

export interface RubricResult {
  percent: number | null;
  points?: { value: number | null; max: number };
  passMark: number;
  gap: number | null;
  passed: boolean | null;
  band?: Band;
  completeness: Completeness;
  /** Every scorable criterion is scored: the result is final, not provisional. */
  complete: boolean;
  items: NodeResult[];
  /** How partly due groups counted (the rubric's setting, or "whole" when it has none). */
  stageWeighting: StageWeighting;
  /** Scores that the criterion's scale does not allow (kept out of every sum). */
  invalid: string[];
}

export interface ScoreOptions {
  /** Pass mark in percent; the rubric's own, else this (the workspace setting), else 70. */
  passMark?: number;
  /** Bimtek stage of the submission: criteria assessed only at other stages count as not due. */
  stage?: number;
  /**
   * Accept any value within the scale's bounds, not only its levels or steps: a panel's
   * median of 2 and 3 is 2.5. Only for derived results, never for a person's score.
   */
  betweenLevels?: boolean;
}

export const PASS_EPSILON = 1e-9;
export const DEFAULT_PASS_MARK = 70;

function criterionStatus(criterion: Criterion, value: ScoreValue | undefined, options: ScoreOptions): CriterionStatus {
  const { stage } = options;
  if (stage !== undefined && criterion.stages && !criterion.stages.includes(stage)) return 'not_due';
  if (value === undefined) return 'missing';
  if (value === 'na') return criterion.allowNotApplicable ? 'not_applicable' : 'invalid';
  const allowed = options.betweenLevels ? isWithinScale(criterion.scale, value) : isAllowedScore(criterion.scale, value);
  return allowed ? 'scored' : 'invalid';
}

function evaluate(node: RubricNode, scores: Scores, options: ScoreOptions, mode: StageWeighting): NodeResult {
  const base = { code: node.code, title: node.title, weight: node.weight, share: 0, effectiveShare: 0, contribution: 0 };
  if (node.type === 'criterion') {
    // Own properties only: a criterion coded "toString" must not find Object.prototype's.
    const value = Object.hasOwn(scores, node.code) ? scores[node.code] : undefined;
    const status = criterionStatus(node, value, options);
    const raw = typeof value === 'number' ? value : undefined;
    const due = status === 'not_due' ? 0 : 1;
    return {
      ...base,
      due,
      countedWeight: mode === 'due-share' ? node.weight * due : node.weight,
      kind: 'criterion',
      status,
      ...(raw !== undefined ? { raw } : {}),
      percent: status === 'scored' ? scorePercent(node.scale, raw as number) : null,
    };
  }
  const children = node.children.map((child) => evaluate(child, scores, options, mode));
  const percent = weightedMean(children);
  const due = dueShareOf(children);
  return {
    ...base,
    due,
    countedWeight: mode === 'due-share' ? node.weight * due : node.weight,
    kind: 'group',
    percent,
    ...(node.points !== undefined ? { points: { value: percent === null ? null : (percent / 100) * node.points, max: node.points } } : {}),
    children,
    completeness: completenessOf(children),
  };
}

/** Σ wᵢ·dueᵢ / Σ wᵢ over all the children, due or not (without weights: whether any is due). */
function dueShareOf(children: NodeResult[]): number {
  const total = children.reduce((sum, child) => sum + child.weight, 0);
  if (total <= 0) return children.some((child) => child.due > 0) ? 1 : 0;
  return children.reduce((sum, child) => sum + child.weight * child.due, 0) / total;
}

/** Σ wᵢ·pᵢ / Σ wᵢ over the results that count, with their counted weights; sets each result's share. */
function weightedMean(results: NodeResult[]): number | null {
  const counted = results.filter((result) => result.percent !== null);
  const totalWeight = counted.reduce((sum, result) => sum + result.countedWeight, 0);
  if (counted.length === 0 || totalWeight <= 0) return null;
  for (const result of counted) result.share = result.countedWeight / totalWeight;
  return counted.reduce((sum, result) => sum + result.countedWeight * (result.percent as number), 0) / totalWeight;
}

function assignContributions(results: NodeResult[], parentShare: number): void {
  for (const result of results) {
    result.effectiveShare = parentShare * result.share;
    result.contribution = result.percent === null ? 0 : result.effectiveShare * result.percent;
    if (result.kind === 'group') assignContributions(result.children, result.effectiveShare);
  }
}

function completenessOf(results: NodeResult[]): Completeness {
  const tally: Completeness = { total: 0, notApplicable: 0, scorable: 0, scored: 0 };
  for (const result of results) {
    if (result.kind === 'group') {
      tally.total += result.completeness.total;
      tally.notApplicable += result.completeness.notApplicable;
      tally.scored += result.completeness.scored;
    } else {
      tally.total += 1;
      if (result.status === 'not_applicable' || result.status === 'not_due') tally.notApplicable += 1;
      if (result.status === 'scored') tally.scored += 1;
    }
  }
  tally.scorable = tally.total - tally.notApplicable;
  return tally;
}

function collectInvalid(results: NodeResult[], into: string[]): string[] {
  for (const result of results) {
    if (result.kind === 'group') collectInvalid(result.children, into);
    else if (result.status === 'invalid') into.push(result.code);
  }
  return into;
}

/** The band (predikat) a percentage falls in: the highest band whose minimum it reaches. */
export function bandFor(bands: readonly Band[] | undefined, percent: number | null): Band | undefined {
  if (!bands || percent === null) return undefined;
  return [...bands].sort((a, b) => b.min - a.min).find((band) => percent + PASS_EPSILON >= band.min);
}

export function scoreRubric(rubric: Rubric, scores: Scores, options: ScoreOptions = {}): RubricResult {
  const stageWeighting = rubric.stageWeighting ?? STAGE_WEIGHTING_WHEN_ABSENT;
  const items = rubric.items.map((node) => evaluate(node, scores, options, stageWeighting));
  const percent = weightedMean(items);
  assignContributions(items, 1);
  const passMark = rubric.passMark ?? options.passMark ?? DEFAULT_PASS_MARK;
  const completeness = completenessOf(items);
  const band = bandFor(rubric.bands, percent);
  return {
    percent,
    ...(rubric.points !== undefined
      ? { points: { value: percent === null ? null : (percent / 100) * rubric.points, max: rubric.points } }
      : {}),
    passMark,
    gap: percent === null ? null : percent - passMark,
    passed: percent === null ? null : percent + PASS_EPSILON >= passMark,
    ...(band ? { band } : {}),
    completeness,
    complete: completeness.scored === completeness.scorable,
    items,
    stageWeighting,
    invalid: collectInvalid(items, []),
  };
}

/** Every node result by code, for looking one up ("SE.3"). */
export function resultsByCode(result: Pick<RubricResult, 'items'>): Map<string, NodeResult> {
  const map = new Map<string, NodeResult>();
  const visit = (results: NodeResult[]) => {
    for (const node of results) {
      map.set(node.code, node);
      if (node.kind === 'group') visit(node.children);
    }
  };
  visit(result.items);
  return map;
}
