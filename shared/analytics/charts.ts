import type { ResultRow, SubmissionSummary } from '../assessment/catalog.ts';
import type { Title } from '../rubric/schema.ts';
import { PASS_EPSILON, type NodeResult, type RubricResult } from '../rubric/score.ts';

/**
 * What the charts draw, built from results: pure, so that each chart's numbers are tested
 * here and the components only lay them out.
 */
export type Standing = 'above' | 'below' | 'none';

export const standing = (percent: number | null, passMark: number): Standing =>
  percent === null ? 'none' : percent + PASS_EPSILON >= passMark ? 'above' : 'below';

export interface DimensionPoint {
  code: string;
  title: Title;
  panel: number | null;
  self: number | null;
  passMark: number;
  /** panel − pass mark. */
  gap: number | null;
  standing: Standing;
}

/** The top-level items (the dimensions) with the panel's and the self-assessment's %, for the radar. */
export function dimensionPoints(panel: RubricResult, self?: RubricResult | null): DimensionPoint[] {
  const selfByCode = new Map(self?.items.map((item) => [item.code, item.percent]) ?? []);
  return panel.items.map((item) => ({
    code: item.code,
    title: item.title,
    panel: item.percent,
    self: selfByCode.get(item.code) ?? null,
    passMark: panel.passMark,
    gap: item.percent === null ? null : item.percent - panel.passMark,
    standing: standing(item.percent, panel.passMark),
  }));
}

/** The gap bars: furthest below the pass mark first; dimensions without a result last. */
export function gapBars(points: readonly DimensionPoint[]): DimensionPoint[] {
  return [...points].sort(
    (a, b) => (a.gap ?? Number.POSITIVE_INFINITY) - (b.gap ?? Number.POSITIVE_INFINITY) || a.code.localeCompare(b.code),
  );
}

/** "GOV · Smart Governance": a code with its name, for tooltips, legends and keys (the code alone when the name is the code). */
export function codeAndName(code: string, name: string): string {
  return name.trim() === '' || name === code ? code : `${code} · ${name}`;
}

/** `text` followed by "…", without the space or comma it would otherwise end on. */
const ellipsis = (text: string) => `${text.replace(/[\s,;:.]+$/, '')}…`;

/** At most `maxChars` characters: cut with "…" when longer, after a whole word when one fits. */
function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, Math.max(0, maxChars - 1));
  const space = cut.lastIndexOf(' ');
  return ellipsis(space > 0 ? cut.slice(0, space) : cut);
}

/**
 * Words into lines of at most `maxChars` characters, at most `maxLines` of them: the last line
 * ends with "…" when the text does not fit (a single word longer than a line is cut the same way).
 */
