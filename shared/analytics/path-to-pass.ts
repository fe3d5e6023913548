import { scaleBounds, scaleLevels, scorePercent, SCORE_EPSILON } from '../rubric/scale.ts';
import type { Criterion, Rubric, Scale, Title } from '../rubric/schema.ts';
import { scoreRubric, type CriterionResult, type NodeResult, type Scores, type ScoreOptions, PASS_EPSILON } from '../rubric/score.ts';

/**
 * The path to the pass mark: for a result below it, the fewest level steps that lift it
 * there, and which. A step raises one scored criterion to its next level (for a number
 * scale, its next anchor, or the next quarter of the range when it has none). With the
 * criteria that count held fixed, a result is linear in the criteria's percentages, so
 * each step's gain is exact; the fewest steps are found by dynamic programming over the
 * criteria (each criterion: how many of its steps to take), which is optimal even when a
 * scale's levels are unevenly spaced. Criteria not scored, not applicable or not due are
 * left alone: raising them is not a step, scoring them is.
 *
 * When two plans take as many steps and gain as much, the one with more steps in groups
 * below the pass mark wins, and in the list a step in such a group comes before a step
 * that gains as much in a group already above it: the weak dimension first.
 */
export interface Improvement {
  code: string;
  title: Title;
  /** The top-level group (dimension) the criterion is in; empty for a top-level criterion. */
  group: string;
  groupTitle: Title | null;
  /** Whether that group (or the top-level criterion itself) is below the pass mark now. */
  belowPassMark: boolean;
  from: number;
  to: number;
  steps: number;
  /** Percentage points the target's result gains. */
  gain: number;
}

export interface TargetPlan {
  /** '' for the overall result, else the top-level group's code. */
  target: string;
  title: Title;
  current: number;
  passMark: number;
  /** Percentage points missing. */
  needed: number;
  /** Whether raising the scored criteria as far as they go reaches the pass mark. */
  reachable: boolean;
  /** The best result the scored criteria can reach. */
  best: number;
  /** Total level steps in the plan (when unreachable: the steps to the best result). */
  steps: number;
  /** The plan, highest gain per step first. */
  improvements: Improvement[];
}

export interface PassPlan {
  overall: TargetPlan | null;
  /** Every top-level group below the pass mark. */
  groups: TargetPlan[];
}

/** The values a score can be raised to, lowest first. */
export function stepsAbove(scale: Scale, value: number): number[] {
  const { min, max } = scaleBounds(scale);
  let candidates = scaleLevels(scale).map((level) => level.value);
  if (scale.kind === 'number' && candidates.length === 0) candidates = [0, 1, 2, 3, 4].map((quarter) => min + ((max - min) * quarter) / 4);
  if (scale.kind === 'number') candidates.push(max);
  return [...new Set(candidates)]
    .filter((candidate) => candidate > value + SCORE_EPSILON && candidate <= max + SCORE_EPSILON)
    .sort((a, b) => a - b);
}

interface Option {
  criterion: Criterion;
  group: NodeResult | undefined;
  /** The group it is in (or it, at the top level) is below the pass mark: preferred when gains tie. */
  below: boolean;
  from: number;
  /** gains[k − 1]: the gain of taking k steps. */
  gains: number[];
  targets: number[];
}

/** Gains this close are the same gain (floating point gives 15 × 25 and 25 × 15 a hair apart). */
const SAME_GAIN = 1e-9;

/**
 * Fewest steps whose gains reach `needed`; else the steps to the most gain. Exact (dynamic
 * programming). Among plans with as many steps and the same gain, the most steps below the mark.
 */
function fewestSteps(options: Option[], needed: number): { reachable: boolean; counts: number[]; gain: number } {
  const total = options.reduce((sum, option) => sum + option.gains.length, 0);
  // best[s]: the most gain with exactly s steps over the options seen so far, and below[s] the most
  // of those steps in groups below the pass mark; pick[i][s]: steps taken from option i.
  let best = new Array<number>(total + 1).fill(Number.NEGATIVE_INFINITY);
  let below = new Array<number>(total + 1).fill(0);
  best[0] = 0;
  const picks: number[][] = [];
  let reach = 0;
  for (const option of options) {
    const next = new Array<number>(total + 1).fill(Number.NEGATIVE_INFINITY);
    const nextBelow = new Array<number>(total + 1).fill(0);
    const pick = new Array<number>(total + 1).fill(0);
    for (let s = 0; s <= reach; s += 1) {
      const base = best[s] as number;
      if (base === Number.NEGATIVE_INFINITY) continue;
      for (let k = 0; k <= option.gains.length; k += 1) {
        const gain = base + (k === 0 ? 0 : (option.gains[k - 1] as number));
        const weak = (below[s] as number) + (option.below ? k : 0);
        const current = next[s + k] as number;
        if (gain > current + SAME_GAIN || (gain >= current - SAME_GAIN && weak > (nextBelow[s + k] as number))) {
          next[s + k] = gain;
          nextBelow[s + k] = weak;
          pick[s + k] = k;
        }
      }
    }
    reach += option.gains.length;
    best = next;
    below = nextBelow;
    picks.push(pick);
  }
  let chosen = best.findIndex((gain) => gain + PASS_EPSILON >= needed);
  const reachable = chosen !== -1;
  if (!reachable) {
    // Unreachable: the fewest steps that give the most gain there is.
    const most = Math.max(...best);
    chosen = best.findIndex((gain) => gain >= most - 1e-12);
  }
  const counts = new Array<number>(options.length).fill(0);
  let s = chosen;
  for (let index = options.length - 1; index >= 0; index -= 1) {
    const k = (picks[index] as number[])[s] as number;
    counts[index] = k;
    s -= k;
  }
  return { reachable, counts, gain: best[chosen] as number };
}

