import { STAGE_WEIGHTING_WHEN_ABSENT, type Criterion, type Rubric, type RubricNode, type Scale } from './schema.ts';
import type { Scores } from './score.ts';
import { acceptsScore } from './scale.ts';
import { walk } from './walk.ts';

/**
 * How a new version of a rubric differs from the one before, from least to most
 * disruptive: only wording; scales or weights (scores stay, results change); criteria
 * added, removed or moved.
 */
export type ChangeKind = 'none' | 'wording' | 'scoring' | 'structure';

export interface RubricChange {
  kind: ChangeKind;
  added: string[];
  removed: string[];
  moved: string[];
  /** Criteria whose scale (levels, range, step or mapping) changed. */
  scaleChanged: string[];
  /** Groups or criteria whose weight changed, and groups whose weighting or points changed. */
  weightChanged: string[];
  /** Criteria whose not-applicable option or Bimtek stages changed. */
  applicabilityChanged: string[];
  /** Groups or criteria whose titles, level labels, descriptors or guidance changed. */
  wordingChanged: string[];
  /** Rubric-wide settings that changed: passMark, points, bands, weighting, stageWeighting, name, description. */
  settingsChanged: string[];
  /** Groups ("(root)" for the top level) whose children now come in another order. */
  reordered: string[];
}

interface Placed {
  node: RubricNode;
  parent: string;
}