export function wrapWords(text: string, maxChars: number, maxLines = Number.POSITIVE_INFINITY): string[] {
  const width = Math.max(1, Math.floor(maxChars));
  const lines: string[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const kept = lines.slice(0, Math.max(1, maxLines)).map((line) => clip(line, width));
  if (lines.length > kept.length) {
    const last = kept.at(-1) as string;
    kept[kept.length - 1] = last.endsWith('…') ? last : last.length < width ? ellipsis(last) : clip(`${last} …`, width);
  }
  return kept;
}

/**
 * A category's tick on an axis: "Smart Governance (GOV)" in at most `maxLines` lines of `maxChars`.
 * The code is always there in full; the name is shortened with "…" when it does not fit, and left
 * out (the code alone) when a line cannot hold the code and a few letters of it.
 */
export function categoryTick(code: string, name: string, maxChars: number, maxLines = 2): string[] {
  const suffix = `(${code})`;
  if (name.trim() === '' || name === code || maxLines < 1 || maxChars < suffix.length + 4) return [code];
  const whole = wrapWords(`${name} ${suffix}`, maxChars);
  if (whole.length <= maxLines && whole.at(-1)?.endsWith(suffix)) return whole;
  // The name in the lines before the last, the last line its rest cut short, then the code.
  const nameLines = wrapWords(name, maxChars);
  const head = nameLines.slice(0, maxLines - 1);
  const rest = nameLines.slice(head.length).join(' ');
  const room = maxChars - suffix.length - 1;
  const tail = room < 2 ? suffix : `${clip(rest, room)} ${suffix}`;
  return [...head, tail];
}

export interface BarLabel {
  code: string;
  text: string;
  /** Where the label starts (anchor 'start') or ends (anchor 'end'), in the axis's units. */
  at: number;
  anchor: 'start' | 'end';
  /** Next to the end of its bar; or beside the pass-mark line on the free side when there is no room past the end. */
  placement: 'end' | 'axis' | 'none';
}

/**
 * A label for every gap bar, none left out. A bar's value goes just past its end, on the side it
 * points to, when it fits between the end and the edge of the plot; otherwise beside the pass-mark
 * line on the other side, which is always free (a bar goes one way). A group without a result says
 * so (`noResult`) beside the line, every such group the same; shortened to `noResultShort` when even
 * that does not fit. Widths in the axis's units: `charWidth` per character, `gap` between bar and label.
 */
export function gapBarLabels(
  bars: readonly Pick<DimensionPoint, 'code' | 'gap'>[],
  options: {
    domain: readonly [number, number];
    charWidth: number;
    gap: number;
    text(gap: number): string;
    noResult: string;
    noResultShort: string;
  },
): BarLabel[] {
  const [min, max] = options.domain;
  const width = (text: string) => text.length * options.charWidth;
  return bars.map(({ code, gap }) => {
    if (gap === null) {
      const fits = options.gap + width(options.noResult) <= max;
      return { code, text: fits ? options.noResult : options.noResultShort, at: options.gap, anchor: 'start', placement: 'none' };
    }
    const text = options.text(gap);
    const needed = options.gap + width(text);
    if (gap >= 0)
      return gap + needed <= max
        ? { code, text, at: gap + options.gap, anchor: 'start', placement: 'end' }
        : { code, text, at: -options.gap, anchor: 'end', placement: 'axis' };
    return gap - needed >= min
      ? { code, text, at: gap - options.gap, anchor: 'end', placement: 'end' }
      : { code, text, at: options.gap, anchor: 'start', placement: 'axis' };
  });
}

/** Where a label of `width` centred on `centre` starts so that it stays within [from, to] (from wins when it is wider). */
export function fitLabel(centre: number, width: number, from: number, to: number): number {
  return Math.max(from, Math.min(centre - width / 2, to - width));
}

export interface HeatCell {
  code: string;
  title: Title;
  percent: number | null;
  gap: number | null;
  standing: Standing;
  /** Not applicable, or not due at this stage: no colour, said in words. */
  excluded: boolean;
}

export interface HeatRow {
  code: string;
  title: Title;
  percent: number | null;
  cells: HeatCell[];
}

function criteriaBelow(node: NodeResult, into: NodeResult[] = []): NodeResult[] {
  if (node.kind === 'criterion') into.push(node);
  else for (const child of node.children) criteriaBelow(child, into);
  return into;
}

/** One row per top-level item, one cell per criterion below it, coloured by its gap to the pass mark. */
export function criterionHeatmap(result: RubricResult): HeatRow[] {
  return result.items.map((item) => ({
    code: item.code,
    title: item.title,
    percent: item.percent,
    cells: criteriaBelow(item).map((node) => ({
      code: node.code,
      title: node.title,
      percent: node.percent,
      gap: node.percent === null ? null : node.percent - result.passMark,
      standing: standing(node.percent, result.passMark),
      excluded: node.kind === 'criterion' && (node.status === 'not_applicable' || node.status === 'not_due'),
    })),
  }));
}

/** Five shades by gap, so that the colour says how far, the pattern says which side. */
export function gapShade(gap: number | null): 0 | 1 | 2 | 3 | 4 | 5 {
  if (gap === null) return 0;
  if (gap < -30) return 1;
  if (gap < -10) return 2;
  if (gap < -PASS_EPSILON) return 3;
  if (gap < 15) return 4;
  return 5;
}

export interface StageEntry {
  key: string;
  kind: 'bimtek' | 'evaluation';
  stage: number | null;
  year: number | null;
  overall: number | null;
  groups: readonly ResultRow[];
}

export interface ProgressSeries {
  dimensions: { code: string; title: Title }[];
  /** One point per stage (or year) in order, each dimension's % by its code, and `overall`. */
  points: ({ key: string; kind: 'bimtek' | 'evaluation'; stage: number | null; year: number | null; overall: number | null } & Record<
    string,
    unknown
  >)[];
  /** Per dimension (and '' for overall): the latest result against the one before it. */
  improvements: { code: string; title: Title | null; previous: number | null; latest: number | null; change: number | null }[];
  /** The two stages compared (the last two with a result). */
  compared: { previous: string | null; latest: string | null };
}

/** Where a submission comes in a regency's history: Bimtek 1–4, then the yearly evaluations. */
export const stageOrder = (entry: { kind: 'bimtek' | 'evaluation'; stage: number | null; year: number | null }): number =>
  entry.kind === 'bimtek' ? (entry.stage ?? 0) : 10 + (entry.year ?? 0);

/** Bimtek 1–4 (then yearly evaluations) in order, with the improvement since the previous point. */
export function progressSeries(entries: readonly StageEntry[]): ProgressSeries {
  const sorted = [...entries].sort((a, b) => stageOrder(a) - stageOrder(b));
  const dimensions = new Map<string, Title>();
  for (const entry of sorted) for (const group of entry.groups) if (!dimensions.has(group.code)) dimensions.set(group.code, group.title);
  const points = sorted.map((entry) => ({
    key: entry.key,
    kind: entry.kind,
    stage: entry.stage,
    year: entry.year,
    overall: entry.overall,
    ...Object.fromEntries(entry.groups.map((group) => [group.code, group.percent])),
  }));
  // The change since the stage before, among the stages that have a result.
  const withResult = sorted.filter((entry) => entry.overall !== null);
  const latest = withResult.at(-1);
  const previous = withResult.at(-2);
  const percentOf = (entry: StageEntry | undefined, code: string) =>
    entry === undefined ? null : code === '' ? entry.overall : (entry.groups.find((group) => group.code === code)?.percent ?? null);
  const change = (code: string) => {
    const before = percentOf(previous, code);
    const after = percentOf(latest, code);
    return { previous: before, latest: after, change: before === null || after === null ? null : after - before };
  };
  return {
    dimensions: [...dimensions].map(([code, title]) => ({ code, title })),
    points,
    improvements: [{ code: '', title: null, ...change('') }, ...[...dimensions].map(([code, title]) => ({ code, title, ...change(code) }))],
    compared: { previous: previous?.key ?? null, latest: latest?.key ?? null },
  };
}

export interface CohortEntry {
  submissionId: number;
  regencyCode: string;
  regencyName: string;
  provinceCode: string;
  provinceName: string;
  cohortYear: number;
  overall: number | null;
  groups: ResultRow[];
}

/** A submission's result as an entry of the cohort, with its stage and its regency's province and cohort (none known: empty). */
export type StagedCohortEntry = CohortEntry & { kind: SubmissionSummary['kind']; stage: number | null; year: number | null };

export function cohortEntryOf(
  summary: SubmissionSummary,
  regency: { provinceCode: string; provinceName: string; cohortYear: number } | undefined,
): StagedCohortEntry {
  return {
    submissionId: summary.submissionId,
    regencyCode: summary.regencyCode,
    regencyName: summary.regencyName,
    provinceCode: regency?.provinceCode ?? '',
    provinceName: regency?.provinceName ?? '',
    cohortYear: regency?.cohortYear ?? 0,
    overall: summary.panel.overall.percent,
    groups: summary.panel.groups,
    kind: summary.kind,
    stage: summary.stage,
    year: summary.year,
  };
}

export interface Ranked {
  /** Competition ranking by overall % (1, 2, 2, 4); null without a result. */
  rank: number | null;
  rankInProvince: number | null;
  /** Dimensions below the pass mark. */
  below: number;
}

function ranks<T>(rows: readonly T[], value: (row: T) => number | null): Map<T, number | null> {
  const scored = rows.filter((row) => value(row) !== null).sort((a, b) => (value(b) as number) - (value(a) as number));
  const result = new Map<T, number | null>(rows.map((row) => [row, null]));
  scored.forEach((row, index) => {
    const previous = scored[index - 1];
    const same = previous !== undefined && Math.abs((value(previous) as number) - (value(row) as number)) < PASS_EPSILON;
    result.set(row, same ? (result.get(previous) as number) : index + 1);
  });
  return result;
}

/** The cohort ranked by overall %, nationally and within each province, with how many dimensions are below the pass mark. */
function groupsOf<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
}