function plan(target: string, title: Title, current: number, passMark: number, options: Option[]): TargetPlan {
  const needed = Math.max(0, passMark - current);
  const { reachable, counts, gain } = fewestSteps(options, needed);
  const improvements: Improvement[] = options.flatMap((option, index) => {
    const k = counts[index] as number;
    if (k === 0) return [];
    return [
      {
        code: option.criterion.code,
        title: option.criterion.title,
        group: option.group?.code ?? '',
        groupTitle: option.group?.title ?? null,
        belowPassMark: option.below,
        from: option.from,
        to: option.targets[k - 1] as number,
        steps: k,
        gain: option.gains[k - 1] as number,
      },
    ];
  });
  improvements.sort((a, b) => {
    const perStep = b.gain / b.steps - a.gain / a.steps;
    if (Math.abs(perStep) > SAME_GAIN) return perStep;
    return Number(b.belowPassMark) - Number(a.belowPassMark) || a.code.localeCompare(b.code);
  });
  return {
    target,
    title,
    current,
    passMark,
    needed,
    reachable,
    best: current + gain,
    steps: improvements.reduce((sum, improvement) => sum + improvement.steps, 0),
    improvements,
  };
}

function scoredCriteria(
  nodes: NodeResult[],
  top: NodeResult | undefined,
  into: { result: CriterionResult; top: NodeResult | undefined }[],
) {
  for (const node of nodes) {
    if (node.kind === 'group') scoredCriteria(node.children, top ?? node, into);
    else if (node.status === 'scored' && node.raw !== undefined) into.push({ result: node, top });
  }
  return into;
}

/**
 * For the overall result and each top-level group below the pass mark: the fewest level
 * steps to the pass mark. `scores` may hold values between levels (a panel's median).
 */
export function pathToPass(rubric: Rubric, scores: Scores, options: ScoreOptions = {}): PassPlan {
  const result = scoreRubric(rubric, scores, { ...options, betweenLevels: true });
  const criteria = new Map<string, Criterion>();
  const visit = (nodes: Rubric['items']) => {
    for (const node of nodes) {
      if (node.type === 'group') visit(node.children);
      else criteria.set(node.code, node);
    }
  };
  visit(rubric.items);
  const scored = scoredCriteria(result.items, undefined, []);
  const optionsFor = (share: (entry: (typeof scored)[number]) => number, within: (entry: (typeof scored)[number]) => boolean): Option[] =>
    scored.filter(within).flatMap((entry) => {
      const criterion = criteria.get(entry.result.code) as Criterion;
      const from = entry.result.raw as number;
      const targets = stepsAbove(criterion.scale, from);
      const weight = share(entry);
      if (targets.length === 0 || weight <= 0) return [];
      const start = scorePercent(criterion.scale, from);
      const home = entry.top ?? entry.result;
      return [
        {
          criterion,
          group: entry.top,
          below: home.percent !== null && home.percent + PASS_EPSILON < result.passMark,
          from,
          targets,
          gains: targets.map((value) => weight * (scorePercent(criterion.scale, value) - start)),
        },
      ];
    });

  const overall =
    result.percent === null || result.percent + PASS_EPSILON >= result.passMark
      ? null
      : plan(
          '',
          rubric.name,
          result.percent,
          result.passMark,
          optionsFor(
            (entry) => entry.result.effectiveShare,
            () => true,
          ),
        );
  const groups = result.items
    .filter((node): node is Extract<NodeResult, { kind: 'group' }> => node.kind === 'group')
    .filter((node) => node.percent !== null && node.percent + PASS_EPSILON < result.passMark && node.effectiveShare > 0)
    .map((node) =>
      plan(
        node.code,
        node.title,
        node.percent as number,
        result.passMark,
        optionsFor(
          (entry) => entry.result.effectiveShare / node.effectiveShare,
          (entry) => entry.top?.code === node.code,
        ),
      ),
    );
  return { overall, groups };
}