function index(rubric: Rubric): Map<string, Placed> {
  return new Map([...walk(rubric)].map(({ node, ancestors }) => [node.code, { node, parent: ancestors.at(-1) ?? '' }]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function scoringShape(scale: Scale) {
  return scale.kind === 'levels'
    ? { kind: scale.kind, mapping: scale.mapping, values: scale.levels.map((level) => level.value).sort((a, b) => a - b) }
    : { kind: scale.kind, mapping: scale.mapping, min: scale.min, max: scale.max, step: scale.step };
}

function wordingShape(node: RubricNode) {
  if (node.type === 'group') return { title: node.title };
  const levels = node.scale.kind === 'levels' ? node.scale.levels : node.scale.anchors;
  return {
    title: node.title,
    guidance: node.guidance,
    levels: levels.map(({ value, label, descriptor }) => ({ value, label, descriptor })),
  };
}

export function classifyChange(before: Rubric, after: Rubric): RubricChange {
  const old = index(before);
  const now = index(after);
  const change: RubricChange = {
    kind: 'none',
    added: [...now.keys()].filter((code) => !old.has(code)),
    removed: [...old.keys()].filter((code) => !now.has(code)),
    moved: [],
    scaleChanged: [],
    weightChanged: [],
    applicabilityChanged: [],
    wordingChanged: [],
    settingsChanged: [],
    reordered: [],
  };
  for (const [code, { node, parent }] of now) {
    const previous = old.get(code);
    if (!previous) continue;
    if (previous.parent !== parent || previous.node.type !== node.type) {
      change.moved.push(code);
      continue;
    }
    if (previous.node.weight !== node.weight) change.weightChanged.push(code);
    if (
      node.type === 'group' &&
      previous.node.type === 'group' &&
      (previous.node.weighting !== node.weighting || previous.node.points !== node.points) &&
      !change.weightChanged.includes(code)
    ) {
      change.weightChanged.push(code);
    }
    if (node.type === 'criterion' && previous.node.type === 'criterion') {
      if (!same(scoringShape(previous.node.scale), scoringShape(node.scale))) change.scaleChanged.push(code);
      if (previous.node.allowNotApplicable !== node.allowNotApplicable || !same(previous.node.stages, node.stages)) {
        change.applicabilityChanged.push(code);
      }
    }
    if (!same(wordingShape(previous.node), wordingShape(node))) change.wordingChanged.push(code);
  }
  for (const key of ['passMark', 'points', 'bands', 'weighting'] as const) {
    if (!same(before[key], after[key])) change.settingsChanged.push(key);
  }
  // Absent is read as "whole", so writing "whole" out changes no result.
  const stageWeighting = (rubric: Rubric) => rubric.stageWeighting ?? STAGE_WEIGHTING_WHEN_ABSENT;
  if (stageWeighting(before) !== stageWeighting(after)) change.settingsChanged.push('stageWeighting');
  const wordingSettings = (['name', 'description'] as const).filter((key) => !same(before[key], after[key]));
  change.settingsChanged.push(...wordingSettings);
  change.reordered = reorderedParents(before, after);

  const structural = change.added.length + change.removed.length + change.moved.length > 0;
  const scoring =
    change.scaleChanged.length + change.weightChanged.length + change.applicabilityChanged.length > 0 ||
    change.settingsChanged.some((key) => !(wordingSettings as string[]).includes(key));
  const wording = change.wordingChanged.length + wordingSettings.length + change.reordered.length > 0;
  change.kind = structural ? 'structure' : scoring ? 'scoring' : wording ? 'wording' : 'none';
  // Anything this comparison does not name (the order of levels or bands, say) still counts as a change.
  if (change.kind === 'none' && !same({ ...before, version: 0 }, { ...after, version: 0 })) {
    change.kind = 'wording';
    change.settingsChanged.push('other');
  }
  return change;
}

/** Parents whose children, among those in both versions, come in a different order. */
function reorderedParents(before: Rubric, after: Rubric): string[] {
  const childrenOf = (rubric: Rubric) => {
    const map = new Map<string, string[]>([['(root)', rubric.items.map((node) => node.code)]]);
    for (const { node } of walk(rubric))
      if (node.type === 'group')
        map.set(
          node.code,
          node.children.map((child) => child.code),
        );
    return map;
  };
  const old = childrenOf(before);
  const reordered: string[] = [];
  for (const [parent, codes] of childrenOf(after)) {
    const previous = old.get(parent);
    if (!previous) continue;
    const common = codes.filter((code) => previous.includes(code));
    if (
      !same(
        common,
        previous.filter((code) => common.includes(code)),
      )
    )
      reordered.push(parent);
  }
  return reordered;
}

export interface ScoreMigration {
  /** Scores that carry over to the new version. */
  scores: Record<string, number | 'na'>;
  /** Criteria the assessor must look at again; their old score, if still allowed, is kept for reference. */
  needsRescore: string[];
  /** Scores dropped because their criterion is gone. */
  dropped: string[];
  /** Weights, pass mark, bands or points changed: the same scores give other results, which the caller must say. */
  resultsChanged: boolean;
}

/**
 * Move an assessment's scores to a new rubric version. A score stays valid as long as
 * what it judges stays the same, so criteria are flagged "needs rescore" when they are
 * new, moved, or their scale or applicability changed; a score the new scale no longer
 * allows is not carried over. Weights change results, not the meaning of a score: no
 * flag, but `resultsChanged` tells the caller to say so. Nothing is recomputed silently.
 */
export function migrateScores(before: Rubric, after: Rubric, scores: Scores): ScoreMigration {
  const change = classifyChange(before, after);
  const criteria = new Map(
    [...walk(after)].filter(({ node }) => node.type === 'criterion').map(({ node }) => [node.code, node as Criterion]),
  );
  const flagged = new Set([...change.added, ...change.moved, ...change.scaleChanged, ...change.applicabilityChanged]);
  const resultsChanged =
    change.weightChanged.length > 0 ||
    change.settingsChanged.some((key) => ['passMark', 'points', 'bands', 'weighting', 'stageWeighting'].includes(key));
  const result: ScoreMigration = { scores: {}, needsRescore: [], dropped: [], resultsChanged };
  for (const [code, value] of Object.entries(scores)) {
    if (value === undefined) continue;
    const criterion = criteria.get(code);
    if (!criterion) {
      result.dropped.push(code);
      continue;
    }
    const stillAllowed = acceptsScore(criterion, value);
    if (stillAllowed) result.scores[code] = value;
    else flagged.add(code);
  }
  result.needsRescore = [...criteria.keys()].filter((code) => flagged.has(code));
  return result;
}