/** Results that are ranked against each other: the same Bimtek stage, or the same evaluation year. */
export function stagePeers(entry: { kind: 'bimtek' | 'evaluation'; stage: number | null; year: number | null }): string {
  return `${entry.kind}:${entry.stage ?? entry.year}`;
}

/**
 * Ranks nationally and within the province, among the entries `peers` puts together (by default
 * all of them): a Bimtek 2 result is not ranked against Bimtek 3 ones (see stagePeers).
 */
export function cohortRanking<T extends CohortEntry>(
  entries: readonly T[],
  passMark: number,
  peers: (entry: T) => string = () => '',
): (T & Ranked)[] {
  const national = new Map<T, number | null>();
  const provincial = new Map<T, number | null>();
  for (const group of groupsOf(entries, peers)) {
    for (const [entry, rank] of ranks(group, (entry) => entry.overall)) national.set(entry, rank);
    for (const members of groupsOf(group, (entry) => entry.provinceCode))
      for (const [entry, rank] of ranks(members, (member) => member.overall)) provincial.set(entry, rank);
  }
  return entries
    .map((entry) => ({
      ...entry,
      rank: national.get(entry) ?? null,
      rankInProvince: provincial.get(entry) ?? null,
      below: entry.groups.filter((group) => standing(group.percent, passMark) === 'below').length,
    }))
    .sort(
      (a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) || a.regencyCode.localeCompare(b.regencyCode),
    );
}

/**
 * How many groups are below the pass mark, the six dimensions and the other parts (readiness, road
 * map…) counted apart, so that "4 of 8" never mixes them. Without a known dimension, all in one count.
 */
export function belowCounts(
  groups: readonly { code: string; percent: number | null }[],
  passMark: number,
  isDimension: (code: string) => boolean,
): { dimensions: { below: number; total: number }; others: { below: number; total: number } | null } {
  const count = (members: readonly { percent: number | null }[]) => ({
    below: members.filter((group) => standing(group.percent, passMark) === 'below').length,
    total: members.length,
  });
  const dimensions = groups.filter((group) => isDimension(group.code));
  if (dimensions.length === 0) return { dimensions: count(groups), others: null };
  const others = groups.filter((group) => !isDimension(group.code));
  return { dimensions: count(dimensions), others: others.length ? count(others) : null };
}

/** Each dimension's mean % over the rows that have it: the cohort's profile against the pass mark. */
export function dimensionMeans(
  rows: readonly { groups: readonly ResultRow[] }[],
): { code: string; title: Title; mean: number | null; count: number }[] {
  const sums = new Map<string, { title: Title; sum: number; count: number }>();
  for (const row of rows) {
    for (const group of row.groups) {
      const entry = sums.get(group.code) ?? { title: group.title, sum: 0, count: 0 };
      if (group.percent !== null) {
        entry.sum += group.percent;
        entry.count += 1;
      }
      sums.set(group.code, entry);
    }
  }
  return [...sums].map(([code, { title, sum, count }]) => ({ code, title, mean: count ? sum / count : null, count }));
}

/** How many results fall in each band of `width` points: [0, width), … [100 − width, 100]. */
export function histogram(values: readonly (number | null)[], width = 10): { from: number; to: number; count: number }[] {
  const bins = Array.from({ length: Math.ceil(100 / width) }, (_, index) => ({
    from: index * width,
    to: Math.min(100, (index + 1) * width),
    count: 0,
  }));
  for (const value of values) {
    if (value === null) continue;
    const index = Math.min(bins.length - 1, Math.max(0, Math.floor(value / width)));
    (bins[index] as { count: number }).count += 1;
  }
  return bins;
}
